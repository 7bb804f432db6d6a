#include "app/studio/train_controller.h"

#include "app/studio/background.h"
#include "app/studio/train_run_follower.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>

#include "core/base/error.h"
#include "core/eval/training_samples.h"
#include "core/model/model_config.h"
#include "core/train/train_observer.h"
#include "core/train/train_session.h"

namespace tfs::studio {

namespace {

TrainPoint toPoint(const StepMetrics& m) {
  TrainPoint p;
  p.step = m.step;
  p.time = m.time;
  p.skipped = m.skipped;
  p.values = {{QStringLiteral("lm"), m.lm},
              {QStringLiteral("diffusion"), m.diffusion},
              {QStringLiteral("total"), m.total},
              {QStringLiteral("lr"), m.lr},
              {QStringLiteral("grad_norm"), m.gradNorm},
              {QStringLiteral("tokens_per_s"), m.tokensPerS},
              {QStringLiteral("images_per_s"), m.imagesPerS}};
  return p;
}

std::vector<std::string> toStd(const QStringList& list) {
  std::vector<std::string> out;
  for (const QString& s : list)
    if (!s.trimmed().isEmpty()) out.push_back(s.trimmed().toStdString());
  return out;
}

}  // namespace

// Lives as long as the thread: the observer the trainer calls, and the control requests that
// arrive before the session exists.
struct TrainController::Worker : TrainObserver {
  TrainController* owner = nullptr;
  std::thread thread;
  std::mutex m;
  TrainSession* session = nullptr;
  bool pauseRequested = false;
  bool stopRequested = false;
  TrainControl vaeControl;  // the VAE phase, before the session exists
  std::vector<TrainPoint> pending;
  bool flushPosted = false;
  std::chrono::steady_clock::time_point vaeStart;

  // Both phases' controls: the VAE's (before the session exists) and the session's trainer.
  // The caller holds m.
  void requestStop() {
    stopRequested = true;
    vaeControl.requestStop();
    if (session) session->trainer().control().requestStop();
  }
  void setPaused(bool on) {
    pauseRequested = on;
    for (TrainControl* c : {&vaeControl, session ? &session->trainer().control() : nullptr}) {
      if (c && on) c->pause();
      if (c && !on) c->resume();
    }
  }

  template <typename F>
  void post(F&& f) {
    postToUi(owner, std::forward<F>(f));
  }

  // Steps are batched: at most one flush is queued, so a fast trainer cannot flood the UI.
  void onStep(const StepMetrics& s) override { queue(toPoint(s)); }
  void onVaeStep(const VaeStepMetrics& v) override {
    TrainPoint p;
    p.step = v.step;
    p.time = std::chrono::duration<double>(std::chrono::steady_clock::now() - vaeStart).count();
    p.values = {{QStringLiteral("vae_recon"), v.recon}, {QStringLiteral("vae_kl"), v.kl}};
    queue(std::move(p));
  }
  void queue(TrainPoint p) {
    bool schedule = false;
    {
      std::lock_guard<std::mutex> lock(m);
      pending.push_back(std::move(p));
      schedule = !flushPosted;
      flushPosted = true;
    }
    if (schedule) post([o = owner] { o->flushPoints(); });
  }
  void onCheckpoint(const std::string& folder) override {
    post([o = owner, f = QString::fromStdString(folder)] { Q_EMIT o->checkpointSaved(f); });
  }
  void onSample(const std::string& path) override {
    post([o = owner, p = QString::fromStdString(path)] { Q_EMIT o->sampleWritten(p); });
  }
  void onMessage(spdlog::level::level_enum level, const std::string& text) override {
    post(
        [o = owner, l = int(level), t = QString::fromStdString(text)] { Q_EMIT o->message(l, t); });
  }

  void run(const TrainRequest& r);
};

void TrainController::Worker::run(const TrainRequest& r) {
  TrainResult result;
  QString error;
  try {
    TrainSessionOptions o;
    o.runDir = r.runDir.toStdString();
    o.preset = r.preset.toStdString();
    o.configFile = r.configFile.toStdString();
    o.data = toStd(r.data);
    if (r.steps > 0) o.steps = r.steps;
    o.resume = r.resume;
    o.trainOverrides = nlohmann::json::parse(
        QJsonDocument(QJsonObject::fromVariantMap(r.overrides)).toJson().toStdString());
    if (r.sampleEvery >= 0) o.trainOverrides["sampleEvery"] = r.sampleEvery;
    o.trainMissingVae = true;
    if (r.vaeSteps > 0) o.vae.steps = r.vaeSteps;
    o.vaeControl = &vaeControl;
    vaeStart = std::chrono::steady_clock::now();
    o.vaeObserver = this;
    TrainSession session(o);
    // Unpublishes the session before it is destroyed, also when an exception unwinds past it.
    struct Unpublish {
      Worker* w;
      ~Unpublish() {
        std::lock_guard<std::mutex> lock(w->m);
        w->session = nullptr;
      }
    } unpublish{this};
    const auto& mc = session.modelConfig();
    const auto& tc = session.trainConfig();
    attachTrainingSamples(session, r.samplePrompts, r.sampleSteps);
    session.trainer().addObserver(this);
    bool stopEarly = false;
    {
      std::lock_guard<std::mutex> lock(m);
      this->session = &session;
      if (pauseRequested) session.trainer().control().pause();
      stopEarly = stopRequested;
    }
    const QString description =
        QStringLiteral("%1 · %2 steps of %3×%4 tokens on %5%6")
            .arg(QString::fromStdString(mc.name))
            .arg(tc.steps)
            .arg(tc.batchRows)
            .arg(tc.rowLength)
            .arg(QString::fromStdString(session.trainer().device().str()),
                 session.resumed() ? QStringLiteral(" (resumed)") : QString());
    QVector<TrainPoint> history;
    if (session.trainer().stepsDone() > 0) {
      // Read before run() rewrites the log from the checkpoint on: no race with the writer.
      QFile log(QString::fromStdString(session.run().metricsPath()));
      if (log.open(QIODevice::ReadOnly)) {
        TrainPoint p;
        while (!log.atEnd())
          if (parseMetricsLine(log.readLine().trimmed(), &p) &&
              p.step <= session.trainer().stepsDone())
            history.push_back(p);
      }
    }
    post([o = owner, history] { Q_EMIT o->historyLoaded(history); });
    post([o = owner, dir = QString::fromStdString(session.run().root()), description,
          start = session.trainer().stepsDone(), total = tc.steps] {
      o->totalSteps_ = total;
      if (o->state_ == State::Preparing) o->setState(State::Running);
      Q_EMIT o->prepared(dir, description, start, total);
    });
    if (!stopEarly) {
      const TrainSummary s = session.trainer().run();
      result.steps = s.steps;
      result.stepsThisSession = s.stepsThisSession;
      result.seconds = s.seconds;
      result.stopped = s.stopped;
      result.lastCheckpoint = QString::fromStdString(s.lastCheckpoint);
    } else {
      result.steps = session.trainer().stepsDone();
      result.stopped = true;
    }
  } catch (const std::exception& e) {
    error = errorMessage(e);
  }
  {
    std::lock_guard<std::mutex> lock(m);
    session = nullptr;
  }
  // The last thing the thread does: the UI joins it when this arrives.
  post([o = owner, result, error] {
    o->flushPoints();
    o->onWorkerDone();
    if (error.isEmpty())
      Q_EMIT o->finished(result);
    else
      Q_EMIT o->failed(error);
  });
}

TrainController::TrainController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<TrainPoint>();
  qRegisterMetaType<TrainResult>();
  qRegisterMetaType<QVector<TrainPoint>>();
}

TrainController::~TrainController() {
  if (launcher_ && launcher_->state() != QProcess::NotRunning) {
    launcher_->terminate();  // the ranks stop at one step and rank 0 saves
    if (!launcher_->waitForFinished(120000)) launcher_->kill();
    launcher_->waitForFinished(5000);
  }
  if (worker_ && worker_->thread.joinable()) {
    {
      std::lock_guard<std::mutex> lock(worker_->m);
      worker_->requestStop();
    }
    worker_->thread.join();
  }
}

QString TrainController::cliPath() {
  const QString env = qEnvironmentVariable("TFS_CLI");
  if (!env.isEmpty()) return env;
  return QCoreApplication::applicationDirPath() + QStringLiteral("/transfusion");
}

bool TrainController::startJob(const TrainRequest& r) {
  QStringList args{
      QStringLiteral("--threads"), QStringLiteral("1"),          QStringLiteral("launch"),
      QStringLiteral("--nproc"),   QString::number(r.processes), QStringLiteral("--"),
      QStringLiteral("train"),     QStringLiteral("--run"),      r.runDir};
  if (!r.preset.isEmpty() && !r.resume) args << QStringLiteral("--preset") << r.preset;
  if (!r.configFile.isEmpty()) args << QStringLiteral("--config") << r.configFile;
  for (const QString& d : r.data)
    if (!d.trimmed().isEmpty()) args << QStringLiteral("--data") << d.trimmed();
  if (r.steps > 0) args << QStringLiteral("--steps") << QString::number(r.steps);
  if (r.resume) args << QStringLiteral("--resume");
  QVariantMap overrides = r.overrides;
  if (r.sampleEvery >= 0) overrides[QStringLiteral("sampleEvery")] = r.sampleEvery;
  for (auto it = overrides.cbegin(); it != overrides.cend(); ++it) {
    const QJsonDocument one(QJsonObject{{it.key(), QJsonValue::fromVariant(it.value())}});
    // {"k":v} → v as JSON (the CLI parses --set values as JSON when they are)
    QByteArray json = one.toJson(QJsonDocument::Compact);
    json = json.mid(json.indexOf(':') + 1);
    json.chop(1);
    args << QStringLiteral("--set") << it.key() + QLatin1Char('=') + QString::fromUtf8(json);
  }
  args << QStringLiteral("--sample-prompts") << QString::number(r.samplePrompts)
       << QStringLiteral("--sample-steps") << QString::number(r.sampleSteps);
  const QString cli = cliPath();
  if (!QFileInfo(cli).isExecutable()) {
    Q_EMIT failed(tr("cannot start a multi-process run: the transfusion CLI is not at %1 (set "
                     "TFS_CLI to its path)")
                      .arg(cli));
    return false;
  }
  launcher_ = new QProcess(this);
  launcher_->setProcessChannelMode(QProcess::MergedChannels);
  connect(launcher_, &QProcess::readyReadStandardOutput, this, &TrainController::onJobOutput);
  connect(launcher_, &QProcess::finished, this, [this](int code) { onJobFinished(code); });
  jobOutput_.clear();
  jobTail_.clear();
  runDir_ = r.runDir;
  totalSteps_ = r.steps;
  setState(State::Preparing);
  launcher_->start(cli, args);
  Q_EMIT message(int(spdlog::level::info),
                 tr("launched %1 ranks: transfusion %2").arg(r.processes).arg(args.join(' ')));
  return true;
}

void TrainController::onJobOutput() {
  jobOutput_ += launcher_->readAllStandardOutput();
  int nl;
  static const QRegularExpression stepsOf(QStringLiteral(", (\\d+) steps of "));
  static const QRegularExpression fromStep(QStringLiteral("^training from step (\\d+)"));
  while ((nl = jobOutput_.indexOf('\n')) >= 0) {
    // The progress bar redraws with \r: keep the last state of such a line.
    QString line = QString::fromUtf8(jobOutput_.left(nl)).section(QLatin1Char('\r'), -1).trimmed();
    jobOutput_.remove(0, nl + 1);
    if (line.isEmpty()) continue;
    jobTail_ << line;
    while (jobTail_.size() > 12) jobTail_.removeFirst();
    if (const auto m = stepsOf.match(line); m.hasMatch() && line.startsWith(QLatin1String("run ")))
      totalSteps_ = m.captured(1).toLongLong();
    if (const auto m = fromStep.match(line); m.hasMatch() && !follower_) {
      // The run folder exists now: its metrics are the curves (rank 0 writes them).
      follower_ = new TrainRunFollower(runDir_, this);
      connect(follower_, &TrainRunFollower::pointsAdded, this,
              [this](const QVector<TrainPoint>& points) {
                if (state_ == State::Preparing) setState(State::Running);
                Q_EMIT pointsReady(points);
              });
      connect(follower_, &TrainRunFollower::samplesAdded, this, [this](const QStringList& paths) {
        for (const QString& p : paths) Q_EMIT sampleWritten(p);
      });
      Q_EMIT historyLoaded({});
      Q_EMIT prepared(runDir_,
                      tr("%1 ranks (child processes) · %2 steps")
                          .arg(launcher_->arguments().value(4))
                          .arg(totalSteps_),
                      m.captured(1).toLongLong(), totalSteps_);
      if (state_ == State::Preparing) setState(State::Running);
      follower_->poll();
      continue;
    }
    if (line.startsWith(QLatin1String("step "))) continue;  // the curves show these
    const int level = line.contains(QLatin1String("error"))  ? int(spdlog::level::err)
                      : line.contains(QLatin1String("warn")) ? int(spdlog::level::warn)
                                                             : int(spdlog::level::info);
    Q_EMIT message(level, line);
    if (line.startsWith(QLatin1String("saved checkpoint ")))
      Q_EMIT checkpointSaved(line.section(QLatin1Char(' '), 2));
  }
}

void TrainController::onJobFinished(int code) {
  onJobOutput();
  if (follower_) follower_->poll();
  TrainResult result;
  result.stopped = code == 3;
  QFile log(runDir_ + QStringLiteral("/metrics.jsonl"));
  if (log.open(QIODevice::ReadOnly)) {
    TrainPoint p, last;
    while (!log.atEnd())
      if (parseMetricsLine(log.readLine().trimmed(), &p)) last = p;
    result.steps = last.step;
    result.seconds = last.time;
  }
  if (follower_) follower_->deleteLater();
  follower_ = nullptr;
  launcher_->deleteLater();
  launcher_ = nullptr;
  setState(State::Idle);
  if (code == 0 || code == 3)
    Q_EMIT finished(result);
  else
    Q_EMIT failed(tr("the multi-process run failed (exit %1): %2")
                      .arg(code)
                      .arg(jobTail_.mid(std::max<qsizetype>(0, jobTail_.size() - 4)).join('\n')));
}

bool TrainController::start(const TrainRequest& request) {
  if (isActive()) return false;
  if (request.processes > 1) return startJob(request);
  if (worker_ && worker_->thread.joinable()) worker_->thread.join();
  worker_ = std::make_shared<Worker>();
  worker_->owner = this;
  runDir_ = request.runDir;
  totalSteps_ = 0;
  setState(State::Preparing);
  Worker* w = worker_.get();
  w->thread = std::thread([w, request] { w->run(request); });
  return true;
}

void TrainController::pause() {
  if (launcher_) {
    Q_EMIT message(int(spdlog::level::warn),
                   tr("a multi-process run can be stopped (and resumed later), not paused"));
    return;
  }
  if (!worker_ || (state_ != State::Running && state_ != State::Preparing)) return;
  {
    std::lock_guard<std::mutex> lock(worker_->m);
    worker_->setPaused(true);
  }
  setState(State::Paused);
}

void TrainController::resume() {
  if (!worker_ || state_ != State::Paused) return;
  {
    std::lock_guard<std::mutex> lock(worker_->m);
    worker_->setPaused(false);
  }
  setState(State::Running);
}

void TrainController::stop() {
  if (launcher_ && state_ != State::Stopping) {
    // SIGTERM to the launcher, which forwards it: every rank stops at the same step (they agree
    // on it) and rank 0 saves a checkpoint; the job then exits 3.
    launcher_->terminate();
    setState(State::Stopping);
    return;
  }
  if (!worker_ || !isActive() || state_ == State::Stopping) return;
  {
    std::lock_guard<std::mutex> lock(worker_->m);
    worker_->requestStop();
  }
  setState(State::Stopping);
}

void TrainController::setState(State s) {
  if (s == state_) return;
  state_ = s;
  Q_EMIT stateChanged(s);
}

void TrainController::flushPoints() {
  if (!worker_) return;
  std::vector<TrainPoint> points;
  {
    std::lock_guard<std::mutex> lock(worker_->m);
    points.swap(worker_->pending);
    worker_->flushPosted = false;
  }
  if (points.empty()) return;
  if (state_ == State::Preparing) setState(State::Running);
  Q_EMIT pointsReady(QVector<TrainPoint>(points.begin(), points.end()));
}

void TrainController::onWorkerDone() {
  if (worker_ && worker_->thread.joinable()) worker_->thread.join();
  setState(State::Idle);
}

QStringList TrainController::presetNames() {
  QStringList names;
  for (const auto& n : tfs::presetNames()) names << QString::fromStdString(n);
  return names;
}

bool TrainController::previewData(const QStringList& specs, const QString& preset, int perSpec) {
  if (previewing_) return false;
  int size = 64, channels = 3;
  presetImageShape(preset, &size, &channels);
  previewing_ = true;
  struct Result {
    QVector<DataPreviewItem> items;
    QStringList errors;
  };
  runInBackground(
      this,
      [specs, size, channels, perSpec] {
        Result r;
        for (const QString& spec : specs) {
          try {
            r.items += readDataPreview(spec, size, channels, perSpec);
          } catch (const std::exception& e) {
            r.errors << QStringLiteral("%1: %2").arg(spec, errorMessage(e));
          }
        }
        return r;
      },
      [this](BackgroundResult<Result> done) {
        if (!done.error.isEmpty()) done.value.errors << done.error;
        previewing_ = false;
        Q_EMIT previewReady(done.value.items, done.value.errors);
      });
  return true;
}

bool TrainController::presetImageShape(const QString& name, int* size, int* channels) {
  try {
    const ModelConfig c = preset(name.toStdString());
    *size = static_cast<int>(c.imageSize);
    *channels = static_cast<int>(c.imageChannels);
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace tfs::studio
