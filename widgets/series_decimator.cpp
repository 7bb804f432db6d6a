#include "widgets/series_decimator.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tfs::widgets {

DecimatedSeries decimateSeries(const std::vector<double>& x, const std::vector<double>& line,
                               const std::vector<double>& raw, double xLo, double xHi,
                               int buckets) {
  DecimatedSeries out;
  const std::size_t n = std::min({x.size(), line.size(), raw.size()});
  if (n == 0 || buckets < 1 || !(xHi >= xLo)) return out;
  std::size_t begin = std::lower_bound(x.begin(), x.begin() + n, xLo) - x.begin();
  std::size_t end = std::upper_bound(x.begin(), x.begin() + n, xHi) - x.begin();
  if (begin > 0) --begin;
  if (end < n) ++end;
  const std::size_t count = end - begin;
  if (count <= static_cast<std::size_t>(2 * buckets) || xHi <= xLo) {
    out.x.reserve(count);
    out.line.reserve(count);
    out.min.reserve(count);
    out.max.reserve(count);
    for (std::size_t i = begin; i < end; ++i) {
      out.x.push_back(x[i]);
      out.line.push_back(line[i]);
      out.min.push_back(raw[i]);
      out.max.push_back(raw[i]);
    }
    return out;
  }
  out.x.reserve(buckets + 2);
  out.line.reserve(buckets + 2);
  out.min.reserve(buckets + 2);
  out.max.reserve(buckets + 2);
  const double scale = buckets / (xHi - xLo);
  // Bucket -1 and `buckets` hold the out-of-range neighbours, so the edges are never averaged away.
  long current = std::numeric_limits<long>::min();
  double sumX = 0, sumLine = 0, lo = 0, hi = 0;
  long samples = 0, finite = 0;
  auto flush = [&] {
    if (samples == 0) return;
    out.x.push_back(sumX / samples);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    out.line.push_back(finite > 0 ? sumLine / finite : nan);
    out.min.push_back(finite > 0 ? lo : nan);
    out.max.push_back(finite > 0 ? hi : nan);
  };
  for (std::size_t i = begin; i < end; ++i) {
    long bucket = static_cast<long>(std::floor((x[i] - xLo) * scale));
    bucket = std::clamp<long>(bucket, -1, buckets);
    if (bucket != current) {
      flush();
      current = bucket;
      sumX = sumLine = 0;
      samples = finite = 0;
      lo = std::numeric_limits<double>::infinity();
      hi = -lo;
    }
    ++samples;
    sumX += x[i];
    if (std::isfinite(line[i]) && std::isfinite(raw[i])) {
      ++finite;
      sumLine += line[i];
      lo = std::min(lo, raw[i]);
      hi = std::max(hi, raw[i]);
    }
  }
  flush();
  return out;
}

bool quantileRange(const std::vector<double>& values, std::size_t begin, std::size_t end, double lo,
                   double hi, double* outLo, double* outHi, bool positiveOnly) {
  end = std::min(end, values.size());
  if (begin >= end) return false;
  constexpr std::size_t kMaxSamples = 200000;
  const std::size_t stride = std::max<std::size_t>(1, (end - begin) / kMaxSamples);
  std::vector<double> kept;
  kept.reserve((end - begin) / stride + 1);
  for (std::size_t i = begin; i < end; i += stride) {
    const double v = values[i];
    if (std::isfinite(v) && (!positiveOnly || v > 0)) kept.push_back(v);
  }
  if (kept.empty()) return false;
  auto at = [&](double q) {
    const auto k = static_cast<std::size_t>(std::llround(q * (kept.size() - 1)));
    std::nth_element(kept.begin(), kept.begin() + k, kept.end());
    return kept[k];
  };
  *outLo = at(std::clamp(lo, 0.0, 1.0));
  *outHi = at(std::clamp(hi, 0.0, 1.0));
  return true;
}

}  // namespace tfs::widgets
