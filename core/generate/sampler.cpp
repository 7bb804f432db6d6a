#include "core/generate/sampler.h"

#include <cmath>

#include "core/base/error.h"
#include "core/generate/sampler_ddim.h"
#include "core/generate/sampler_ddpm.h"
#include "core/generate/sampler_dpmpp.h"

namespace tfs {

std::vector<int64_t> spacedTimesteps(int64_t trainSteps, int64_t steps, int64_t first) {
  const int64_t available = trainSteps - first;
  if (steps < 1 || steps > available) {
    throw UsageError("steps must be between 1 and " + std::to_string(available) +
                     " (the model's noisy training steps); got " + std::to_string(steps));
  }
  std::vector<int64_t> ts(static_cast<size_t>(steps));
  if (steps == 1) {
    ts[0] = trainSteps - 1;
    return ts;
  }
  for (int64_t i = 0; i < steps; ++i) {
    double f = static_cast<double>(steps - 1 - i) / static_cast<double>(steps - 1);
    ts[static_cast<size_t>(i)] = first + std::llround(f * static_cast<double>(available - 1));
  }
  return ts;
}

std::vector<int64_t> logSnrTimesteps(const std::vector<double>& alphaBar, int64_t steps,
                                     double lambdaMin) {
  const int64_t T = static_cast<int64_t>(alphaBar.size());
  const int64_t first = alphaBar[0] >= 1.0 ? 1 : 0;
  auto lambda = [&](int64_t t) {
    double a = alphaBar[static_cast<size_t>(t)];
    return 0.5 * std::log(a / (1.0 - a));
  };
  auto ts = spacedTimesteps(T, steps, first);
  if (steps < 3 || steps > (T - first) / 4) return ts;
  const double lo = std::max(lambda(T - 1), lambdaMin), hi = lambda(first);
  int64_t t = T - 1;
  for (int64_t i = 1; i < steps; ++i) {
    double target = lo + (hi - lo) * static_cast<double>(i - 1) / static_cast<double>(steps - 2);
    // λ grows as t falls: walk down to the first t at or above the target.
    int64_t c = t - 1;
    while (c > first && lambda(c) < target) --c;
    // Leave room for the remaining steps so the grid stays strictly descending.
    c = std::max(c, first + (steps - 1 - i));
    c = std::min(c, t - 1);
    ts[static_cast<size_t>(i)] = c;
    t = c;
  }
  return ts;
}

Sampler::Sampler(std::vector<double> alphaBar, int64_t steps) : alphaBar_(std::move(alphaBar)) {
  if (alphaBar_.empty()) throw ConfigError("the noise schedule is empty: the model has no steps");
  for (double a : alphaBar_) {
    if (!(a > 0.0 && a <= 1.0)) {
      throw ConfigError("the noise schedule's alpha-bar must lie in (0, 1]; got " +
                        std::to_string(a));
    }
  }
  // A schedule with ᾱ_0 = 1 makes t = 0 the clean image itself: nothing to denoise there.
  const int64_t first = alphaBar_[0] >= 1.0 ? 1 : 0;
  timesteps_ = spacedTimesteps(static_cast<int64_t>(alphaBar_.size()), steps, first);
}

double Sampler::alphaBarAt(int64_t i) const {
  return alphaBar_[static_cast<size_t>(timesteps_.at(static_cast<size_t>(i)))];
}

double Sampler::alphaBarNext(int64_t i) const {
  if (i + 1 >= steps()) return 1.0;
  return alphaBarAt(i + 1);
}

torch::Tensor Sampler::predictX0(const torch::Tensor& x, int64_t i,
                                 const torch::Tensor& eps) const {
  double a = alphaBarAt(i);
  auto x0 = (x - std::sqrt(1.0 - a) * eps) / std::sqrt(a);
  if (clipX0_ > 0.0) x0 = x0.clamp(-clipX0_, clipX0_);
  return x0;
}

torch::Tensor Sampler::epsFromX0(const torch::Tensor& x, int64_t i, const torch::Tensor& x0) const {
  double a = alphaBarAt(i);
  return (x - std::sqrt(a) * x0) / std::sqrt(1.0 - a);
}

std::vector<std::string> samplerNames() {
  return {"ddpm", "ddim", "dpmpp-2m"};
}

int64_t defaultSteps(const std::string& sampler) {
  if (sampler == "ddpm") return 250;
  if (sampler == "ddim") return 50;
  return 20;
}

std::unique_ptr<Sampler> makeSampler(const std::string& name, const std::vector<double>& alphaBar,
                                     int64_t steps, double eta) {
  if (name == "ddpm") return std::make_unique<DdpmSampler>(alphaBar, steps);
  if (name == "ddim") return std::make_unique<DdimSampler>(alphaBar, steps, eta);
  if (name == "dpmpp-2m" || name == "dpmpp" || name == "dpm++2m") {
    return std::make_unique<DpmppSampler>(alphaBar, steps);
  }
  throw UsageError("unknown sampler '" + name + "': use ddpm, ddim or dpmpp-2m");
}

}  // namespace tfs
