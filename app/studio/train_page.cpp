#include "app/studio/train_page.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QThread>

#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include "app/studio/background.h"

#include "app/studio/run_eval_dialog.h"
#include "app/studio/train_data_preview.h"
#include "app/studio/train_run_follower.h"
#include "core/base/error.h"
#include "widgets/loss_plot.h"
#include "widgets/loss_plot_panel.h"

namespace tfs::studio {

namespace {

constexpr int kMaxSamplesShown = 24;
constexpr int kPreviewRecords = 6;

// A point of the VAE phase a latent-space run trains first (TrainController: "vae_recon", ...).
bool isVaePoint(const TrainPoint& p) {
  return !p.values.empty() && p.values.front().first == QLatin1String("vae_recon");
}

// The row of all prompts a run writes per sample step (step-NNNNNNN.png), not the single images.
bool isSampleTile(const QString& path) {
  static const QRegularExpression tile(QStringLiteral("step-(\\d+)\\.png$"));
  return tile.match(path).hasMatch();
}

QString sampleStep(const QString& path) {
  static const QRegularExpression step(QStringLiteral("step-0*(\\d+)"));
  const auto m = step.match(QFileInfo(path).fileName());
  return m.hasMatch() ? m.captured(1) : QFileInfo(path).completeBaseName();
}

QIcon pixelIcon(const QImage& image, int size) {
  const QImage scaled =
      image.scaled(size, size, Qt::KeepAspectRatio,
                   image.width() * 2 <= size ? Qt::FastTransformation : Qt::SmoothTransformation);
  return QIcon(QPixmap::fromImage(scaled));
}

}  // namespace

TrainPage::TrainPage(QWidget* parent) : QWidget(parent), controller_(new TrainController(this)) {
  setObjectName(QStringLiteral("trainPage"));
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setObjectName(QStringLiteral("trainSplitter"));
  auto* scroll = new QScrollArea(splitter);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(buildForm());
  scroll->setMinimumWidth(280);
  splitter->addWidget(scroll);
  // Scrolls rather than forcing the window wider than a small screen (the plot bar is wide).
  auto* monitorScroll = new QScrollArea(splitter);
  monitorScroll->setWidgetResizable(true);
  monitorScroll->setFrameShape(QFrame::NoFrame);
  monitorScroll->setWidget(buildMonitor());
  splitter->addWidget(monitorScroll);
  splitter->setStretchFactor(0, 0);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({360, 900});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(splitter);
  buildActions();

  connect(controller_, &TrainController::stateChanged, this, &TrainPage::updateButtons);
  connect(controller_, &TrainController::prepared, this, &TrainPage::onPrepared);
  connect(controller_, &TrainController::pointsReady, this, &TrainPage::onTrainPoints);
  connect(controller_, &TrainController::historyLoaded, this,
          [this](const QVector<TrainPoint>& points) {
            // A resumed run's curve is replaced by its log; a new run keeps what it has drawn
            // (the VAE phase's curve, when it trained one first).
            if (points.isEmpty()) return;
            plotPanel_->plot()->removeRun(trainingRun_);
            onPoints(trainingRun_, points);
          });
  connect(controller_, &TrainController::finished, this, &TrainPage::onFinished);
  connect(controller_, &TrainController::failed, this, [this](const QString& error) {
    showError(error);
    stateLabel_->setText(tr("Failed"));
  });
  connect(controller_, &TrainController::sampleWritten, this,
          [this](const QString& path) { addSamples({path}, trainingRun_, true); });
  connect(controller_, &TrainController::checkpointSaved, this, [this](const QString& folder) {
    Q_EMIT statusMessage(tr("Checkpoint saved: %1").arg(QDir::toNativeSeparators(folder)), 5000);
  });
  restoreSettings();
  updateButtons();
}

TrainPage::~TrainPage() {
  saveSettings();
}

QWidget* TrainPage::buildForm() {
  auto* form = new QWidget;
  auto* column = new QVBoxLayout(form);

  auto* model = new QGroupBox(tr("Model"), form);
  auto* modelForm = new QFormLayout(model);
  presetCombo_ = new QComboBox(model);
  presetCombo_->setObjectName(QStringLiteral("presetCombo"));
  presetCombo_->addItems(TrainController::presetNames());
  presetCombo_->setToolTip(tr("Model preset for a new run (its size and training defaults)"));
  connect(presetCombo_, &QComboBox::currentTextChanged, this, [this] { suggestRunDir(); });
  modelForm->addRow(tr("Preset:"), presetCombo_);
  auto* configRow = new QHBoxLayout;
  configEdit_ = new QLineEdit(model);
  configEdit_->setObjectName(QStringLiteral("configEdit"));
  configEdit_->setPlaceholderText(tr("optional JSON config"));
  configEdit_->setToolTip(tr(
      "A train config JSON, or a run config with \"model\" and \"train\"; overrides the preset"));
  auto* configBrowse = new QPushButton(tr("…"), model);
  configBrowse->setToolTip(tr("Choose a config file"));
  configBrowse->setMaximumWidth(32);
  connect(configBrowse, &QPushButton::clicked, this, &TrainPage::browseConfig);
  configRow->addWidget(configEdit_);
  configRow->addWidget(configBrowse);
  modelForm->addRow(tr("Config:"), configRow);
  column->addWidget(model);

  auto* data = new QGroupBox(tr("Data"), form);
  auto* dataLayout = new QVBoxLayout(data);
  dataList_ = new QListWidget(data);
  dataList_->setObjectName(QStringLiteral("dataList"));
  dataList_->setToolTip(tr("Data sources of the run; double-click to edit a spec"));
  dataList_->setMaximumHeight(96);
  dataLayout->addWidget(dataList_);
  auto* addRow = new QHBoxLayout;
  specEdit_ = new QComboBox(data);
  specEdit_->setObjectName(QStringLiteral("specEdit"));
  specEdit_->setEditable(true);
  specEdit_->addItems(
      {QStringLiteral("fmnist:train"), QStringLiteral("fmnist:test"), QStringLiteral("shapes"),
       QStringLiteral("folder:"), QStringLiteral("imagefolder:"), QStringLiteral("wds:"),
       QStringLiteral("text:"), QStringLiteral("fortunes"), QStringLiteral("wordnet")});
  specEdit_->setCurrentText(QString());
  specEdit_->lineEdit()->setPlaceholderText(tr("spec, e.g. fmnist:train"));
  specEdit_->setToolTip(
      tr("fmnist:train | fmnist:test | shapes[:SEED] | folder:PATH | imagefolder:PATH | "
         "wds:PATTERN | text:PATH | fortunes | wordnet"));
  connect(specEdit_->lineEdit(), &QLineEdit::returnPressed, this,
          [this] { addSpec(specEdit_->currentText()); });
  auto* add = new QPushButton(tr("Add"), data);
  add->setObjectName(QStringLiteral("addSpecButton"));
  add->setToolTip(tr("Add this data source"));
  connect(add, &QPushButton::clicked, this, [this] { addSpec(specEdit_->currentText()); });
  auto* remove = new QPushButton(tr("Remove"), data);
  remove->setToolTip(tr("Remove the selected data source"));
  connect(remove, &QPushButton::clicked, this, [this] { delete dataList_->currentItem(); });
  addRow->addWidget(specEdit_, 1);
  addRow->addWidget(add);
  addRow->addWidget(remove);
  dataLayout->addLayout(addRow);
  auto* preview = new QPushButton(tr("Preview"), data);
  preview->setObjectName(QStringLiteral("previewButton"));
  preview->setToolTip(tr("Show the first records of each source as the model will see them"));
  connect(preview, &QPushButton::clicked, this, &TrainPage::previewData);
  dataLayout->addWidget(preview);
  previewList_ = new QListWidget(data);
  previewList_->setObjectName(QStringLiteral("previewList"));
  previewList_->setViewMode(QListView::IconMode);
  previewList_->setIconSize(QSize(72, 72));
  previewList_->setGridSize(QSize(104, 120));
  previewList_->setWordWrap(true);
  previewList_->setResizeMode(QListView::Adjust);
  previewList_->setMovement(QListView::Static);
  previewList_->setMinimumHeight(150);
  dataLayout->addWidget(previewList_, 1);
  column->addWidget(data, 1);

  auto* run = new QGroupBox(tr("Run"), form);
  auto* runForm = new QFormLayout(run);
  auto* runRow = new QHBoxLayout;
  runEdit_ = new QLineEdit(run);
  runEdit_->setObjectName(QStringLiteral("runEdit"));
  runEdit_->setToolTip(tr("The run folder: config.json, metrics.jsonl, checkpoints/, samples/"));
  connect(runEdit_, &QLineEdit::textEdited, this,
          [this] { runEdit_->setProperty("suggested", false); });
  auto* runBrowse = new QPushButton(tr("…"), run);
  runBrowse->setToolTip(tr("Choose the run folder"));
  runBrowse->setMaximumWidth(32);
  connect(runBrowse, &QPushButton::clicked, this, &TrainPage::browseRunDir);
  runRow->addWidget(runEdit_);
  runRow->addWidget(runBrowse);
  runForm->addRow(tr("Folder:"), runRow);
  stepsSpin_ = new QSpinBox(run);
  stepsSpin_->setObjectName(QStringLiteral("stepsSpin"));
  stepsSpin_->setRange(0, 10000000);
  stepsSpin_->setSpecialValueText(tr("preset"));
  stepsSpin_->setToolTip(tr("Optimiser steps; \"preset\" keeps the preset's count"));
  runForm->addRow(tr("Steps:"), stepsSpin_);
  vaeStepsSpin_ = new QSpinBox(run);
  vaeStepsSpin_->setObjectName(QStringLiteral("vaeStepsSpin"));
  vaeStepsSpin_->setRange(0, 10000000);
  vaeStepsSpin_->setSpecialValueText(tr("default (2000)"));
  vaeStepsSpin_->setToolTip(
      tr("A latent-space model (e.g. shapes-small) whose run has no VAE trains one first, for "
         "this many steps"));
  runForm->addRow(tr("VAE steps:"), vaeStepsSpin_);
  sampleEverySpin_ = new QSpinBox(run);
  sampleEverySpin_->setObjectName(QStringLiteral("sampleEverySpin"));
  sampleEverySpin_->setRange(-1, 1000000);
  sampleEverySpin_->setSpecialValueText(tr("preset"));
  sampleEverySpin_->setToolTip(tr("Write sample images every N steps (0 = none)"));
  runForm->addRow(tr("Samples every:"), sampleEverySpin_);
  resumeCheck_ = new QCheckBox(tr("Resume from the newest checkpoint"), run);
  resumeCheck_->setObjectName(QStringLiteral("resumeCheck"));
  resumeCheck_->setToolTip(tr("Continue the run in this folder with its saved config"));
  runForm->addRow(resumeCheck_);
  column->addWidget(run);

  auto* buttons = new QHBoxLayout;
  startButton_ = new QPushButton(tr("Start"), form);
  startButton_->setObjectName(QStringLiteral("startButton"));
  startButton_->setToolTip(tr("Start training (Ctrl+Return)"));
  pauseButton_ = new QPushButton(tr("Pause"), form);
  pauseButton_->setObjectName(QStringLiteral("pauseButton"));
  pauseButton_->setToolTip(tr("Pause or resume after the current step (Ctrl+Shift+P)"));
  stopButton_ = new QPushButton(tr("Stop and save"), form);
  stopButton_->setObjectName(QStringLiteral("stopButton"));
  stopButton_->setToolTip(tr("Stop after the current step and save a checkpoint (Ctrl+Shift+S)"));
  connect(startButton_, &QPushButton::clicked, this, &TrainPage::startTraining);
  connect(pauseButton_, &QPushButton::clicked, this, &TrainPage::togglePause);
  connect(stopButton_, &QPushButton::clicked, this, &TrainPage::stopAndSave);
  buttons->addWidget(startButton_);
  buttons->addWidget(pauseButton_);
  buttons->addWidget(stopButton_);
  column->addLayout(buttons);
  openRunButton_ = new QPushButton(tr("Open run…"), form);
  openRunButton_->setObjectName(QStringLiteral("openRunButton"));
  openRunButton_->setToolTip(
      tr("Follow an existing run folder live, e.g. one started with `transfusion train` "
         "(Ctrl+Shift+O)"));
  connect(openRunButton_, &QPushButton::clicked, this, &TrainPage::chooseRunToOpen);
  column->addWidget(openRunButton_);
  errorLabel_ = new QLabel(form);
  errorLabel_->setObjectName(QStringLiteral("trainErrorLabel"));
  errorLabel_->setWordWrap(true);
  errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  errorLabel_->setStyleSheet(QStringLiteral("color: #c0392b;"));
  errorLabel_->hide();
  column->addWidget(errorLabel_);
  return form;
}

QWidget* TrainPage::buildMonitor() {
  auto* monitor = new QSplitter(Qt::Vertical);
  auto* top = new QWidget(monitor);
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  auto* statusRow = new QHBoxLayout;
  stateLabel_ = new QLabel(tr("Idle"), top);
  stateLabel_->setObjectName(QStringLiteral("trainStateLabel"));
  stateLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  progress_ = new QProgressBar(top);
  progress_->setObjectName(QStringLiteral("trainProgress"));
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  progress_->setFormat(QString());
  etaLabel_ = new QLabel(top);
  etaLabel_->setObjectName(QStringLiteral("etaLabel"));
  etaLabel_->setMinimumWidth(150);
  statusRow->addWidget(stateLabel_, 2);
  statusRow->addWidget(progress_, 3);
  statusRow->addWidget(etaLabel_);
  topLayout->addLayout(statusRow);
  plotPanel_ = new widgets::TrainingPlotPanel(top);
  topLayout->addWidget(plotPanel_, 1);
  monitor->addWidget(top);

  auto* bottom = new QWidget(monitor);
  auto* bottomLayout = new QHBoxLayout(bottom);
  bottomLayout->setContentsMargins(0, 0, 0, 0);
  auto* runsBox = new QGroupBox(tr("Runs"), bottom);
  auto* runsLayout = new QVBoxLayout(runsBox);
  runsList_ = new QListWidget(runsBox);
  runsList_->setObjectName(QStringLiteral("runsList"));
  runsList_->setToolTip(tr("Runs drawn in the plot; open more to compare them"));
  runsLayout->addWidget(runsList_);
  auto* closeRunButton = new QPushButton(tr("Close run"), runsBox);
  closeRunButton->setToolTip(tr("Remove the selected run from the plot and stop following it"));
  connect(closeRunButton, &QPushButton::clicked, this, [this] {
    if (auto* item = runsList_->currentItem()) closeRun(item->data(Qt::UserRole).toString());
  });
  runsLayout->addWidget(closeRunButton);
  auto* evalButton = new QPushButton(tr("Evaluate run…"), runsBox);
  evalButton->setObjectName(QStringLiteral("evaluateRun"));
  evalButton->setToolTip(
      tr("Caption accuracy and a classifier-space Fréchet distance of the selected run's newest "
         "checkpoint (as `transfusion eval`)"));
  connect(evalButton, &QPushButton::clicked, this, [this] {
    auto* item = runsList_->currentItem();
    const QString dir = item ? item->data(Qt::UserRole + 1).toString() : QString();
    if (dir.isEmpty()) {
      Q_EMIT statusMessage(tr("Select a run in the list first"), 4000);
      return;
    }
    auto* dialog = new RunEvalDialog(dir, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
  });
  runsLayout->addWidget(evalButton);
  runsBox->setMaximumWidth(260);
  bottomLayout->addWidget(runsBox);
  auto* samplesBox = new QGroupBox(tr("Samples"), bottom);
  auto* samplesLayout = new QVBoxLayout(samplesBox);
  samplesList_ = new QListWidget(samplesBox);
  samplesList_->setObjectName(QStringLiteral("samplesList"));
  samplesList_->setViewMode(QListView::IconMode);
  samplesList_->setFlow(QListView::LeftToRight);
  samplesList_->setWrapping(false);
  samplesList_->setIconSize(QSize(256, 72));
  samplesList_->setMovement(QListView::Static);
  samplesList_->setToolTip(tr("Sample images written by the run, newest first"));
  samplesLayout->addWidget(samplesList_);
  bottomLayout->addWidget(samplesBox, 1);
  monitor->addWidget(bottom);
  monitor->setStretchFactor(0, 3);
  monitor->setStretchFactor(1, 1);
  return monitor;
}

void TrainPage::buildActions() {
  auto make = [this](const QString& text, const QKeySequence& key, auto slot) {
    auto* a = new QAction(text, this);
    a->setShortcut(key);
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(a, &QAction::triggered, this, slot);
    addAction(a);
    return a;
  };
  startAction_ = make(tr("Start training"), QKeySequence(Qt::CTRL | Qt::Key_Return),
                      &TrainPage::startTraining);
  pauseAction_ = make(tr("Pause / resume training"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                      &TrainPage::togglePause);
  stopAction_ = make(tr("Stop and save"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                     &TrainPage::stopAndSave);
  openAction_ = make(tr("Open run…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                     &TrainPage::chooseRunToOpen);
}

void TrainPage::setPreset(const QString& name) {
  const int i = presetCombo_->findText(name);
  if (i >= 0) presetCombo_->setCurrentIndex(i);
}

void TrainPage::setDataSpecs(const QStringList& specs) {
  dataList_->clear();
  for (const QString& s : specs) addSpec(s);
}

QStringList TrainPage::dataSpecs() const {
  QStringList specs;
  for (int i = 0; i < dataList_->count(); ++i) specs << dataList_->item(i)->text().trimmed();
  specs.removeAll(QString());
  return specs;
}

void TrainPage::setRunDir(const QString& dir) {
  runEdit_->setText(dir);
}

void TrainPage::setSteps(qint64 steps) {
  stepsSpin_->setValue(static_cast<int>(steps));
}

void TrainPage::setVaeSteps(qint64 steps) {
  vaeStepsSpin_->setValue(static_cast<int>(steps));
}

void TrainPage::setSampleEvery(qint64 steps) {
  sampleEverySpin_->setValue(static_cast<int>(steps));
}

void TrainPage::addSpec(const QString& spec) {
  const QString s = spec.trimmed();
  if (s.isEmpty() || s.endsWith(QLatin1Char(':'))) {
    showError(tr("Complete the data spec first, e.g. folder:/path/to/images"));
    return;
  }
  for (int i = 0; i < dataList_->count(); ++i)
    if (dataList_->item(i)->text() == s) return;
  auto* item = new QListWidgetItem(s, dataList_);
  item->setFlags(item->flags() | Qt::ItemIsEditable);
  specEdit_->setCurrentText(QString());
}

TrainRequest TrainPage::request() const {
  TrainRequest r;
  r.runDir = runEdit_->text().trimmed();
  r.preset = presetCombo_->currentText();
  r.configFile = configEdit_->text().trimmed();
  r.data = dataSpecs();
  r.steps = stepsSpin_->value();
  r.vaeSteps = vaeStepsSpin_->value();
  r.sampleEvery = sampleEverySpin_->value();
  r.resume = resumeCheck_->isChecked();
  return r;
}

void TrainPage::startTraining() {
  if (controller_->isActive()) return;
  const TrainRequest r = request();
  if (r.runDir.isEmpty()) {
    showError(tr("Choose a run folder first."));
    return;
  }
  if (r.data.isEmpty() && !r.resume) {
    showError(tr("Add at least one data source (e.g. fmnist:train)."));
    return;
  }
  errorLabel_->hide();
  trainingRun_ = QFileInfo(r.runDir).fileName();
  // A run opened for following is replaced by the live one (same folder, same curves).
  closeRun(trainingRun_);
  if (!r.resume) plotPanel_->plot()->removeRun(trainingRun_);
  sessionFirstStep_ = -1;
  showingVae_ = false;
  sessionClock_ = std::make_unique<QElapsedTimer>();
  progress_->setValue(0);
  etaLabel_->clear();
  saveSettings();
  controller_->start(r);
  auto* item = new QListWidgetItem(tr("%1 (training)").arg(trainingRun_), runsList_);
  item->setData(Qt::UserRole, trainingRun_);
  item->setData(Qt::UserRole + 1, QFileInfo(r.runDir).absoluteFilePath());
  stateLabel_->setText(tr("Preparing %1 (tokenizer, data, model)…").arg(trainingRun_));
}

void TrainPage::togglePause() {
  if (controller_->state() == TrainController::State::Paused)
    controller_->resume();
  else
    controller_->pause();
}

void TrainPage::stopAndSave() {
  controller_->stop();
}

void TrainPage::onPrepared(const QString& runDir, const QString& description, qint64 startStep,
                           qint64 totalSteps) {
  stateLabel_->setText(QStringLiteral("%1: %2").arg(QFileInfo(runDir).fileName(), description));
  stateLabel_->setToolTip(QDir::toNativeSeparators(runDir));
  updateProgress(startStep, totalSteps, std::nan(""));
  Q_EMIT statusMessage(tr("Training %1 from step %2").arg(trainingRun_).arg(startStep), 4000);
}

void TrainPage::onTrainPoints(const QVector<TrainPoint>& points) {
  onPoints(trainingRun_, points);
  if (points.isEmpty()) return;
  const TrainPoint& last = points.back();
  // The VAE phase of a latent-space run (its own step count): show its curve while it lasts.
  const auto groups = plotPanel_->groups();
  const auto vaeIt = std::find_if(groups.begin(), groups.end(), [](const widgets::MetricGroup& g) {
    return g.series.contains(QStringLiteral("vae_recon"));
  });
  const int vaeGroup = vaeIt == groups.end() ? -1 : int(vaeIt - groups.begin());
  if (isVaePoint(last)) {
    if (!showingVae_) plotPanel_->setCurrentGroup(vaeGroup);
    showingVae_ = true;
    stateLabel_->setText(tr("Training the VAE first: step %1").arg(last.step));
    return;
  }
  if (showingVae_) {
    showingVae_ = false;
    if (plotPanel_->currentGroup() == vaeGroup) plotPanel_->setCurrentGroup(0);
  }
  if (sessionFirstStep_ < 0) {
    // A flush may begin with the VAE phase's last points: count from the first training step.
    auto first = std::find_if(points.begin(), points.end(),
                              [](const TrainPoint& p) { return !isVaePoint(p); });
    sessionFirstStep_ = first->step - 1;
    sessionClock_->start();
  }
  const double done = double(last.step - sessionFirstStep_);
  const double perStep = done > 0 ? sessionClock_->elapsed() / 1000.0 / done : std::nan("");
  updateProgress(last.step, controller_->totalSteps(),
                 perStep * double(controller_->totalSteps() - last.step));
}

void TrainPage::onPoints(const QString& run, const QVector<TrainPoint>& points) {
  if (points.isEmpty()) return;
  auto* plot = plotPanel_->plot();
  // Column-wise so every series is one batch append (one redraw for the lot).
  QHash<QString, int> index;
  std::vector<QString> names;
  std::vector<std::vector<double>> steps, walls, values;
  for (const TrainPoint& p : points) {
    for (const auto& [name, v] : p.values) {
      auto it = index.find(name);
      if (it == index.end()) {
        it = index.insert(name, int(names.size()));
        names.push_back(name);
        steps.emplace_back();
        walls.emplace_back();
        values.emplace_back();
      }
      steps[*it].push_back(double(p.step));
      walls[*it].push_back(p.time);
      values[*it].push_back(v);
    }
  }
  for (size_t i = 0; i < names.size(); ++i)
    plot->addPoints(run, names[i], steps[i], walls[i], values[i]);
}

void TrainPage::onFinished(const TrainResult& result) {
  const QString what = result.stopped ? tr("Stopped at step %1").arg(result.steps)
                                      : tr("Finished %1 steps").arg(result.steps);
  stateLabel_->setText(QStringLiteral("%1 · %2").arg(trainingRun_, what));
  if (!result.lastCheckpoint.isEmpty())
    stateLabel_->setToolTip(
        tr("Checkpoint: %1").arg(QDir::toNativeSeparators(result.lastCheckpoint)));
  etaLabel_->setText(
      tr("took %1").arg(formatDuration(sessionClock_ ? sessionClock_->elapsed() / 1000.0 : 0)));
  for (int i = 0; i < runsList_->count(); ++i)
    if (runsList_->item(i)->data(Qt::UserRole).toString() == trainingRun_)
      runsList_->item(i)->setText(trainingRun_);
  Q_EMIT statusMessage(
      tr("%1; checkpoint %2").arg(what, QDir::toNativeSeparators(result.lastCheckpoint)), 8000);
}

void TrainPage::updateProgress(qint64 step, qint64 total, double eta) {
  if (total <= 0) return;
  progress_->setValue(
      static_cast<int>(1000.0 * std::clamp(double(step) / double(total), 0.0, 1.0)));
  progress_->setFormat(QStringLiteral("%1 / %2").arg(step).arg(total));
  progress_->setTextVisible(true);
  if (std::isfinite(eta)) etaLabel_->setText(tr("ETA %1").arg(formatDuration(eta)));
}

double TrainPage::progressFraction() const {
  return progress_->value() / 1000.0;
}

QString TrainPage::statusText() const {
  return stateLabel_->text();
}

void TrainPage::updateButtons() {
  using S = TrainController::State;
  const S s = controller_->state();
  const bool active = s != S::Idle;
  startButton_->setEnabled(!active);
  startAction_->setEnabled(!active);
  pauseButton_->setEnabled(s == S::Running || s == S::Paused || s == S::Preparing);
  pauseAction_->setEnabled(pauseButton_->isEnabled());
  pauseButton_->setText(s == S::Paused ? tr("Resume") : tr("Pause"));
  stopButton_->setEnabled(active && s != S::Stopping);
  stopAction_->setEnabled(stopButton_->isEnabled());
  for (QWidget* w : std::initializer_list<QWidget*>{presetCombo_, configEdit_, runEdit_, stepsSpin_,
                                                    vaeStepsSpin_, sampleEverySpin_, resumeCheck_})
    w->setEnabled(!active);
  if (s == S::Paused) stateLabel_->setText(tr("%1 · paused").arg(trainingRun_));
  if (s == S::Stopping) stateLabel_->setText(tr("%1 · stopping and saving…").arg(trainingRun_));
  if (s == S::Running && stateLabel_->text().endsWith(tr("paused")))
    stateLabel_->setText(tr("%1 · training").arg(trainingRun_));
}

void TrainPage::showError(const QString& text) {
  errorLabel_->setText(text);
  errorLabel_->show();
  Q_EMIT statusMessage(text.section(QLatin1Char('\n'), 0, 0), 8000);
}

void TrainPage::browseConfig() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Train config"), configEdit_->text(),
                                                    tr("JSON (*.json);;All files (*)"));
  if (!path.isEmpty()) configEdit_->setText(path);
}

void TrainPage::browseRunDir() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Run folder"),
                                                        QFileInfo(runEdit_->text()).absolutePath());
  if (!dir.isEmpty()) runEdit_->setText(dir);
}

void TrainPage::suggestRunDir() {
  if (controller_->isActive()) return;
  const QString current = runEdit_->text();
  // Only replace a name this page made up, never one the user typed.
  if (!current.isEmpty() && !runEdit_->property("suggested").toBool()) return;
  const QString base = QSettings()
                           .value(QStringLiteral("train/runsFolder"),
                                  QDir::current().filePath(QStringLiteral("runs")))
                           .toString();
  runEdit_->setText(QDir(base).filePath(QStringLiteral("%1-%2").arg(
      presetCombo_->currentText(),
      QDateTime::currentDateTime().toString(QStringLiteral("MMdd-HHmm")))));
  runEdit_->setProperty("suggested", true);
}

void TrainPage::chooseRunToOpen() {
  QSettings s;
  const QString dir = QFileDialog::getExistingDirectory(
      this, tr("Open run folder"),
      s.value(QStringLiteral("train/lastOpenedRun"), QDir::currentPath()).toString());
  if (dir.isEmpty()) return;
  s.setValue(QStringLiteral("train/lastOpenedRun"), dir);
  openRun(dir);
}

bool TrainPage::openRun(const QString& dir) {
  const QFileInfo info(dir);
  if (!QFileInfo::exists(dir + QStringLiteral("/metrics.jsonl")) &&
      !QFileInfo::exists(dir + QStringLiteral("/config.json"))) {
    showError(tr("%1 is not a run folder (no metrics.jsonl or config.json).")
                  .arg(QDir::toNativeSeparators(dir)));
    return false;
  }
  const QString name = info.fileName();
  if (followers_.contains(name) || (controller_->isActive() && name == trainingRun_)) {
    Q_EMIT statusMessage(tr("%1 is already shown").arg(name), 4000);
    return true;
  }
  auto* follower = new TrainRunFollower(info.absoluteFilePath(), this);
  followers_.insert(name, follower);
  connect(follower, &TrainRunFollower::pointsAdded, this,
          [this, name, follower](const QVector<TrainPoint>& points) {
            onPoints(name, points);
            if (follower->totalSteps() > 0 && !controller_->isActive()) {
              stateLabel_->setText(tr("Following %1").arg(name));
              updateProgress(points.back().step, follower->totalSteps(), std::nan(""));
            }
          });
  connect(follower, &TrainRunFollower::restarted, this,
          [this, name] { plotPanel_->plot()->removeRun(name); });
  connect(follower, &TrainRunFollower::samplesAdded, this,
          [this, name](const QStringList& paths) { addSamples(paths, name, false); });
  auto* item = new QListWidgetItem(tr("%1 (following)").arg(name), runsList_);
  item->setData(Qt::UserRole, name);
  item->setData(Qt::UserRole + 1, info.absoluteFilePath());
  item->setToolTip(QDir::toNativeSeparators(info.absoluteFilePath()));
  follower->poll();
  Q_EMIT runOpened(name);
  return true;
}

void TrainPage::closeRun(const QString& name) {
  if (auto* f = followers_.take(name)) f->deleteLater();
  if (controller_->isActive() && name == trainingRun_) return;  // the live run stays
  plotPanel_->plot()->removeRun(name);
  for (int i = runsList_->count() - 1; i >= 0; --i)
    if (runsList_->item(i)->data(Qt::UserRole).toString() == name) delete runsList_->takeItem(i);
}

QStringList TrainPage::followedRuns() const {
  return followers_.keys();
}

void TrainPage::addSamples(const QStringList& paths, const QString& run, bool tilesOnly) {
  // Only the tiles (one image per sample step); a folder without tiles shows its images.
  QStringList shown;
  for (const QString& p : paths)
    if (isSampleTile(p)) shown << p;
  if (shown.isEmpty() && !tilesOnly) shown = paths;
  for (const QString& path : shown) {
    QImage image(path);
    if (image.isNull()) {
      // A file still being written: look again shortly.
      QTimer::singleShot(500, this, [this, path, run] {
        if (!QImage(path).isNull()) addSamples({path}, run, true);
      });
      continue;
    }
    auto* item =
        new QListWidgetItem(pixelIcon(image, 256), tr("%1 · step %2").arg(run, sampleStep(path)));
    item->setToolTip(QDir::toNativeSeparators(path));
    item->setData(Qt::UserRole, path);
    samplesList_->insertItem(0, item);
  }
  while (samplesList_->count() > kMaxSamplesShown)
    delete samplesList_->takeItem(samplesList_->count() - 1);
}

int TrainPage::sampleCount() const {
  return samplesList_->count();
}

void TrainPage::previewData() {
  if (previewBusy_) return;
  const QStringList specs = dataSpecs();
  if (specs.isEmpty()) {
    showError(tr("Add a data source to preview."));
    return;
  }
  int size = 64, channels = 3;
  TrainController::presetImageShape(presetCombo_->currentText(), &size, &channels);
  previewBusy_ = true;
  previewList_->clear();
  auto* placeholder = new QListWidgetItem(tr("Reading…"), previewList_);
  placeholder->setFlags(Qt::NoItemFlags);
  struct Result {
    QVector<DataPreviewItem> items;
    QStringList errors;  // per spec: one bad spec does not hide the others' records
  };
  QThread* thread = runInBackground(
      this,
      [specs, size, channels] {
        Result r;
        for (const QString& spec : specs) {
          try {
            r.items += readDataPreview(spec, size, channels, kPreviewRecords);
          } catch (const std::exception& e) {
            r.errors << QStringLiteral("%1: %2").arg(spec, errorMessage(e));
          }
        }
        return r;
      },
      [this](BackgroundResult<Result> done) {
        Result* result = &done.value;
        if (!done.error.isEmpty()) result->errors << done.error;
        previewBusy_ = false;
        previewList_->clear();
        for (const DataPreviewItem& it : result->items) {
          const QString caption = it.caption.isEmpty() ? tr("(no caption)") : it.caption;
          auto* item = it.image.isNull()
                           ? new QListWidgetItem(caption, previewList_)
                           : new QListWidgetItem(pixelIcon(it.image, 72), caption, previewList_);
          item->setToolTip(QStringLiteral("%1\n%2").arg(it.id, it.caption));
        }
        if (!result->errors.isEmpty()) showError(result->errors.join(QLatin1Char('\n')));
        Q_EMIT previewFinished(int(result->items.size()));
      });
  thread->setParent(nullptr);
}

void TrainPage::saveSettings() const {
  QSettings s;
  s.setValue(QStringLiteral("train/preset"), presetCombo_->currentText());
  s.setValue(QStringLiteral("train/config"), configEdit_->text());
  s.setValue(QStringLiteral("train/data"), dataSpecs());
  s.setValue(QStringLiteral("train/steps"), stepsSpin_->value());
  s.setValue(QStringLiteral("train/vaeSteps"), vaeStepsSpin_->value());
  s.setValue(QStringLiteral("train/sampleEvery"), sampleEverySpin_->value());
  if (!runEdit_->text().isEmpty())
    s.setValue(QStringLiteral("train/runsFolder"), QFileInfo(runEdit_->text()).absolutePath());
}

void TrainPage::restoreSettings() {
  QSettings s;
  const QString preset = s.value(QStringLiteral("train/preset")).toString();
  if (!preset.isEmpty())
    setPreset(preset);
  else
    setPreset(QStringLiteral("fmnist-demo"));
  configEdit_->setText(s.value(QStringLiteral("train/config")).toString());
  setDataSpecs(s.value(QStringLiteral("train/data"), QStringList{QStringLiteral("fmnist:train")})
                   .toStringList());
  stepsSpin_->setValue(s.value(QStringLiteral("train/steps"), 0).toInt());
  vaeStepsSpin_->setValue(s.value(QStringLiteral("train/vaeSteps"), 0).toInt());
  sampleEverySpin_->setValue(s.value(QStringLiteral("train/sampleEvery"), -1).toInt());
  suggestRunDir();
}

}  // namespace tfs::studio
