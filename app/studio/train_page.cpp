#include "app/studio/train_page.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "app/studio/recent_paths.h"
#include "app/studio/train_form.h"
#include "app/studio/train_gallery.h"
#include "app/studio/train_monitor.h"
#include "widgets/loss_plot.h"
#include "widgets/loss_plot_panel.h"

namespace tfs::studio {

namespace {

constexpr int kPreviewRecords = 6;

// A point of the VAE phase a latent-space run trains first (TrainController: "vae_recon", ...).
bool isVaePoint(const TrainPoint& p) {
  return !p.values.empty() && p.values.front().first == QLatin1String("vae_recon");
}

}  // namespace

TrainPage::TrainPage(QWidget* parent)
    : QWidget(parent),
      controller_(new TrainController(this)),
      form_(new TrainForm),
      monitor_(new TrainMonitor) {
  setObjectName(QStringLiteral("trainPage"));
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setObjectName(QStringLiteral("trainSplitter"));
  // The form scrolls; the action bar below it stays in view whatever the window's height.
  auto* left = new QWidget(splitter);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  auto* scroll = new QScrollArea(left);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(form_);
  leftLayout->addWidget(scroll, 1);
  leftLayout->addWidget(buildActionBar());
  left->setMinimumWidth(280);
  splitter->addWidget(left);
  // Scrolls rather than forcing the window wider than a small screen (the plot bar is wide).
  auto* monitorScroll = new QScrollArea(splitter);
  monitorScroll->setWidgetResizable(true);
  monitorScroll->setFrameShape(QFrame::NoFrame);
  monitorScroll->setWidget(monitor_);
  splitter->addWidget(monitorScroll);
  splitter->setStretchFactor(0, 0);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({360, 900});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(splitter);
  buildActions();

  connect(form_, &TrainForm::previewRequested, this, &TrainPage::previewData);
  connect(form_, &TrainForm::error, this, &TrainPage::showError);
  connect(monitor_, &TrainMonitor::error, this, &TrainPage::showError);
  connect(monitor_, &TrainMonitor::statusMessage, this, &TrainPage::statusMessage);
  connect(monitor_, &TrainMonitor::runOpened, this, &TrainPage::runOpened);
  connect(controller_, &TrainController::previewReady, this,
          [this](const QVector<DataPreviewItem>& items, const QStringList& errors) {
            form_->showPreview(items);
            if (!errors.isEmpty()) showError(errors.join(QLatin1Char('\n')));
            Q_EMIT previewFinished(int(items.size()));
          });
  connect(controller_, &TrainController::stateChanged, this, &TrainPage::updateButtons);
  connect(controller_, &TrainController::prepared, this, &TrainPage::onPrepared);
  connect(controller_, &TrainController::pointsReady, this, &TrainPage::onTrainPoints);
  connect(controller_, &TrainController::historyLoaded, this,
          [this](const QVector<TrainPoint>& points) {
            // A resumed run's curve is replaced by its log; a new run keeps what it has drawn
            // (the VAE phase's curve, when it trained one first).
            if (points.isEmpty()) return;
            plotPanel()->plot()->removeRun(trainingRun_);
            monitor_->addPoints(trainingRun_, points);
          });
  connect(controller_, &TrainController::finished, this, &TrainPage::onFinished);
  connect(controller_, &TrainController::failed, this, [this](const QString& error) {
    showError(error);
    monitor_->setState(tr("Failed"));
    monitor_->setRunLabel(trainingRun_, tr("%1 (failed)").arg(trainingRun_));
    monitor_->setLiveRun({}, {});
  });
  connect(controller_, &TrainController::sampleWritten, this, [this](const QString& path) {
    monitor_->gallery()->addSamples({path}, trainingRun_, true);
  });
  connect(controller_, &TrainController::checkpointSaved, this, [this](const QString& folder) {
    Q_EMIT statusMessage(tr("Checkpoint saved: %1").arg(QDir::toNativeSeparators(folder)), 5000);
  });
  form_->restoreSettings();
  updateButtons();
}

TrainPage::~TrainPage() {
  form_->saveSettings();
}

widgets::TrainingPlotPanel* TrainPage::plotPanel() const {
  return monitor_->plotPanel();
}

QWidget* TrainPage::buildActionBar() {
  auto* bar = new QWidget;
  bar->setObjectName(QStringLiteral("trainActionBar"));
  auto* column = new QVBoxLayout(bar);
  column->setContentsMargins(0, 4, 0, 0);
  auto* buttons = new QHBoxLayout;
  startButton_ = new QPushButton(tr("Start"), bar);
  startButton_->setObjectName(QStringLiteral("startButton"));
  startButton_->setToolTip(tr("Start training (Ctrl+Return)"));
  pauseButton_ = new QPushButton(tr("Pause"), bar);
  pauseButton_->setObjectName(QStringLiteral("pauseButton"));
  pauseButton_->setToolTip(tr("Pause or resume after the current step (Ctrl+Shift+P)"));
  stopButton_ = new QPushButton(tr("Stop and save"), bar);
  stopButton_->setObjectName(QStringLiteral("stopButton"));
  stopButton_->setToolTip(tr("Stop after the current step and save a checkpoint (Ctrl+Shift+S)"));
  connect(startButton_, &QPushButton::clicked, this, &TrainPage::startTraining);
  connect(pauseButton_, &QPushButton::clicked, this, &TrainPage::togglePause);
  connect(stopButton_, &QPushButton::clicked, this, &TrainPage::stopAndSave);
  buttons->addWidget(startButton_);
  buttons->addWidget(pauseButton_);
  buttons->addWidget(stopButton_);
  column->addLayout(buttons);
  openRunButton_ = new QPushButton(tr("Open run…"), bar);
  openRunButton_->setObjectName(QStringLiteral("openRunButton"));
  openRunButton_->setToolTip(
      tr("Follow an existing run folder live, e.g. one started with `transfusion train` "
         "(Ctrl+Shift+O)"));
  connect(openRunButton_, &QPushButton::clicked, this, &TrainPage::chooseRunToOpen);
  column->addWidget(openRunButton_);
  errorLabel_ = new QLabel(bar);
  errorLabel_->setObjectName(QStringLiteral("trainErrorLabel"));
  errorLabel_->setWordWrap(true);
  errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  errorLabel_->setStyleSheet(QStringLiteral("color: #c0392b;"));
  errorLabel_->hide();
  column->addWidget(errorLabel_);
  return bar;
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
  form_->setPreset(name);
}
void TrainPage::setDataSpecs(const QStringList& specs) {
  form_->setDataSpecs(specs);
}
QStringList TrainPage::dataSpecs() const {
  return form_->dataSpecs();
}
void TrainPage::setRunDir(const QString& dir) {
  form_->setRunDir(dir);
}
void TrainPage::setSteps(qint64 steps) {
  form_->setSteps(steps);
}
void TrainPage::setVaeSteps(qint64 steps) {
  form_->setVaeSteps(steps);
}
void TrainPage::setSampleEvery(qint64 steps) {
  form_->setSampleEvery(steps);
}
TrainRequest TrainPage::request() const {
  return form_->request();
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
  monitor_->setLiveRun(trainingRun_, QFileInfo(r.runDir).absoluteFilePath());
  recent::add(recent::kRuns, r.runDir);
  sessionFirstStep_ = -1;
  showingVae_ = false;
  sessionClock_ = std::make_unique<QElapsedTimer>();
  monitor_->resetProgress();
  form_->saveSettings();
  controller_->start(r);
  monitor_->setState(tr("Preparing %1 (tokenizer, data, model)…").arg(trainingRun_));
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
  monitor_->setState(QStringLiteral("%1: %2").arg(QFileInfo(runDir).fileName(), description),
                     QDir::toNativeSeparators(runDir));
  monitor_->updateProgress(startStep, totalSteps, std::nan(""));
  Q_EMIT statusMessage(tr("Training %1 from step %2").arg(trainingRun_).arg(startStep), 4000);
}

void TrainPage::onTrainPoints(const QVector<TrainPoint>& points) {
  monitor_->addPoints(trainingRun_, points);
  if (points.isEmpty()) return;
  const TrainPoint& last = points.back();
  // The VAE phase of a latent-space run (its own step count): show its curve while it lasts.
  auto* panel = plotPanel();
  const auto groups = panel->groups();
  const auto vaeIt = std::find_if(groups.begin(), groups.end(), [](const widgets::MetricGroup& g) {
    return g.series.contains(QStringLiteral("vae_recon"));
  });
  const int vaeGroup = vaeIt == groups.end() ? -1 : int(vaeIt - groups.begin());
  if (isVaePoint(last)) {
    if (!showingVae_) panel->setCurrentGroup(vaeGroup);
    showingVae_ = true;
    monitor_->setState(tr("Training the VAE first: step %1").arg(last.step));
    return;
  }
  if (showingVae_) {
    showingVae_ = false;
    if (panel->currentGroup() == vaeGroup) panel->setCurrentGroup(0);
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
  monitor_->updateProgress(last.step, controller_->totalSteps(),
                           perStep * double(controller_->totalSteps() - last.step));
}

void TrainPage::onFinished(const TrainResult& result) {
  const QString what = result.stopped ? tr("Stopped at step %1").arg(result.steps)
                                      : tr("Finished %1 steps").arg(result.steps);
  monitor_->setState(
      QStringLiteral("%1 · %2").arg(trainingRun_, what),
      result.lastCheckpoint.isEmpty()
          ? QString()
          : tr("Checkpoint: %1").arg(QDir::toNativeSeparators(result.lastCheckpoint)));
  monitor_->setEtaText(
      tr("took %1").arg(formatDuration(sessionClock_ ? sessionClock_->elapsed() / 1000.0 : 0)));
  monitor_->setRunLabel(
      trainingRun_, result.stopped ? tr("%1 (stopped at %2)").arg(trainingRun_).arg(result.steps)
                                   : tr("%1 (finished)").arg(trainingRun_));
  monitor_->setLiveRun({}, {});
  Q_EMIT statusMessage(
      tr("%1; checkpoint %2").arg(what, QDir::toNativeSeparators(result.lastCheckpoint)), 8000);
}

double TrainPage::progressFraction() const {
  return monitor_->progressFraction();
}

QString TrainPage::statusText() const {
  return monitor_->stateText();
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
  form_->setLocked(active);
  if (s == S::Paused) {
    monitor_->setState(tr("%1 · paused").arg(trainingRun_));
    monitor_->setRunLabel(trainingRun_, tr("%1 (paused)").arg(trainingRun_));
  }
  if (s == S::Stopping) monitor_->setState(tr("%1 · stopping and saving…").arg(trainingRun_));
  if (s == S::Running) {
    monitor_->setRunLabel(trainingRun_, tr("%1 (training)").arg(trainingRun_));
    if (monitor_->stateText().endsWith(tr("paused")))
      monitor_->setState(tr("%1 · training").arg(trainingRun_));
  }
}

void TrainPage::showError(const QString& text) {
  errorLabel_->setText(text);
  errorLabel_->show();
  Q_EMIT statusMessage(text.section(QLatin1Char('\n'), 0, 0), 8000);
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
  return monitor_->openRun(dir);
}

void TrainPage::closeRun(const QString& name) {
  monitor_->closeRun(name);
}

QStringList TrainPage::followedRuns() const {
  return monitor_->followedRuns();
}

int TrainPage::sampleCount() const {
  return monitor_->gallery()->count();
}

void TrainPage::previewData() {
  const QStringList specs = dataSpecs();
  if (specs.isEmpty()) {
    showError(tr("Add a data source to preview."));
    return;
  }
  if (controller_->previewData(specs, form_->preset(), kPreviewRecords))
    form_->showPreviewPending();
}

}  // namespace tfs::studio
