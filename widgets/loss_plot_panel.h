#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;

namespace tfs::widgets {

class LossPlot;

// A group of series that share a y axis (the losses together, the learning rate alone, ...).
struct MetricGroup {
  QString title;
  QStringList series;
};

// The Train workspace's plot: one LossPlot with a metric selector and the view controls
// (smoothing, log y, x as step or wall time, envelope, hide outliers, export).
class TrainingPlotPanel : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingPlotPanel(QWidget* parent = nullptr);

  LossPlot* plot() const { return plot_; }
  // The defaults group metrics.jsonl's names: lm/diffusion/total, lr, grad_norm, tokens_per_s, ...
  static QList<MetricGroup> defaultGroups();
  void setGroups(const QList<MetricGroup>& groups);
  QList<MetricGroup> groups() const { return groups_; }
  void setCurrentGroup(int index);
  int currentGroup() const;

 Q_SIGNALS:
  void exportFinished(const QString& path, bool ok);

 private:
  void onSeriesAdded(const QString& run, const QString& series);
  void exportTo(const QString& format);
  void rebuildSelector();

  LossPlot* plot_;
  QComboBox* selector_;
  QSlider* smoothing_;
  QLabel* smoothingValue_;
  QCheckBox* logY_;
  QCheckBox* envelope_;
  QCheckBox* outliers_;
  QComboBox* xMode_;
  QList<MetricGroup> groups_;
};

}  // namespace tfs::widgets
