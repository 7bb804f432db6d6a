#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <thread>

namespace tfs {
class ModelBundle;
}

namespace tfs::studio {

class GenerationQueue;

// The model the studio generates with: loads a run folder on a worker thread and hands it to the
// generation queue, which holds its jobs while a load is under way.
class ModelSession : public QObject {
  Q_OBJECT
 public:
  explicit ModelSession(QObject* parent = nullptr);
  ~ModelSession() override;  // waits for a load in progress

  GenerationQueue* queue() const { return queue_; }
  // Starts loading runDir; false when a load is already under way.
  bool loadRun(const QString& runDir);
  // Loads the demo model shipped with the studio; false when there is none.
  bool loadShipped();
  static QString shippedRunDir();
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
  std::shared_ptr<ModelBundle> bundle_;
  QString name_, runDir_;
  int imageSize_ = 0, trainSteps_ = 1000;
  bool loading_ = false;
  std::thread loader_;
};

}  // namespace tfs::studio
