#pragma once

#include <QHash>
#include <QStringList>
#include <memory>
#include <vector>

#include "widgets/qcustomplot_compat.h"

namespace tfs::widgets {

// Live training curves: named series of several runs overlaid, smoothed with TensorBoard's debiased
// EMA over a min/max envelope of the raw values, decimated per pixel column so a million points
// per series stay interactive. x zooms and drags; y autoscales to what is visible.
class LossPlot : public QCustomPlot {
  Q_OBJECT
 public:
  enum class XAxisMode { Step, WallTime };

  explicit LossPlot(QWidget* parent = nullptr);
  ~LossPlot() override;

  void addPoint(const QString& run, const QString& series, double step, double wallTime,
                double value);
  // Batch append (the three vectors have one entry per point); one redraw for the lot.
  void addPoints(const QString& run, const QString& series, const std::vector<double>& steps,
                 const std::vector<double>& wallTimes, const std::vector<double>& values);
  void clearData();
  void removeRun(const QString& run);

  QStringList runNames() const;
  QStringList seriesNames() const;
  std::size_t pointCount(const QString& run, const QString& series) const;
  std::vector<double> rawValues(const QString& run, const QString& series) const;
  std::vector<double> smoothedValues(const QString& run, const QString& series) const;

  // 0 = raw, up to 0.999 (TensorBoard's slider).
  void setSmoothing(double weight);
  double smoothing() const { return smoothing_; }
  void setLogY(bool on);
  bool logY() const { return logY_; }
  void setXAxisMode(XAxisMode mode);
  XAxisMode xAxisMode() const { return xMode_; }
  void setShowEnvelope(bool on);
  bool showEnvelope() const { return showEnvelope_; }
  // Autoscale y to the 1st–99th percentile of the visible raw values instead of their extremes.
  void setHideOutliers(bool on);
  bool hideOutliers() const { return hideOutliers_; }
  // A hidden run keeps its data and its legend entries (greyed); clicking a run's legend entry
  // toggles it, so one run of several overlaid can be set aside and brought back.
  void setRunHidden(const QString& run, bool hidden);
  bool isRunHidden(const QString& run) const { return hiddenRuns_.contains(run); }
  QStringList hiddenRuns() const { return hiddenRuns_; }
  // Series names to draw (empty = all).
  void setVisibleSeries(const QStringList& names);
  QStringList visibleSeries() const { return visibleSeries_; }
  void setYAxisLabel(const QString& label);

  // x follows all data again (also on double click) until the user zooms or drags.
  void resetView();
  // Decimates for the current x range and replots now (appends otherwise coalesce on a timer).
  void refresh();

  // Long format: run,series,step,wall_time,value with every raw value at full precision.
  bool exportCsv(const QString& path) const;
  bool importCsv(const QString& path);
  // PNG, PDF, JPG or BMP by extension; 0 keeps the widget's size.
  bool exportImage(const QString& path, int width = 0, int height = 0);

  int drawnPointCount() const { return drawnPoints_; }
  double lastDecimationMs() const { return lastDecimationMs_; }

 Q_SIGNALS:
  void seriesAdded(const QString& run, const QString& series);
  void runHiddenChanged(const QString& run, bool hidden);

 protected:
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  struct Series;
  Series& seriesFor(const QString& run, const QString& name);
  Series* findSeries(const QString& run, const QString& name) const;
  void appendRaw(Series& s, double step, double wallTime, double value);
  void resmooth(Series& s);
  void sortIfNeeded(Series& s);
  bool isVisible(const Series& s) const;  // drawn: its series selected, its run not hidden
  bool isListed(const Series& s) const;   // in the legend: its series selected
  void onLegendClick(QCPLegend* legend, QCPAbstractLegendItem* item, QMouseEvent* event);
  void restyle();
  void decimate();
  void fitY();
  void scheduleRefresh();
  void onXRangeChanged(const QCPRange& range);

  std::vector<std::unique_ptr<Series>> series_;
  QStringList runOrder_;
  QHash<QString, double> wallOrigins_;  // wall time is shown relative to each run's first point
  QStringList seriesOrder_;
  QStringList visibleSeries_;
  QStringList hiddenRuns_;
  double smoothing_ = 0.6;
  bool logY_ = false;
  bool showEnvelope_ = true;
  bool hideOutliers_ = false;
  bool followX_ = true;
  bool internalRangeChange_ = false;
  XAxisMode xMode_ = XAxisMode::Step;
  QTimer* refreshTimer_;
  int drawnPoints_ = 0;
  double lastDecimationMs_ = 0;
};

}  // namespace tfs::widgets
