#pragma once

#include <QHash>
#include <QVector>
#include <QWidget>

#include "app/studio/train_metrics.h"

class QLabel;
class QListWidget;
class QProgressBar;

namespace tfs::widgets {
class TrainingPlotPanel;
}

namespace tfs::studio {

class SampleGallery;
class TrainRunFollower;

// The Train page's monitor: state, progress and ETA; the live curves of this studio's run and of
// every followed run folder; the list of those runs (close, evaluate); their samples.
class TrainMonitor : public QWidget {
  Q_OBJECT
 public:
  // "Following NAME", with the job's ranks and per-rank tokens/s when metrics say it has several.
  static QString followingText(const QString& name, const TrainPoint& last);
  explicit TrainMonitor(QWidget* parent = nullptr);

  widgets::TrainingPlotPanel* plotPanel() const { return plotPanel_; }
  SampleGallery* gallery() const { return gallery_; }

  void setState(const QString& text, const QString& tooltip = QString());
  QString stateText() const;
  void resetProgress();
  void updateProgress(qint64 step, qint64 total, double etaSeconds);  // eta NaN: not shown
  void setEtaText(const QString& text);
  double progressFraction() const;

  // Appends points of a run to the plot, column-wise (one redraw per series).
  void addPoints(const QString& run, const QVector<TrainPoint>& points);

  // The run this studio trains ("" when none): it has an entry in the runs list and is never
  // followed from its folder at the same time.
  void setLiveRun(const QString& name, const QString& dir);
  QString liveRun() const { return liveRun_; }
  void setRunLabel(const QString& name, const QString& label);

  // Follows a run folder live; false (with error()) when it is not a run.
  bool openRun(const QString& dir);
  // Stops following a run and removes its curves (the live run keeps them).
  void closeRun(const QString& name);
  QStringList followedRuns() const { return followers_.keys(); }

 Q_SIGNALS:
  void statusMessage(const QString& text, int timeoutMs);
  void error(const QString& text);
  void runOpened(const QString& name);

 private:
  void addRunEntry(const QString& name, const QString& label, const QString& dir);

  widgets::TrainingPlotPanel* plotPanel_ = nullptr;
  SampleGallery* gallery_ = nullptr;
  QLabel* stateLabel_ = nullptr;
  QLabel* etaLabel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QListWidget* runsList_ = nullptr;
  QHash<QString, TrainRunFollower*> followers_;
  QString liveRun_;
};

}  // namespace tfs::studio
