#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <thread>

#include "core/generate/model_bundle.h"

namespace tfs::studio {

class GenerationQueue;

// The model the studio generates with: loads a run folder on a worker thread and hands it to the
// generation queue, which holds its jobs while a load is under way. A session made over another
// session's queue (sharedQueue) leaves the queue's model alone: its pages put the session's
// bundle on each job (GenerationJob::bundle), as the Edit workspace does with its editing model.
class ModelSession : public QObject {
  Q_OBJECT
 public:
  explicit ModelSession(QObject* parent = nullptr, GenerationQueue* sharedQueue = nullptr);
  ~ModelSession() override;  // waits for a load in progress

  GenerationQueue* queue() const { return queue_; }
  // Starts loading runDir; false when a load is already under way.
  bool loadRun(const QString& runDir);
  // Loads the model shipped with the studio for `use`; false when there is none.
  bool loadShipped(ModelUse use = ModelUse::Chat);
  static QString shippedRunDir(ModelUse use = ModelUse::Chat);
  // Uses a bundle made elsewhere (tests, a training run's model).
  void setBundle(std::shared_ptr<ModelBundle> bundle, const QString& runDir = {});

  std::shared_ptr<ModelBundle> bundle() const;
  bool isLoading() const { return loading_; }
  bool hasModel() const { return static_cast<bool>(bundle_); }
  QString modelName() const { return name_; }
  QString runDir() const { return runDir_; }
  int imageSize() const { return imageSize_; }
  int trainSteps() const { return trainSteps_; }  // the schedule's T; sampler steps stay below

 Q_SIGNALS:
  void loadStarted(const QString& runDir);
  void modelChanged(const QString& name, const QString& runDir);
  void loadFailed(const QString& runDir, const QString& message);

 private:
  void joinLoader();

  GenerationQueue* queue_;
  bool ownsQueue_;
  std::shared_ptr<ModelBundle> bundle_;
  QString name_, runDir_;
  int imageSize_ = 0, trainSteps_ = 1000;
  bool loading_ = false;
  std::thread loader_;
};

}  // namespace tfs::studio
