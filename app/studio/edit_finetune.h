#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <mutex>
#include <thread>

namespace tfs {
class TrainControl;
}

namespace tfs::studio {

// An instruction-editing fine-tune (tfs::EditSession, as `transfusion finetune-edit`) on a worker
// thread, reporting each step; stop() ends it after the current step and saves a checkpoint.
class EditFinetune : public QObject {
  Q_OBJECT
 public:
  struct Options {
    QString baseRun;  // the trained run to start from
    QString runDir;   // the fine-tune's own run folder
    QString data = QStringLiteral("shapes-edit");
    int steps = 500;
    bool resume = false;
  };

  explicit EditFinetune(QObject* parent = nullptr);
  ~EditFinetune() override;  // stops and waits

  bool start(const Options& options);  // false while one runs
  void stop();
  bool isRunning() const { return running_; }
  QString runDir() const { return runDir_; }

 Q_SIGNALS:
  void started(const QString& runDir, int totalSteps);
  void stepDone(int step, int totalSteps, double lmLoss, double diffusionLoss);
  void finished(const QString& runDir, bool stopped, const QString& checkpoint);
  void failed(const QString& message);

 private:
  void join();

  std::thread worker_;
  std::mutex controlMutex_;
  TrainControl* control_ = nullptr;  // the running trainer's, guarded by controlMutex_
  std::atomic<bool> stopRequested_{false};
  bool running_ = false;
  QString runDir_;
};

}  // namespace tfs::studio
