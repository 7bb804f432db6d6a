#include "core/generate/sampler_ddim.h"

#include <algorithm>
#include <cmath>

#include "core/base/error.h"

namespace tfs {

DdimSampler::DdimSampler(std::vector<double> alphaBar, int64_t steps, double eta)
    : Sampler(std::move(alphaBar), steps), eta_(eta) {
  if (eta < 0.0 || eta > 1.0) throw UsageError("DDIM eta must lie in [0, 1]");
}

SamplerOutput DdimSampler::step(int64_t i, const torch::Tensor& x, const torch::Tensor& eps,
                                const torch::Tensor& noise) {
  auto x0 = predictX0(x, i, eps);
  double a = alphaBarAt(i), ap = alphaBarNext(i);
  if (ap >= 1.0) return {x0, x0};
  // With a clamped x̂0 the direction term must agree with it.
  auto e = clipX0() > 0.0 ? epsFromX0(x, i, x0) : eps;
  double sigma = eta_ * std::sqrt((1.0 - ap) / (1.0 - a)) * std::sqrt(1.0 - a / ap);
  double dir = std::sqrt(std::max(0.0, 1.0 - ap - sigma * sigma));
  auto next = std::sqrt(ap) * x0 + dir * e;
  if (sigma > 0.0) {
    if (!noise.defined()) throw Error("DDIM with eta > 0 needs a noise tensor at every step");
    next = next + sigma * noise;
  }
  return {next, x0};
}

}  // namespace tfs
