#include "widgets/job_list.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPainter>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tfs::widgets {

namespace {

// The progress column as a real progress bar, drawn by the style.
class ProgressDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override {
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(3, 4, -3, -4);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = qRound(index.data(JobListModel::kProgressRole).toDouble() * 1000);
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    if (option.state & QStyle::State_Selected)
      painter->fillRect(option.rect, option.palette.highlight());
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
  }
};

}  // namespace

JobList::JobList(QWidget* parent)
    : QWidget(parent), model_(new JobListModel(this)), view_(new QTableView(this)) {
  setObjectName(QStringLiteral("jobList"));
  view_->setObjectName(QStringLiteral("jobTable"));
  view_->setModel(model_);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->setDragEnabled(true);
  view_->setAcceptDrops(true);
  view_->setDropIndicatorShown(true);
  view_->setDragDropMode(QAbstractItemView::DragDrop);
  view_->setDefaultDropAction(Qt::MoveAction);
  view_->setDragDropOverwriteMode(false);
  view_->setItemDelegateForColumn(JobListModel::kProgress, new ProgressDelegate(view_));
  view_->verticalHeader()->setVisible(false);
  view_->verticalHeader()->setDefaultSectionSize(JobListModel::kThumbnailSide + 6);
  view_->setIconSize(QSize(JobListModel::kThumbnailSide, JobListModel::kThumbnailSide));
  view_->horizontalHeader()->setSectionResizeMode(JobListModel::kPrompt, QHeaderView::Stretch);
  view_->horizontalHeader()->setSectionResizeMode(JobListModel::kId, QHeaderView::ResizeToContents);
  view_->horizontalHeader()->setSectionResizeMode(JobListModel::kKind,
                                                  QHeaderView::ResizeToContents);
  view_->horizontalHeader()->setSectionResizeMode(JobListModel::kStatus,
                                                  QHeaderView::ResizeToContents);
  for (int c :
       {JobListModel::kSeed, JobListModel::kSteps, JobListModel::kSampler, JobListModel::kDuration})
    view_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  view_->setColumnWidth(JobListModel::kProgress, 120);
  view_->setWordWrap(false);
  view_->setTextElideMode(Qt::ElideRight);

  QStyle* s = style();
  auto* buttons = new QHBoxLayout;
  buttons->setContentsMargins(0, 0, 0, 0);
  auto add = [&](QToolButton* button) { buttons->addWidget(button); };
  add(up_ = addButton(QStringLiteral("moveUpButton"), tr("Up"), tr("Run this job earlier"),
                      s->standardIcon(QStyle::SP_ArrowUp)));
  add(down_ = addButton(QStringLiteral("moveDownButton"), tr("Down"), tr("Run this job later"),
                        s->standardIcon(QStyle::SP_ArrowDown)));
  buttons->addSpacing(12);
  add(cancel_ = addButton(QStringLiteral("cancelButton"), tr("Cancel"),
                          tr("Remove the selected job from the queue, or cancel it if it runs"),
                          s->standardIcon(QStyle::SP_DialogCancelButton)));
  buttons->addStretch(1);
  add(stopNow_ = addButton(QStringLiteral("stopNowButton"), tr("Stop now"),
                           tr("Interrupt the running job immediately"),
                           s->standardIcon(QStyle::SP_MediaStop)));
  add(stopAfter_ = addButton(QStringLiteral("stopAfterImageButton"), tr("Stop after image"),
                             tr("Let the running job finish its current image, then stop"),
                             s->standardIcon(QStyle::SP_MediaPause)));
  add(skip_ = addButton(QStringLiteral("skipImageButton"), tr("Skip image"),
                        tr("Abandon the current image and go on with the next one"),
                        s->standardIcon(QStyle::SP_MediaSkipForward)));
  up_->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
  down_->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
  cancel_->setShortcut(QKeySequence::Delete);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(buttons);
  layout->addWidget(view_, 1);

  connect(up_, &QToolButton::clicked, this, &JobList::moveSelectedUp);
  connect(down_, &QToolButton::clicked, this, &JobList::moveSelectedDown);
  connect(cancel_, &QToolButton::clicked, this, &JobList::cancelSelected);
  connect(stopNow_, &QToolButton::clicked, this, &JobList::stopNow);
  connect(stopAfter_, &QToolButton::clicked, this, &JobList::stopAfterCurrentImage);
  connect(skip_, &QToolButton::clicked, this, &JobList::skipCurrentImage);
  connect(model_, &JobListModel::orderChanged, this, &JobList::orderChanged);
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &JobList::updateActions);
  connect(model_, &QAbstractItemModel::dataChanged, this, &JobList::updateActions);
  connect(model_, &QAbstractItemModel::rowsInserted, this, &JobList::updateActions);
  connect(model_, &QAbstractItemModel::rowsRemoved, this, &JobList::updateActions);
  connect(model_, &QAbstractItemModel::rowsMoved, this, &JobList::updateActions);
  updateActions();
}

QToolButton* JobList::addButton(const QString& name, const QString& text, const QString& tip,
                                const QIcon& icon) {
  auto* button = new QToolButton(this);
  button->setObjectName(name);
  button->setText(text);
  button->setToolTip(tip);
  button->setIcon(icon);
  button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  button->setAutoRaise(true);
  return button;
}

QString JobList::selectedJobId() const {
  const QModelIndexList rows = view_->selectionModel()->selectedRows();
  return rows.isEmpty() ? QString() : model_->job(rows.first().row()).id;
}

void JobList::selectJob(const QString& id) {
  const int row = model_->rowOf(id);
  if (row < 0) {
    view_->clearSelection();
    return;
  }
  view_->selectRow(row);
}

QString JobList::runningJobId() const {
  for (int row = 0; row < model_->rowCount(); ++row)
    if (model_->job(row).status == JobStatus::Running) return model_->job(row).id;
  return {};
}

void JobList::moveSelectedUp() {
  const QString id = selectedJobId();
  const int row = model_->rowOf(id);
  if (row > 0 && model_->moveJob(id, row - 1)) selectJob(id);
}

void JobList::moveSelectedDown() {
  const QString id = selectedJobId();
  const int row = model_->rowOf(id);
  if (row >= 0 && row + 1 < model_->rowCount() && model_->moveJob(id, row + 1)) selectJob(id);
}

void JobList::cancelSelected() {
  const QString id = selectedJobId();
  if (!id.isEmpty()) Q_EMIT cancelRequested(id);
}

void JobList::stopNow() {
  const QString id = runningJobId();
  if (!id.isEmpty()) Q_EMIT stopNowRequested(id);
}

void JobList::stopAfterCurrentImage() {
  const QString id = runningJobId();
  if (!id.isEmpty()) Q_EMIT stopAfterImageRequested(id);
}

void JobList::skipCurrentImage() {
  const QString id = runningJobId();
  if (!id.isEmpty()) Q_EMIT skipImageRequested(id);
}

void JobList::updateActions() {
  const int row = model_->rowOf(selectedJobId());
  // Only a job still waiting can run earlier or later; a running or finished one stays put.
  const bool queued = row >= 0 && model_->job(row).status == JobStatus::Queued;
  up_->setEnabled(queued && row > 0);
  down_->setEnabled(queued && row + 1 < model_->rowCount());
  const bool cancellable = row >= 0 && (model_->job(row).status == JobStatus::Queued ||
                                        model_->job(row).status == JobStatus::Running);
  cancel_->setEnabled(cancellable);
  const bool running = !runningJobId().isEmpty();
  stopNow_->setEnabled(running);
  stopAfter_->setEnabled(running);
  skip_->setEnabled(running);
}

}  // namespace tfs::widgets
