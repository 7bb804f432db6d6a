#include "app/studio/edit_page.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImageReader>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include "app/studio/chat_input.h"
#include "app/studio/edit_finetune.h"
#include "app/studio/generation_image.h"
#include "app/studio/generation_queue.h"
#include "app/studio/generation_settings.h"
#include "app/studio/model_session.h"
#include "core/data/shapes.h"
#include "core/generate/model_bundle.h"
#include "widgets/image_compare.h"

namespace tfs::studio {

namespace {

bool isEditRun(const QString& runDir) {
  return runTrainedForEditing(runDir.toStdString());
}

}  // namespace

EditPage::EditPage(ModelSession* session, QWidget* parent)
    : QWidget(parent), session_(session), finetune_(new EditFinetune(this)) {
  setObjectName(QStringLiteral("editPage"));
  setAcceptDrops(true);
  auto* outer = new QHBoxLayout(this);
  auto* split = new QSplitter(Qt::Horizontal, this);
  outer->addWidget(split);

  auto* scroll = new QScrollArea(split);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMaximumWidth(400);
  scroll->setMinimumWidth(330);
  auto* controls = new QWidget(scroll);
  scroll->setWidget(controls);
  auto* col = new QVBoxLayout(controls);

  auto* inputRow = new QHBoxLayout;
  open_ = new QPushButton(tr("&Open Image…"), controls);
  open_->setShortcut(QKeySequence::Open);
  open_->setToolTip(
      tr("The image to edit (Ctrl+O); you can also drop one here, or drag a "
         "finished job's image from Jobs"));
  iterate_ = new QPushButton(tr("Use &Result"), controls);
  iterate_->setObjectName(QStringLiteral("iterate"));
  iterate_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  iterate_->setToolTip(tr("Edit the result further: it becomes the input (Ctrl+R)"));
  scene_ = new QPushButton(tr("&New Scene"), controls);
  scene_->setObjectName(QStringLiteral("newScene"));
  scene_->setToolTip(
      tr("A random shapes scene at the editing model's size, with an instruction that fits it "
         "(the shapes world the shipped editing model knows)"));
  inputRow->addWidget(open_);
  inputRow->addWidget(scene_);
  inputRow->addWidget(iterate_);
  col->addLayout(inputRow);

  auto* instrLabel = new QLabel(tr("&Instruction:"), controls);
  instruction_ = new QLineEdit(controls);
  instruction_->setObjectName(QStringLiteral("instruction"));
  instruction_->setPlaceholderText(tr("e.g. make the circle green"));
  instruction_->setClearButtonEnabled(true);
  instruction_->setToolTip(tr("What to change; Enter runs the edit"));
  instrLabel->setBuddy(instruction_);
  col->addWidget(instrLabel);
  col->addWidget(instruction_);

  auto* box = new QGroupBox(tr("Settings"), controls);
  settings_ = new GenerationSettings(QStringLiteral("edit/settings"), false, box);
  settings_->setDefaults(editImageOptions());  // DDPM, 100 steps: keeps the unedited part
  settings_->addEditStrength();
  (new QVBoxLayout(box))->addWidget(settings_);
  col->addWidget(box);

  auto* runRow = new QHBoxLayout;
  edit_ = new QPushButton(tr("&Edit"), controls);
  edit_->setObjectName(QStringLiteral("edit"));
  edit_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
  edit_->setToolTip(tr("Run the edit (Ctrl+Enter); it runs in the Jobs queue"));
  stop_ = new QPushButton(tr("Stop"), controls);
  stop_->setShortcut(QKeySequence(Qt::Key_Escape));
  stop_->setToolTip(tr("Stop the edit now (Esc)"));
  save_ = new QPushButton(tr("&Save Result…"), controls);
  save_->setShortcut(QKeySequence::Save);
  save_->setToolTip(tr("Save the result as PNG with its parameters (Ctrl+S)"));
  runRow->addWidget(edit_);
  runRow->addWidget(stop_);
  runRow->addWidget(save_);
  col->addLayout(runRow);
  modelWarning_ = new QLabel(controls);
  modelWarning_->setObjectName(QStringLiteral("modelWarning"));
  modelWarning_->setWordWrap(true);
  modelWarning_->setStyleSheet(QStringLiteral("color: #b35c00;"));
  modelWarning_->hide();
  col->addWidget(modelWarning_);
  status_ = new QLabel(controls);
  status_->setObjectName(QStringLiteral("status"));
  status_->setWordWrap(true);
  col->addWidget(status_);

  col->addWidget(new QLabel(tr("History:"), controls));
  historyList_ = new QListWidget(controls);
  historyList_->setObjectName(QStringLiteral("history"));
  historyList_->setIconSize(QSize(40, 40));
  historyList_->setMinimumHeight(120);
  historyList_->setToolTip(tr("Every edit of this session; select one to compare it again"));
  col->addWidget(historyList_, 1);

  auto* ft = new QGroupBox(tr("Editing fine-tune"), controls);
  ft->setToolTip(
      tr("Teach a trained model to follow edit instructions (as `transfusion "
         "finetune-edit`), on generated shapes triplets"));
  auto* ftForm = new QFormLayout(ft);
  ftBase_ = new QLineEdit(ft);
  ftBase_->setPlaceholderText(tr("the loaded model's run"));
  ftBase_->setToolTip(tr("The trained run to start from; empty uses the loaded model's"));
  ftRun_ = new QLineEdit(ft);
  ftRun_->setObjectName(QStringLiteral("finetuneRun"));
  ftRun_->setToolTip(tr("A new folder for the fine-tune's run"));
  auto* browse = new QToolButton(ft);
  browse->setText(QStringLiteral("…"));
  browse->setToolTip(tr("Choose the folder"));
  auto* runRow2 = new QHBoxLayout;
  runRow2->addWidget(ftRun_, 1);
  runRow2->addWidget(browse);
  ftSteps_ = new QSpinBox(ft);
  ftSteps_->setRange(1, 1000000);
  ftSteps_->setValue(500);
  ftSteps_->setToolTip(tr("Optimiser steps of the fine-tune"));
  ftForm->addRow(tr("Base run:"), ftBase_);
  ftForm->addRow(tr("New run:"), runRow2);
  ftForm->addRow(tr("Steps:"), ftSteps_);
  auto* ftButtons = new QHBoxLayout;
  ftStart_ = new QPushButton(tr("Start Fine-tune"), ft);
  ftStart_->setObjectName(QStringLiteral("finetuneStart"));
  ftStop_ = new QPushButton(tr("Stop && Save"), ft);
  ftStop_->setToolTip(tr("Stop after the current step and save a checkpoint"));
  ftLoad_ = new QPushButton(tr("Load Result"), ft);
  ftLoad_->setToolTip(tr("Generate and edit with the fine-tuned model"));
  ftButtons->addWidget(ftStart_);
  ftButtons->addWidget(ftStop_);
  ftButtons->addWidget(ftLoad_);
  ftForm->addRow(ftButtons);
  ftProgress_ = new QProgressBar(ft);
  ftProgress_->setFormat(tr("%v / %m steps"));
  ftForm->addRow(ftProgress_);
  ftStatus_ = new QLabel(ft);
  ftStatus_->setObjectName(QStringLiteral("finetuneStatus"));
  ftStatus_->setWordWrap(true);
  ftForm->addRow(ftStatus_);
  col->addWidget(ft);

  compare_ = new widgets::ImageCompare(split);
  compare_->setObjectName(QStringLiteral("compare"));
  compare_->setLabels(tr("before"), tr("after"));
  compare_->setToolTip(
      tr("Drag (or use the arrow keys) to move the split between before and "
         "after"));
  compare_->setFocusPolicy(Qt::StrongFocus);
  split->setStretchFactor(1, 1);

  connect(open_, &QPushButton::clicked, this, &EditPage::openImage);
  connect(scene_, &QPushButton::clicked, this, [this] { newScene(); });
  connect(iterate_, &QPushButton::clicked, this, &EditPage::useResultAsInput);
  connect(instruction_, &QLineEdit::returnPressed, this, &EditPage::runEdit);
  connect(edit_, &QPushButton::clicked, this, &EditPage::runEdit);
  connect(stop_, &QPushButton::clicked, this, &EditPage::stop);
  connect(save_, &QPushButton::clicked, this, &EditPage::saveResult);
  connect(historyList_, &QListWidget::currentRowChanged, this, &EditPage::showHistory);
  connect(browse, &QToolButton::clicked, this, [this] {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Fine-tune Run Folder"), ftRun_->text());
    if (!dir.isEmpty()) ftRun_->setText(dir);
  });
  connect(ftStart_, &QPushButton::clicked, this, &EditPage::startFinetune);
  connect(ftStop_, &QPushButton::clicked, this, &EditPage::stopFinetune);
  connect(ftLoad_, &QPushButton::clicked, this, [this] {
    if (!finetune_->runDir().isEmpty()) session_->loadRun(finetune_->runDir());
  });
  ftProgress_->hide();  // until a fine-tune runs
  connect(finetune_, &EditFinetune::started, this, [this](const QString& dir, int total) {
    ftProgress_->show();
    ftProgress_->setRange(0, total);
    ftProgress_->setValue(0);
    ftStatus_->setText(tr("Fine-tuning into %1…").arg(dir));
    updateButtons();
  });
  connect(finetune_, &EditFinetune::stepDone, this,
          [this](int step, int total, double lm, double diffusion) {
            ftProgress_->setRange(0, total);
            ftProgress_->setValue(step);
            ftStatus_->setText(tr("step %1: LM loss %2, diffusion loss %3")
                                   .arg(step)
                                   .arg(lm, 0, 'f', 3)
                                   .arg(diffusion, 0, 'f', 4));
          });
  connect(finetune_, &EditFinetune::finished, this,
          [this](const QString& dir, bool stopped, const QString& checkpoint) {
            ftStatus_->setText((stopped ? tr("Stopped; saved %1.") : tr("Done; saved %1."))
                                   .arg(checkpoint.isEmpty() ? dir : checkpoint));
            updateButtons();
          });
  connect(finetune_, &EditFinetune::failed, this, [this](const QString& message) {
    ftStatus_->setText(tr("The fine-tune failed: %1").arg(message));
    updateButtons();
  });

  auto* q = session_->queue();
  connect(q, &GenerationQueue::stepDone, this, &EditPage::onStep);
  connect(q, &GenerationQueue::imageDone, this, &EditPage::onImage);
  connect(q, &GenerationQueue::jobFinished, this, &EditPage::onFinished);
  connect(q, &GenerationQueue::jobFailed, this, &EditPage::onFailed);
  // The warning stays while the loaded model cannot edit (status lines come and go below it).
  connect(session_, &ModelSession::modelChanged, this,
          [this](const QString& name, const QString& dir) {
            settings_->setMaxSteps(session_->trainSteps());
            const bool cannotEdit = !dir.isEmpty() && !isEditRun(dir);
            modelWarning_->setText(
                cannotEdit ? tr("%1 was not trained for editing, so its edits will not follow the "
                                "instruction: open an editing model (File ▸ Open Model… on this "
                                "page), or start an editing fine-tune below.")
                                 .arg(name)
                           : QString());
            modelWarning_->setVisible(cannotEdit);
          });

  QSettings s;
  instruction_->setText(s.value(QStringLiteral("edit/instruction")).toString());
  ftRun_->setText(s.value(QStringLiteral("edit/finetuneRun"),
                          QDir::current().filePath(QStringLiteral("runs/edit-finetune")))
                      .toString());
  ftSteps_->setValue(s.value(QStringLiteral("edit/finetuneSteps"), 500).toInt());
  updateButtons();
}

EditPage::~EditPage() {
  QSettings s;
  s.setValue(QStringLiteral("edit/instruction"), instruction_->text());
  s.setValue(QStringLiteral("edit/finetuneRun"), ftRun_->text());
  s.setValue(QStringLiteral("edit/finetuneSteps"), ftSteps_->value());
  settings_->saveSettings();
}

void EditPage::setInput(const QImage& image, const QString& path) {
  input_ = image;
  inputPath_ = path;
  output_ = {};
  outputParameters_.clear();
  compare_->setImages(image, image);
  status_->setText(path.isEmpty()
                       ? tr("Input: %1 × %2 pixels").arg(image.width()).arg(image.height())
                       : tr("Input: %1").arg(QFileInfo(path).fileName()));
  updateButtons();
}

void EditPage::setInstruction(const QString& text) {
  instruction_->setText(text);
}
QString EditPage::instruction() const {
  return instruction_->text();
}

void EditPage::applyParameters(const ImageParams& params) {
  instruction_->setText(QString::fromStdString(params.prompt));
  settings_->setFromParams(params);
  const QString in = QString::fromStdString(params.input);
  if (!in.isEmpty() && QFileInfo::exists(in)) {
    const QImage img(in);
    if (!img.isNull()) setInput(img, in);
  }
}

void EditPage::newScene(std::optional<quint64> seed) {
  const int size = session_->imageSize() > 0 ? session_->imageSize() : 32;
  if (size < 24) {
    status_->setText(
        tr("The loaded model's images (%1 px) are too small for a shapes scene.").arg(size));
    return;
  }
  const quint64 s = seed ? *seed : QRandomGenerator::global()->generate64();
  const auto e = randomEdit(s, size);
  setInput(tensorToImage(renderScene(e.input)));
  instruction_->setText(QString::fromStdString(e.instruction));
  status_->setText(tr("A new scene: %1. Press Edit, or write your own instruction.")
                       .arg(QString::fromStdString(e.input.toString())));
}

void EditPage::openImage() {
  QSettings s;
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open Image"), s.value(QStringLiteral("edit/imageDir")).toString(),
      tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)"));
  if (path.isEmpty()) return;
  s.setValue(QStringLiteral("edit/imageDir"), QFileInfo(path).absolutePath());
  QImageReader reader(path);
  const QImage img = reader.read();
  if (img.isNull()) {
    status_->setText(tr("Cannot read %1: %2").arg(path, reader.errorString()));
    return;
  }
  setInput(img, path);
}

void EditPage::dragEnterEvent(QDragEnterEvent* event) {
  if (ChatInput::carriesImages(event->mimeData())) event->acceptProposedAction();
}

void EditPage::dropEvent(QDropEvent* event) {
  const auto images = ChatInput::imagesFrom(event->mimeData());
  if (images.isEmpty()) return;
  QString path;
  if (!event->mimeData()->hasImage() && event->mimeData()->hasUrls())
    path = event->mimeData()->urls().first().toLocalFile();
  setInput(images.first(), path);
  event->acceptProposedAction();
}

void EditPage::runEdit() {
  if (input_.isNull()) {
    status_->setText(tr("Open an image to edit first."));
    return;
  }
  const QString text = instruction_->text().trimmed();
  if (text.isEmpty()) {
    status_->setText(tr("Write an instruction first, e.g. \"make the circle green\"."));
    instruction_->setFocus();
    return;
  }
  if (!session_->hasModel()) {
    status_->setText(session_->isLoading()
                         ? tr("The editing model is still loading; try again in a moment.")
                         : tr("No editing model is loaded: File ▸ Open Model… on this page."));
    return;
  }
  if (!job_.isEmpty()) session_->queue()->cancel(job_);
  GenerationJob job;
  job.kind = JobKind::Edit;
  job.bundle = session_->bundle();  // the Edit workspace's own model, not the queue's
  job.prompt = text.toStdString();
  job.input = imageToTensor(input_);
  job.inputPath = inputPath_.toStdString();
  settings_->applyTo(job.options);
  job.label = tr("edit: %1").arg(text);
  runningInput_ = input_;
  runningInputPath_ = inputPath_;
  runningInstruction_ = text;
  settings_->saveSettings();
  status_->setText(tr("Editing…"));
  job_ = session_->queue()->submit(std::move(job));
  settings_->advanceSeedIfAsked();  // the next Edit draws a new sample ("+1 each run")
  settings_->saveSettings();
  updateButtons();
}

void EditPage::stop() {
  if (!job_.isEmpty()) session_->queue()->cancel(job_);
}

void EditPage::useResultAsInput() {
  if (output_.isNull()) return;
  const QImage result = output_;
  setInput(result);
  status_->setText(tr("The result is the new input."));
}

void EditPage::saveResult() {
  if (output_.isNull()) return;
  saveImageDialog(this, output_, outputParameters_,
                  QFileInfo(inputPath_).completeBaseName().isEmpty()
                      ? QStringLiteral("edited.png")
                      : QFileInfo(inputPath_).completeBaseName() + QStringLiteral("-edited.png"));
}

void EditPage::showHistory(int row) {
  if (row < 0 || row >= historyCount()) return;
  const auto& h = history_[row];
  compare_->setImages(h.before, h.after);
  output_ = h.after;
  outputParameters_ = h.parameters;
  input_ = h.before;
  inputPath_ = h.inputPath;
  instruction_->setText(h.instruction);
  updateButtons();
}

void EditPage::onStep(const QString& id, const StepUpdate& s) {
  if (id != job_) return;
  // The result denoises in place on the "after" side.
  const QImage frame = s.decoded.isNull() ? s.x0 : s.decoded;
  if (!frame.isNull()) compare_->setAfter(frame);
  status_->setText(tr("Editing… step %1 / %2").arg(s.step + 1).arg(s.steps));
}

void EditPage::onImage(const QString& id, const ImageUpdate& u) {
  if (id != job_ || u.skipped) return;
  output_ = u.pixels;
  outputParameters_ = u.parameters;
  compare_->setImages(runningInput_, output_);
  history_.push_back(
      {runningInput_, output_, runningInstruction_, u.parameters, runningInputPath_});
  const QImage thumb = output_.scaled(40, 40, Qt::KeepAspectRatio, Qt::FastTransformation);
  auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(thumb)), runningInstruction_);
  item->setToolTip(u.parameters);
  historyList_->blockSignals(true);
  historyList_->addItem(item);
  historyList_->setCurrentItem(item);
  historyList_->blockSignals(false);
}

void EditPage::onFinished(const QString& id, const JobOutcome& o) {
  if (id != job_) return;
  job_.clear();
  QString status = o.cancelled ? tr("Stopped.") : tr("Edited in %1 s.").arg(o.seconds, 0, 'f', 1);
  if (!o.cancelled && !o.warnings.isEmpty())
    status =
        tr("Warning: %1.").arg(o.warnings.join(QStringLiteral("; "))) + QLatin1Char(' ') + status;
  status_->setText(status);
  if (o.cancelled && !runningInput_.isNull())
    compare_->setImages(input_, output_.isNull() ? input_ : output_);
  updateButtons();
}

void EditPage::onFailed(const QString& id, const QString& message) {
  if (id != job_) return;
  job_.clear();
  status_->setText(tr("The edit failed: %1").arg(message));
  updateButtons();
}

void EditPage::startFinetune() {
  EditFinetune::Options o;
  o.baseRun = ftBase_->text().trimmed().isEmpty() ? session_->runDir() : ftBase_->text().trimmed();
  o.runDir = ftRun_->text().trimmed();
  o.steps = ftSteps_->value();
  if (o.baseRun.isEmpty()) {
    ftStatus_->setText(tr("Load a trained model (or name its run) to fine-tune it."));
    return;
  }
  if (o.runDir.isEmpty()) {
    ftStatus_->setText(tr("Choose a new folder for the fine-tune's run."));
    return;
  }
  if (finetune_->start(o)) ftStatus_->setText(tr("Preparing the fine-tune…"));
  updateButtons();
}

void EditPage::stopFinetune() {
  finetune_->stop();
  ftStatus_->setText(tr("Stopping after the current step…"));
}

void EditPage::updateButtons() {
  const bool busy = !job_.isEmpty();
  edit_->setEnabled(!input_.isNull());
  stop_->setEnabled(busy);
  iterate_->setEnabled(!output_.isNull() && !busy);
  save_->setEnabled(!output_.isNull());
  ftStart_->setEnabled(!finetune_->isRunning());
  ftStop_->setEnabled(finetune_->isRunning());
  ftLoad_->setEnabled(!finetune_->isRunning() && !finetune_->runDir().isEmpty());
}

}  // namespace tfs::studio
