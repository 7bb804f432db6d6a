#include "app/studio/train_controller.h"

#include "app/studio/background.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
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
  if (worker_ && worker_->thread.joinable()) {
    {
      std::lock_guard<std::mutex> lock(worker_->m);
      worker_->requestStop();
    }
    worker_->thread.join();
  }
}

bool TrainController::start(const TrainRequest& request) {
  if (isActive()) return false;
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
