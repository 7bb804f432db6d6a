#include "app/studio/jobs_page.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "app/studio/generation_image.h"
#include "app/studio/generation_queue.h"
#include "widgets/image_pane.h"
#include "widgets/job_list.h"

namespace tfs::studio {

using widgets::JobStatus;

JobsPage::JobsPage(GenerationQueue* queue, QWidget* parent)
    : QWidget(parent), queue_(queue), list_(new widgets::JobList(this)) {
  setObjectName(QStringLiteral("jobsPage"));
  auto* outer = new QHBoxLayout(this);
  auto* left = new QVBoxLayout;
  left->addWidget(list_, 1);
  auto* row = new QHBoxLayout;
  auto* hint = new QLabel(tr("Drag a finished job's image into the Conversation or the Edit "
                             "workspace, or right-click a job for more."),
                          this);
  hint->setWordWrap(true);
  auto* clear = new QPushButton(tr("C&lear Finished"), this);
  clear->setObjectName(QStringLiteral("clearFinished"));
  clear->setToolTip(tr("Remove done, failed and cancelled jobs from the list"));
  row->addWidget(hint, 1);
  row->addWidget(clear);
  left->addLayout(row);
  outer->addLayout(left, 1);

  auto* right = new QVBoxLayout;
  preview_ = new widgets::ImagePane(this);
  preview_->setObjectName(QStringLiteral("jobPreview"));
  preview_->setMinimumSize(220, 220);
  preview_->setCaption(tr("selected job"));
  detail_ = new QLabel(this);
  detail_->setWordWrap(true);
  detail_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  detail_->setMaximumWidth(260);
  right->addWidget(preview_);
  right->addWidget(detail_);
  right->addStretch(1);
  outer->addLayout(right);

  // The three stops get keys too (the list only gives them to reorder and cancel).
  const std::pair<const char*, QKeySequence> keys[] = {
      {"stopNowButton", QKeySequence(Qt::CTRL | Qt::Key_Period)},
      {"stopAfterImageButton", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Period)},
      {"skipImageButton", QKeySequence(Qt::CTRL | Qt::Key_K)}};
  for (const auto& [name, key] : keys) {
    if (auto* b = list_->findChild<QToolButton*>(QLatin1String(name))) {
      b->setShortcut(key);
      b->setToolTip(
          QStringLiteral("%1 (%2)").arg(b->toolTip(), key.toString(QKeySequence::NativeText)));
    }
  }
  clear->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));

  auto* model = list_->model();
  connect(clear, &QPushButton::clicked, this, &JobsPage::clearFinished);
  connect(queue_, &GenerationQueue::jobSubmitted, this, [this, model](const GenerationJob& job) {
    jobs_.insert(job.id, job);
    widgets::JobInfo info;
    info.id = job.id;
    info.kind = jobKindName(job.kind);
    info.prompt = job.label;
    if (job.kind != JobKind::Caption) {
      const auto& img = job.options.image;
      info.seed = job.kind == JobKind::TextToImage && job.count > 1
                      ? QStringLiteral("%1+").arg(job.options.seed)
                      : QString::number(job.options.seed);
      info.steps = int(img.steps);
      info.sampler = QString::fromStdString(img.sampler);
    }
    model->addJob(info);
  });
  connect(queue_, &GenerationQueue::jobStarted, this,
          [model](const QString& id) { model->updateJob(id, JobStatus::Running, 0.0); });
  connect(queue_, &GenerationQueue::progressChanged, this,
          [model](const QString& id, double p) { model->updateJob(id, JobStatus::Running, p); });
  connect(queue_, &GenerationQueue::stepDone, this,
          [model](const QString& id, const StepUpdate& s) {
            // The thumbnail follows the denoising now and then, not at every step.
            if (!s.x0.isNull() && (s.step % 4 == 0 || s.step + 1 == s.steps))
              model->setJobImage(id, s.x0);
          });
  connect(queue_, &GenerationQueue::imageDone, this,
          [this, model](const QString& id, const ImageUpdate& u) {
            if (u.skipped) return;
            model->setJobImage(id, u.pixels);
            images_.insert(id, u.pixels);
            parameters_.insert(id, u.parameters);
          });
  connect(queue_, &GenerationQueue::jobFinished, this,
          [this, model](const QString& id, const JobOutcome& o) {
            const int row = model->rowOf(id);
            if (row < 0) return;
            const double p = o.cancelled ? model->job(row).progress : 1.0;
            model->updateJob(id, o.cancelled ? JobStatus::Cancelled : JobStatus::Done, p);
            if (o.seconds > 0 || !o.cancelled) model->setJobDuration(id, o.seconds);
            // A job stopped before its first image shows no image: the thumbnail was only the
            // denoising preview of an image that does not exist.
            if (o.cancelled && !images_.contains(id)) model->setJobImage(id, QImage());
            showSelected();
          });
  connect(queue_, &GenerationQueue::jobFailed, this,
          [this, model](const QString& id, const QString& message) {
            const int row = model->rowOf(id);
            if (row < 0) return;
            model->updateJob(id, JobStatus::Failed, model->job(row).progress);
            showSelected();
            detail_->setToolTip(message);
          });

  connect(list_, &widgets::JobList::orderChanged, queue_, &GenerationQueue::setOrder);
  connect(list_, &widgets::JobList::cancelRequested, this, &JobsPage::cancelJob);
  connect(list_, &widgets::JobList::stopNowRequested, queue_, &GenerationQueue::stopNow);
  connect(list_, &widgets::JobList::stopAfterImageRequested, queue_,
          &GenerationQueue::stopAfterImage);
  connect(list_, &widgets::JobList::skipImageRequested, queue_, &GenerationQueue::skipImage);
  connect(list_->view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &JobsPage::showSelected);
  list_->view()->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(list_->view(), &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
    const QModelIndex index = list_->view()->indexAt(pos);
    if (!index.isValid()) return;
    const QString id = list_->model()->job(index.row()).id;
    list_->selectJob(id);
    if (QMenu* menu = menuForJob(id)) {
      menu->setAttribute(Qt::WA_DeleteOnClose);
      menu->popup(list_->view()->viewport()->mapToGlobal(pos));
    }
  });
  connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& tl) {
    if (tl.row() == list_->model()->rowOf(list_->selectedJobId())) showSelected();
  });
}

void JobsPage::showSelected() {
  const int row = list_->model()->rowOf(list_->selectedJobId());
  if (row < 0) {
    preview_->setImage({});
    detail_->clear();
    return;
  }
  const auto& job = list_->model()->job(row);
  preview_->setImage(job.image);
  detail_->setText(tr("<b>%1</b> · %2<br>%3")
                       .arg(job.kind, widgets::JobListModel::statusText(job.status),
                            job.prompt.toHtmlEscaped()));
}

QMenu* JobsPage::menuForJob(const QString& id) {
  const int row = list_->model()->rowOf(id);
  if (row < 0) return nullptr;
  const auto status = list_->model()->job(row).status;
  const QImage image = images_.value(id);
  auto* menu = new QMenu(this);
  menu->setObjectName(QStringLiteral("jobMenu"));
  auto add = [&](const char* name, const QString& text, bool enabled, auto fn) {
    QAction* a = menu->addAction(text, this, fn);
    a->setObjectName(QLatin1String(name));
    a->setEnabled(enabled);
    return a;
  };
  const bool hasImage = !image.isNull();
  add("sendToEdit", tr("Send to &Edit"), hasImage,
      [this, id] { Q_EMIT sendToEdit(images_.value(id), parameters_.value(id)); });
  add("sendToConversation", tr("Send to &Conversation"), hasImage,
      [this, id] { Q_EMIT sendToConversation(images_.value(id)); });
  add("saveImage", tr("&Save Image…"), hasImage, [this, id] { saveImage(id); });
  add("copyParameters", tr("Copy &Parameters"), !parameters_.value(id).isEmpty(), [this, id] {
    QApplication::clipboard()->setText(parameters_.value(id));
    Q_EMIT statusMessage(tr("Parameters of job %1 copied").arg(id), 3000);
  });
  menu->addSeparator();
  add("runAgain", tr("&Run Again"), jobs_.contains(id), [this, id] { runAgain(id); });
  const bool live = status == JobStatus::Queued || status == JobStatus::Running;
  add("cancelJob", tr("C&ancel"), live, [this, id] { cancelJob(id); });
  return menu;
}

void JobsPage::cancelJob(const QString& id) {
  // A job the queue no longer knows (it finished meanwhile) just leaves the list.
  if (!queue_->cancel(id)) list_->model()->removeJob(id);
}

QString JobsPage::runAgain(const QString& id) {
  auto it = jobs_.constFind(id);
  if (it == jobs_.constEnd()) return {};
  GenerationJob job = *it;
  job.id.clear();
  const QString fresh = queue_->submit(std::move(job));
  Q_EMIT statusMessage(tr("Job %1 queued again as job %2").arg(id, fresh), 3000);
  return fresh;
}

void JobsPage::saveImage(const QString& id) {
  const QImage image = images_.value(id);
  if (!image.isNull())
    saveImageDialog(this, image, parameters_.value(id), QStringLiteral("job-%1.png").arg(id));
}

void JobsPage::clearFinished() {
  auto* model = list_->model();
  QStringList gone;
  for (int r = 0; r < model->rowCount(); ++r) {
    const auto s = model->job(r).status;
    if (s == JobStatus::Done || s == JobStatus::Failed || s == JobStatus::Cancelled)
      gone << model->job(r).id;
  }
  for (const auto& id : gone) {
    model->removeJob(id);
    jobs_.remove(id);
    images_.remove(id);
    parameters_.remove(id);
  }
  showSelected();
}

}  // namespace tfs::studio
