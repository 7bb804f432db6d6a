#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>

#include "app/studio/train_controller.h"

class QAction;
class QCheckBox;
class QComboBox;
class QElapsedTimer;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace tfs::widgets {
class TrainingPlotPanel;
}

namespace tfs::studio {

class TrainRunFollower;

// The Train workspace: preset or config file, data specs with a preview, start / pause / resume /
// stop-and-save, live curves of this run and of any opened run folders, progress with ETA, samples.
class TrainPage : public QWidget {
  Q_OBJECT
 public:
  explicit TrainPage(QWidget* parent = nullptr);
  ~TrainPage() override;

  TrainController* controller() const { return controller_; }
  widgets::TrainingPlotPanel* plotPanel() const { return plotPanel_; }
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
  QWidget* buildForm();
  QWidget* buildMonitor();
  void buildActions();
  void addSpec(const QString& spec);
  void browseConfig();
  void browseRunDir();
  void chooseRunToOpen();
  void suggestRunDir();
  void updateButtons();
  void showError(const QString& text);
  void onPrepared(const QString& runDir, const QString& description, qint64 startStep,
                  qint64 totalSteps);
  void onPoints(const QString& run, const QVector<TrainPoint>& points);
  void onTrainPoints(const QVector<TrainPoint>& points);
  void onFinished(const TrainResult& result);
  void addSamples(const QStringList& paths, const QString& run, bool tilesOnly);
  void updateProgress(qint64 step, qint64 total, double eta);
  void saveSettings() const;
  void restoreSettings();

  TrainController* controller_;
  widgets::TrainingPlotPanel* plotPanel_ = nullptr;
  QComboBox* presetCombo_ = nullptr;
  QLineEdit* configEdit_ = nullptr;
  QListWidget* dataList_ = nullptr;
  QComboBox* specEdit_ = nullptr;
  QListWidget* previewList_ = nullptr;
  QLineEdit* runEdit_ = nullptr;
  QSpinBox* stepsSpin_ = nullptr;
  QSpinBox* vaeStepsSpin_ = nullptr;
  QSpinBox* sampleEverySpin_ = nullptr;
  QCheckBox* resumeCheck_ = nullptr;
  QPushButton* startButton_ = nullptr;
  QPushButton* pauseButton_ = nullptr;
  QPushButton* stopButton_ = nullptr;
  QPushButton* openRunButton_ = nullptr;
  QLabel* stateLabel_ = nullptr;
  QLabel* etaLabel_ = nullptr;
  QLabel* errorLabel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QListWidget* runsList_ = nullptr;
  QListWidget* samplesList_ = nullptr;
  QAction* startAction_ = nullptr;
  QAction* pauseAction_ = nullptr;
  QAction* stopAction_ = nullptr;
  QAction* openAction_ = nullptr;
  QHash<QString, TrainRunFollower*> followers_;
  QString trainingRun_;  // the plot's name of this studio's own run
  std::unique_ptr<QElapsedTimer> sessionClock_;
  qint64 sessionFirstStep_ = -1;
  bool showingVae_ = false;  // the run is in its VAE phase and the plot shows its curve
  bool previewBusy_ = false;
};

}  // namespace tfs::studio
