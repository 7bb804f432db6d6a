#pragma once

#include <QObject>
#include <QStringList>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "app/studio/generation_job.h"
#include "core/generate/cancel_token.h"

namespace tfs {
class ModelBundle;
}

namespace tfs::studio {

// Runs generation jobs one at a time on a worker thread (the engine is not re-entrant). Pixels
// are converted on the worker; every signal is emitted on the queue's own (UI) thread.
class GenerationQueue : public QObject {
  Q_OBJECT
 public:
  explicit GenerationQueue(QObject* parent = nullptr);
  ~GenerationQueue() override;  // stops the running job now and waits for the worker

  // Jobs started afterwards use this model; null makes them fail with a hint.
  void setBundle(std::shared_ptr<ModelBundle> bundle);
  std::shared_ptr<ModelBundle> bundle() const;
  // While a model loads, queued jobs wait for it instead of failing.
  void setHeld(bool held);

  QString submit(GenerationJob job);  // returns the job's id
  // A queued job is dropped; the running one stops now.
  bool cancel(const QString& id);
  bool stopNow(const QString& id);
  bool stopAfterImage(const QString& id);
  bool skipImage(const QString& id);
  // Reorders the queued jobs: `ids` in the wanted order (ids of other jobs are ignored).
  void setOrder(const QStringList& ids);
  bool moveJob(const QString& id, int queuedIndex);

  QStringList queuedIds() const;
  QString runningId() const;
  bool isIdle() const;

 Q_SIGNALS:
  void jobQueued(const QString& id, const QString& kind, const QString& label);
  // The whole job as queued (its id set), just before jobQueued: what it samples with, and what
  // Run Again submits again.
  void jobSubmitted(const tfs::studio::GenerationJob& job);
  void jobStarted(const QString& id);
  void tokenArrived(const QString& id, const QString& text);  // new text since the last one
  void stepDone(const QString& id, const tfs::studio::StepUpdate& step);
  void imageDone(const QString& id, const tfs::studio::ImageUpdate& image);
  void progressChanged(const QString& id, double fraction);
  void jobFinished(const QString& id, const tfs::studio::JobOutcome& outcome);
  void jobFailed(const QString& id, const QString& message);
  void orderChanged(const QStringList& queuedIds);

 private:
  void workerLoop();
  void execute(GenerationJob& job, const std::shared_ptr<ModelBundle>& bundle, CancelToken& cancel);
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<GenerationJob> pending_;
  std::shared_ptr<ModelBundle> bundle_;
  std::shared_ptr<CancelToken> cancel_;
  QString running_;
  bool held_ = false, shutdown_ = false;
  int nextId_ = 1;
  std::thread worker_;
};

}  // namespace tfs::studio
