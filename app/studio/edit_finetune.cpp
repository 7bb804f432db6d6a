#include "app/studio/edit_finetune.h"

#include "app/studio/background.h"

#include "core/base/error.h"
#include "core/train/edit_session.h"

namespace tfs::studio {

namespace {

// Trainer events (worker thread) → the fine-tune's signals (its own thread); steps are
// throttled to ~20 a second so a fast trainer cannot flood the UI.
class FinetuneObserver : public TrainObserver {
 public:
  explicit FinetuneObserver(EditFinetune* owner) : owner_(owner) {}
  void onStep(const StepMetrics& m) override {
    const auto now = std::chrono::steady_clock::now();
    if (m.step < m.totalSteps && now - last_ < std::chrono::milliseconds(50)) return;
    last_ = now;
    const int step = static_cast<int>(m.step), total = static_cast<int>(m.totalSteps);
    const double lm = m.lm, diffusion = m.diffusion;
    postToUi(owner_, [o = owner_, step, total, lm, diffusion] {
      Q_EMIT o->stepDone(step, total, lm, diffusion);
    });
  }

 private:
  EditFinetune* owner_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

EditFinetune::EditFinetune(QObject* parent) : QObject(parent) {}

EditFinetune::~EditFinetune() {
  stop();
  join();
}

void EditFinetune::join() {
  if (worker_.joinable()) worker_.join();
}

bool EditFinetune::start(const Options& options) {
  if (running_) return false;
  join();
  running_ = true;
  stopRequested_ = false;
  runDir_ = options.runDir;
  EditSessionOptions o;
  o.baseRun = options.baseRun.toStdString();
  o.runDir = options.runDir.toStdString();
  o.data = options.data.toStdString();
  o.steps = options.steps;
  o.resume = options.resume;
  worker_ = std::thread([this, o] {
    QString error, checkpoint;
    bool stopped = false;
    try {
      EditSession session(o);
      FinetuneObserver observer(this);
      session.trainer().addObserver(&observer);
      {
        std::lock_guard<std::mutex> lock(controlMutex_);
        control_ = &session.trainer().control();
        if (stopRequested_) control_->requestStop();
      }
      const int total = static_cast<int>(session.trainConfig().steps);
      const QString dir = QString::fromStdString(session.run().root());
      postToUi(this, [this, dir, total] { Q_EMIT started(dir, total); });
      TrainSummary s;
      try {
        s = session.trainer().run();
      } catch (...) {
        std::lock_guard<std::mutex> lock(controlMutex_);
        control_ = nullptr;
        throw;
      }
      {
        std::lock_guard<std::mutex> lock(controlMutex_);
        control_ = nullptr;
      }
      stopped = s.stopped;
      checkpoint = QString::fromStdString(s.lastCheckpoint);
    } catch (const std::exception& e) {
      error = errorMessage(e);
    }
    postToUi(this, [this, error, stopped, checkpoint] {
      running_ = false;
      if (error.isEmpty())
        Q_EMIT finished(runDir_, stopped, checkpoint);
      else
        Q_EMIT failed(error);
    });
  });
  return true;
}

void EditFinetune::stop() {
  stopRequested_ = true;
  std::lock_guard<std::mutex> lock(controlMutex_);
  if (control_) control_->requestStop();
}

}  // namespace tfs::studio
