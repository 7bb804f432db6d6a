#pragma once

#include <QWidget>
#include <memory>

#include "app/studio/train_controller.h"

class QAction;
class QElapsedTimer;
class QLabel;
class QPushButton;

namespace tfs::widgets {
class TrainingPlotPanel;
}

namespace tfs::studio {

class TrainForm;
class TrainMonitor;

// The Train workspace: the form (TrainForm) on the left with an action bar below it that never
// scrolls away (start / pause / resume / stop-and-save, open a run), the monitor (TrainMonitor:
// progress with ETA, live curves of this run and of opened run folders, samples) on the right.
// This class wires them to the TrainController.
class TrainPage : public QWidget {
  Q_OBJECT
 public:
  explicit TrainPage(QWidget* parent = nullptr);
  ~TrainPage() override;

  TrainController* controller() const { return controller_; }
  TrainForm* form() const { return form_; }
  TrainMonitor* monitor() const { return monitor_; }
  widgets::TrainingPlotPanel* plotPanel() const;
  bool isTraining() const { return controller_->isActive(); }

  void setPreset(const QString& name);
  void setDataSpecs(const QStringList& specs);
  QStringList dataSpecs() const;
  void setRunDir(const QString& dir);
  void setSteps(qint64 steps);        // 0 = the preset's
  void setVaeSteps(qint64 steps);     // 0 = VaeTrainConfig's default
  void setSampleEvery(qint64 steps);  // -1 = the preset's, 0 = none
  TrainRequest request() const;

  void startTraining();
  void togglePause();
  void stopAndSave();
  // Opens a run folder and follows it live; false (with a message) when it is not a run.
  bool openRun(const QString& dir);
  void closeRun(const QString& name);
  QStringList followedRuns() const;
  void previewData();

  int sampleCount() const;
  QString statusText() const;
  double progressFraction() const;

 Q_SIGNALS:
  void statusMessage(const QString& text, int timeoutMs);
  void previewFinished(int records);
  void runOpened(const QString& name);

 private:
  QWidget* buildActionBar();
  void buildActions();
  void chooseRunToOpen();
  void updateButtons();
  void showError(const QString& text);
  void onPrepared(const QString& runDir, const QString& description, qint64 startStep,
                  qint64 totalSteps);
  void onTrainPoints(const QVector<TrainPoint>& points);
  void onFinished(const TrainResult& result);

  TrainController* controller_;
  TrainForm* form_ = nullptr;
  TrainMonitor* monitor_ = nullptr;
  QPushButton* startButton_ = nullptr;
  QPushButton* pauseButton_ = nullptr;
  QPushButton* stopButton_ = nullptr;
  QPushButton* openRunButton_ = nullptr;
  QLabel* errorLabel_ = nullptr;
  QAction* startAction_ = nullptr;
  QAction* pauseAction_ = nullptr;
  QAction* stopAction_ = nullptr;
  QAction* openAction_ = nullptr;
  QString trainingRun_;  // the plot's name of this studio's own run
  std::unique_ptr<QElapsedTimer> sessionClock_;
  qint64 sessionFirstStep_ = -1;
  bool showingVae_ = false;  // the run is in its VAE phase and the plot shows its curve
};

}  // namespace tfs::studio
