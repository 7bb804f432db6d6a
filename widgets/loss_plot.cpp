#include "widgets/loss_plot.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "widgets/curve_csv.h"
#include "widgets/series_decimator.h"
#include "widgets/series_smoothing.h"

namespace tfs::widgets {

namespace {

constexpr double kOutlierLo = 0.01;
constexpr double kOutlierHi = 0.99;

// Distinct hues for the series of a single run (Tableau 10).
const QColor kSeriesPalette[] = {QColor(31, 119, 180),  QColor(255, 127, 14),  QColor(44, 160, 44),
                                 QColor(214, 39, 40),   QColor(148, 103, 189), QColor(140, 86, 75),
                                 QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                                 QColor(23, 190, 207)};

}  // namespace

struct LossPlot::Series {
  QString run;
  QString name;
  std::vector<double> step;
  std::vector<double> wall;  // relative to the run's first point
  std::vector<double> raw;
  std::vector<double> smooth;
  double wallOrigin = std::numeric_limits<double>::quiet_NaN();
  DebiasedEma ema;
  bool unsorted = false;
  QCPGraph* line = nullptr;
  QCPGraph* low = nullptr;
  QCPGraph* high = nullptr;
};

LossPlot::LossPlot(QWidget* parent) : QCustomPlot(parent), refreshTimer_(new QTimer(this)) {
  setObjectName(QStringLiteral("lossPlot"));
  refreshTimer_->setSingleShot(true);
  refreshTimer_->setInterval(50);  // coalesces a burst of live appends into one redraw
  connect(refreshTimer_, &QTimer::timeout, this, &LossPlot::refresh);

  addLayer(QStringLiteral("envelopes"), layer(QStringLiteral("main")), QCustomPlot::limBelow);
  setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  axisRect()->setRangeDrag(Qt::Horizontal);
  axisRect()->setRangeZoom(Qt::Horizontal);
  xAxis->setLabel(tr("step"));
  yAxis->setLabel(tr("value"));
  legend->setVisible(true);
  QFont legendFont = font();
  legendFont.setPointSizeF(std::max(6.0, legendFont.pointSizeF() * 0.85));
  legend->setFont(legendFont);
  legend->setBrush(QColor(255, 255, 255, 200));
  axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  setNoAntialiasingOnDrag(true);
  connect(xAxis, QOverload<const QCPRange&>::of(&QCPAxis::rangeChanged), this,
          &LossPlot::onXRangeChanged);
  connect(this, &QCustomPlot::legendClick, this, &LossPlot::onLegendClick);
  setMinimumSize(200, 150);
}

LossPlot::~LossPlot() = default;

LossPlot::Series* LossPlot::findSeries(const QString& run, const QString& name) const {
  for (const auto& s : series_)
    if (s->run == run && s->name == name) return s.get();
  return nullptr;
}

LossPlot::Series& LossPlot::seriesFor(const QString& run, const QString& name) {
  if (Series* found = findSeries(run, name)) return *found;
  auto s = std::make_unique<Series>();
  s->run = run;
  s->name = name;
  s->ema = DebiasedEma(smoothing_);
  s->low = addGraph();
  s->high = addGraph();
  s->line = addGraph();
  for (QCPGraph* g : {s->low, s->high}) {
    g->setLayer(QStringLiteral("envelopes"));
    g->removeFromLegend();
    g->setPen(Qt::NoPen);
  }
  s->high->setChannelFillGraph(s->low);
  if (!runOrder_.contains(run)) runOrder_ << run;
  if (!seriesOrder_.contains(name)) seriesOrder_ << name;
  series_.push_back(std::move(s));
  restyle();
  Q_EMIT seriesAdded(run, name);
  return *series_.back();
}

void LossPlot::appendRaw(Series& s, double step, double wallTime, double value) {
  if (std::isnan(s.wallOrigin)) {
    if (!wallOrigins_.contains(s.run)) wallOrigins_.insert(s.run, wallTime);
    s.wallOrigin = wallOrigins_.value(s.run);
  }
  if (!s.step.empty() && step < s.step.back()) s.unsorted = true;
  s.step.push_back(step);
  s.wall.push_back(wallTime - s.wallOrigin);
  s.raw.push_back(value);
  s.smooth.push_back(s.ema.push(value));
}

void LossPlot::addPoint(const QString& run, const QString& series, double step, double wallTime,
                        double value) {
  appendRaw(seriesFor(run, series), step, wallTime, value);
  scheduleRefresh();
}

void LossPlot::addPoints(const QString& run, const QString& series,
                         const std::vector<double>& steps, const std::vector<double>& wallTimes,
                         const std::vector<double>& values) {
  const std::size_t n = std::min({steps.size(), wallTimes.size(), values.size()});
  if (n == 0) return;
  Series& s = seriesFor(run, series);
  s.step.reserve(s.step.size() + n);
  s.wall.reserve(s.wall.size() + n);
  s.raw.reserve(s.raw.size() + n);
  s.smooth.reserve(s.smooth.size() + n);
  for (std::size_t i = 0; i < n; ++i) appendRaw(s, steps[i], wallTimes[i], values[i]);
  scheduleRefresh();
}

void LossPlot::clearData() {
  for (const auto& s : series_)
    for (QCPGraph* g : {s->line, s->low, s->high}) removeGraph(g);
  series_.clear();
  runOrder_.clear();
  hiddenRuns_.clear();
  wallOrigins_.clear();
  seriesOrder_.clear();
  followX_ = true;
  refresh();
}

void LossPlot::removeRun(const QString& run) {
  for (auto it = series_.begin(); it != series_.end();) {
    if ((*it)->run == run) {
      for (QCPGraph* g : {(*it)->line, (*it)->low, (*it)->high}) removeGraph(g);
      it = series_.erase(it);
    } else {
      ++it;
    }
  }
  runOrder_.removeAll(run);
  hiddenRuns_.removeAll(run);
  wallOrigins_.remove(run);
  restyle();
  refresh();
}

QStringList LossPlot::runNames() const {
  return runOrder_;
}
QStringList LossPlot::seriesNames() const {
  return seriesOrder_;
}

std::size_t LossPlot::pointCount(const QString& run, const QString& series) const {
  const Series* s = findSeries(run, series);
  return s ? s->raw.size() : 0;
}

std::vector<double> LossPlot::rawValues(const QString& run, const QString& series) const {
  const Series* s = findSeries(run, series);
  return s ? s->raw : std::vector<double>{};
}

std::vector<double> LossPlot::smoothedValues(const QString& run, const QString& series) const {
  const Series* s = findSeries(run, series);
  return s ? s->smooth : std::vector<double>{};
}

void LossPlot::resmooth(Series& s) {
  s.ema = DebiasedEma(smoothing_);
  s.smooth.resize(s.raw.size());
  for (std::size_t i = 0; i < s.raw.size(); ++i) s.smooth[i] = s.ema.push(s.raw[i]);
}

void LossPlot::sortIfNeeded(Series& s) {
  if (!s.unsorted) return;
  // A resumed run may repeat steps; a stable sort keeps the later value after the earlier one.
  std::vector<std::size_t> order(s.step.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return s.step[a] < s.step[b]; });
  auto permute = [&](std::vector<double>& v) {
    std::vector<double> out(v.size());
    for (std::size_t i = 0; i < order.size(); ++i) out[i] = v[order[i]];
    v.swap(out);
  };
  permute(s.step);
  permute(s.wall);
  permute(s.raw);
  s.unsorted = false;
  resmooth(s);
}

void LossPlot::setSmoothing(double weight) {
  weight = std::clamp(weight, 0.0, 0.999);
  if (weight == smoothing_) return;
  smoothing_ = weight;
  for (auto& s : series_) resmooth(*s);
  refresh();
}

void LossPlot::setLogY(bool on) {
  if (on == logY_) return;
  logY_ = on;
  yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (on)
    yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  else
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  refresh();
}

void LossPlot::setXAxisMode(XAxisMode mode) {
  if (mode == xMode_) return;
  xMode_ = mode;
  if (mode == XAxisMode::WallTime) {
    auto ticker = QSharedPointer<QCPAxisTickerTime>(new QCPAxisTickerTime);
    ticker->setTimeFormat(QStringLiteral("%h:%m:%s"));
    xAxis->setTicker(ticker);
    xAxis->setLabel(tr("wall time (h:m:s)"));
  } else {
    xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    xAxis->setLabel(tr("step"));
  }
  followX_ = true;
  refresh();
}

void LossPlot::setShowEnvelope(bool on) {
  if (on == showEnvelope_) return;
  showEnvelope_ = on;
  refresh();
}

void LossPlot::setHideOutliers(bool on) {
  if (on == hideOutliers_) return;
  hideOutliers_ = on;
  refresh();
}

void LossPlot::setVisibleSeries(const QStringList& names) {
  visibleSeries_ = names;
  followX_ = true;
  restyle();
  refresh();
}

void LossPlot::setYAxisLabel(const QString& label) {
  yAxis->setLabel(label);
}

void LossPlot::setRunHidden(const QString& run, bool hidden) {
  if (!runOrder_.contains(run) || hidden == hiddenRuns_.contains(run)) return;
  if (hidden)
    hiddenRuns_ << run;
  else
    hiddenRuns_.removeAll(run);
  followX_ = true;
  restyle();
  refresh();
  Q_EMIT runHiddenChanged(run, hidden);
}

void LossPlot::onLegendClick(QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
  auto* entry = qobject_cast<QCPPlottableLegendItem*>(item);
  if (!entry) return;
  for (const auto& s : series_)
    if (s->line == entry->plottable()) {
      setRunHidden(s->run, !hiddenRuns_.contains(s->run));
      return;
    }
}

bool LossPlot::isListed(const Series& s) const {
  return visibleSeries_.isEmpty() || visibleSeries_.contains(s.name);
}

bool LossPlot::isVisible(const Series& s) const {
  return isListed(s) && !hiddenRuns_.contains(s.run);
}

void LossPlot::restyle() {
  const bool oneRun = runOrder_.size() <= 1;
  for (const auto& s : series_) {
    const int seriesIndex = static_cast<int>(std::max<qsizetype>(0, seriesOrder_.indexOf(s->name)));
    const int runIndex = static_cast<int>(std::max<qsizetype>(0, runOrder_.indexOf(s->run)));
    QColor color;
    if (oneRun) {
      color = kSeriesPalette[seriesIndex % 10];
    } else {
      // One hue per run (golden-ratio spaced), its series told apart by lightness.
      const double hue = std::fmod(0.58 + runIndex * 0.618034, 1.0);
      const double lightness = 0.32 + 0.16 * (seriesIndex % 3);
      color = QColor::fromHslF(hue, 0.75, lightness);
    }
    s->line->setPen(QPen(color, 1.8));
    QColor fill = color;
    fill.setAlpha(55);
    s->high->setBrush(fill);
    s->line->setName(oneRun ? s->name : s->run + QLatin1Char('/') + s->name);
    s->line->setVisible(isVisible(*s));
    if (!isListed(*s)) {
      s->line->removeFromLegend();
      continue;
    }
    s->line->addToLegend();
    if (auto* entry = legend->itemWithPlottable(s->line)) {
      const bool hidden = hiddenRuns_.contains(s->run);
      entry->setTextColor(hidden ? QColor(150, 150, 150) : QColor(Qt::black));
      QFont f = legend->font();
      f.setStrikeOut(hidden);
      entry->setFont(f);
    }
  }
}

void LossPlot::scheduleRefresh() {
  if (!refreshTimer_->isActive()) refreshTimer_->start();
}

void LossPlot::onXRangeChanged(const QCPRange&) {
  if (internalRangeChange_) return;
  // The user zoomed or dragged: stop following new data, redraw what is now visible.
  followX_ = false;
  decimate();
  fitY();
}

void LossPlot::resetView() {
  followX_ = true;
  refresh();
}

void LossPlot::mouseDoubleClickEvent(QMouseEvent* event) {
  QCustomPlot::mouseDoubleClickEvent(event);
  resetView();
}

void LossPlot::resizeEvent(QResizeEvent* event) {
  QCustomPlot::resizeEvent(event);
  scheduleRefresh();  // the bucket count follows the width
}

void LossPlot::refresh() {
  refreshTimer_->stop();
  for (auto& s : series_) sortIfNeeded(*s);
  if (followX_) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& s : series_) {
      if (!isVisible(*s) || s->step.empty()) continue;
      const auto& x = xMode_ == XAxisMode::Step ? s->step : s->wall;
      lo = std::min(lo, x.front());
      hi = std::max(hi, x.back());
    }
    if (std::isfinite(lo)) {
      if (hi <= lo) hi = lo + 1;
      internalRangeChange_ = true;
      xAxis->setRange(lo, hi);
      internalRangeChange_ = false;
    }
  }
  decimate();
  fitY();
  replot();
}

void LossPlot::decimate() {
  QElapsedTimer timer;
  timer.start();
  const QCPRange range = xAxis->range();
  const int buckets = std::max(100, axisRect()->width());
  drawnPoints_ = 0;
  for (const auto& s : series_) {
    const bool visible = isVisible(*s);
    s->line->setVisible(visible);
    s->low->setVisible(visible && showEnvelope_);
    s->high->setVisible(visible && showEnvelope_);
    if (!visible) continue;
    const auto& x = xMode_ == XAxisMode::Step ? s->step : s->wall;
    DecimatedSeries d = decimateSeries(x, s->smooth, s->raw, range.lower, range.upper, buckets);
    if (logY_) {
      // Non-positive values have no place on a log axis; clamp the envelope, drop the line there.
      const double tiny = std::numeric_limits<double>::min();
      for (int i = 0; i < d.size(); ++i) {
        if (!(d.line[i] > 0)) d.line[i] = std::numeric_limits<double>::quiet_NaN();
        if (!(d.min[i] > 0)) d.min[i] = std::max(tiny, d.line[i]);
      }
    }
    s->line->setData(d.x, d.line, true);
    if (showEnvelope_) {
      s->low->setData(d.x, d.min, true);
      s->high->setData(d.x, d.max, true);
    }
    drawnPoints_ += d.size();
  }
  lastDecimationMs_ = timer.nsecsElapsed() / 1e6;
}

void LossPlot::fitY() {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  const QCPRange range = xAxis->range();
  auto widen = [&](double a, double b) {
    if (std::isfinite(a)) lo = std::min(lo, a);
    if (std::isfinite(b)) hi = std::max(hi, b);
  };
  for (const auto& s : series_) {
    if (!isVisible(*s) || s->raw.empty()) continue;
    if (hideOutliers_) {
      const auto& x = xMode_ == XAxisMode::Step ? s->step : s->wall;
      const std::size_t begin = std::lower_bound(x.begin(), x.end(), range.lower) - x.begin();
      const std::size_t end = std::upper_bound(x.begin(), x.end(), range.upper) - x.begin();
      double a = 0, b = 0;
      if (quantileRange(s->raw, begin, end, kOutlierLo, kOutlierHi, &a, &b, logY_)) widen(a, b);
      if (quantileRange(s->smooth, begin, end, kOutlierLo, kOutlierHi, &a, &b, logY_)) widen(a, b);
      continue;
    }
    // The decimated graphs hold exactly what is visible (plus one neighbour each side). A plain
    // array: a ternary of two initializer_lists leaves the loop reading a destroyed backing array.
    QCPGraph* const graphs[] = {s->line, s->low, s->high};
    const int graphCount = showEnvelope_ ? 3 : 1;
    for (int gi = 0; gi < graphCount; ++gi) {
      QCPGraph* g = graphs[gi];
      bool found = false;
      const QCPRange r = g->getValueRange(found, QCP::sdBoth, range);
      if (found) widen(r.lower, r.upper);
    }
  }
  if (!std::isfinite(lo) || !std::isfinite(hi)) return;
  internalRangeChange_ = true;
  if (logY_) {
    lo = std::max(lo, std::numeric_limits<double>::min());
    hi = std::max(hi, lo);
    const double span = std::max(std::log10(hi) - std::log10(lo), 0.1);
    yAxis->setRange(lo / std::pow(10.0, 0.05 * span), hi * std::pow(10.0, 0.05 * span));
  } else {
    double pad = 0.05 * (hi - lo);
    if (pad <= 0) pad = std::max(std::abs(hi) * 0.1, 1e-9);
    yAxis->setRange(lo - pad, hi + pad);
  }
  internalRangeChange_ = false;
}

bool LossPlot::exportCsv(const QString& path) const {
  std::vector<CurvePoint> points;
  for (const auto& s : series_)
    for (std::size_t i = 0; i < s->raw.size(); ++i)
      points.push_back({s->run, s->name, s->step[i], s->wall[i] + s->wallOrigin, s->raw[i]});
  return writeCurveCsv(path, points);
}

bool LossPlot::importCsv(const QString& path) {
  const auto points = readCurveCsv(path);
  if (!points) return false;
  for (const auto& p : *points) appendRaw(seriesFor(p.run, p.series), p.step, p.wallTime, p.value);
  refresh();
  return true;
}

bool LossPlot::exportImage(const QString& path, int width, int height) {
  refresh();
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("png")) return savePng(path, width, height);
  if (suffix == QLatin1String("pdf")) return savePdf(path, width, height);
  if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
    return saveJpg(path, width, height);
  if (suffix == QLatin1String("bmp")) return saveBmp(path, width, height);
  return false;
}

}  // namespace tfs::widgets
