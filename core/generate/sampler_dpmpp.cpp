#include "core/generate/sampler_dpmpp.h"

#include <cmath>

namespace tfs {

SamplerOutput DpmppSampler::step(int64_t i, const torch::Tensor& x, const torch::Tensor& eps,
                                 const torch::Tensor&) {
  if (i == 0) reset();
  auto x0 = predictX0(x, i, eps);
  double a = alphaBarAt(i), an = alphaBarNext(i);
  if (an >= 1.0) {
    reset();
    return {x0, x0};  // first order into σ = 0: the data prediction itself
  }
  double alpha = std::sqrt(a), sigma = std::sqrt(1.0 - a);
  double alphaN = std::sqrt(an), sigmaN = std::sqrt(1.0 - an);
  double h = std::log(alphaN / sigmaN) - std::log(alpha / sigma);
  torch::Tensor d = x0;
  if (prevX0_.defined() && prevH_ > 0.0) {
    double r = prevH_ / h;
    d = (1.0 + 1.0 / (2.0 * r)) * x0 - (1.0 / (2.0 * r)) * prevX0_;
  }
  auto next = (sigmaN / sigma) * x - alphaN * std::expm1(-h) * d;
  prevX0_ = x0;
  prevH_ = h;
  return {next, x0};
}

}  // namespace tfs
