#pragma once

#include <vector>

namespace tfs::widgets {

// TensorBoard's debiased exponential moving average, kept incremental so live appends cost O(1):
// last = last*w + (1-w)*y; shown = last / (1 - w^n). Non-finite values pass through unsmoothed.
class DebiasedEma {
 public:
  explicit DebiasedEma(double weight = 0.0) : weight_(weight) {}
  double weight() const { return weight_; }
  void reset() { last_ = 0.0, count_ = 0; }
  double push(double value);

 private:
  double weight_;
  double last_ = 0.0;
  long count_ = 0;
};

// The whole series at once (weight in [0, 1); 0 returns the values unchanged).
std::vector<double> smoothDebiasedEma(const std::vector<double>& values, double weight);

}  // namespace tfs::widgets
