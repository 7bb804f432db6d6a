#pragma once

#include <QVector>
#include <vector>

namespace tfs::widgets {

// One plotted column per bucket: where it sits on x, the line value and the raw extremes behind it.
struct DecimatedSeries {
  QVector<double> x;
  QVector<double> line;
  QVector<double> min;
  QVector<double> max;
  int size() const { return x.size(); }
};

// Reduces a series sorted by x to at most `buckets` points over [xLo, xHi] (one per pixel column),
// as qBittorrent's speed plot averagers do, so a million points cost one pass per redraw.
// `line` is averaged per bucket, `raw` gives the min/max envelope. One point beyond each end of the
// range is kept so lines run to the plot edges. Series shorter than 2*buckets pass through
// unreduced.
DecimatedSeries decimateSeries(const std::vector<double>& x, const std::vector<double>& line,
                               const std::vector<double>& raw, double xLo, double xHi, int buckets);

// The [lo, hi] quantiles of the finite values (fractions in 0..1, e.g. 0.01 and 0.99); large inputs
// are sampled with a fixed stride so autoscale stays cheap. Returns false when nothing is finite.
bool quantileRange(const std::vector<double>& values, std::size_t begin, std::size_t end, double lo,
                   double hi, double* outLo, double* outHi, bool positiveOnly = false);

}  // namespace tfs::widgets
