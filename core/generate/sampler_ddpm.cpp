#include "core/generate/sampler_ddpm.h"

#include <cmath>

#include "core/base/error.h"

namespace tfs {

torch::Tensor DdpmSampler::posteriorMean(int64_t i, const torch::Tensor& x,
                                         const torch::Tensor& x0) const {
  double a = alphaBarAt(i), ap = alphaBarNext(i);
  double beta = 1.0 - a / ap;
  double cx0 = std::sqrt(ap) * beta / (1.0 - a);
  double cx = std::sqrt(a / ap) * (1.0 - ap) / (1.0 - a);
  return cx0 * x0 + cx * x;
}

double DdpmSampler::posteriorVariance(int64_t i) const {
  double a = alphaBarAt(i), ap = alphaBarNext(i);
  return (1.0 - a / ap) * (1.0 - ap) / (1.0 - a);
}

SamplerOutput DdpmSampler::step(int64_t i, const torch::Tensor& x, const torch::Tensor& eps,
                                const torch::Tensor& noise) {
  auto x0 = predictX0(x, i, eps);
  auto mean = posteriorMean(i, x, x0);
  double var = posteriorVariance(i);
  if (var <= 0.0) return {mean, x0};
  if (!noise.defined()) throw Error("the DDPM sampler needs a noise tensor at every step but one");
  return {mean + std::sqrt(var) * noise, x0};
}

}  // namespace tfs
