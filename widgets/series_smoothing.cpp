#include "widgets/series_smoothing.h"

#include <cmath>

namespace tfs::widgets {

double DebiasedEma::push(double value) {
  if (!std::isfinite(value)) return value;
  if (weight_ <= 0.0) return value;
  last_ = last_ * weight_ + (1.0 - weight_) * value;
  ++count_;
  const double debias = 1.0 - std::pow(weight_, static_cast<double>(count_));
  return debias > 0.0 ? last_ / debias : value;
}

std::vector<double> smoothDebiasedEma(const std::vector<double>& values, double weight) {
  DebiasedEma ema(weight);
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values) out.push_back(ema.push(v));
  return out;
}

}  // namespace tfs::widgets
