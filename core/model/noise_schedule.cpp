#include "core/model/noise_schedule.h"

#include <cmath>

#include "core/base/error.h"

namespace tfs {

NoiseSchedule::NoiseSchedule(int64_t steps) : steps_(steps) {
  if (steps < 2) throw ConfigError("diffusion steps must be >= 2, got " + std::to_string(steps));
  constexpr double s = 0.008;
  auto f = [&](double t) {
    double c = std::cos(((t + 1.0) / double(steps) + s) / (1.0 + s) * M_PI / 2.0);
    return c * c;
  };
  alphaBar_ = torch::empty({steps}, torch::kFloat64);
  auto a = alphaBar_.accessor<double, 1>();
  const double f0 = f(0);
  double prev = 1.0;
  for (int64_t t = 0; t < steps; ++t) {
    double target = f(double(t)) / f0;
    double beta = std::min(1.0 - target / prev, 0.999);
    prev = prev * (1.0 - beta);
    a[t] = prev;
  }
}

torch::Tensor NoiseSchedule::minSnrWeight(const torch::Tensor& t, double gamma) const {
  auto ab = alphaBar_.index_select(0, t.to(torch::kCPU).to(torch::kLong));
  auto snr = ab / (1.0 - ab).clamp_min(1e-12);
  return (snr.clamp_max(gamma) / snr.clamp_min(1e-12)).to(torch::kFloat).to(t.device());
}

double NoiseSchedule::alphaBar(int64_t t) const {
  if (t < 0 || t >= steps_)
    throw DataError("timestep " + std::to_string(t) + " outside [0, " + std::to_string(steps_ - 1) +
                    "]");
  return alphaBar_[t].item<double>();
}

std::pair<torch::Tensor, torch::Tensor> NoiseSchedule::coefficients(
    const torch::Tensor& t, int64_t dims, const torch::TensorOptions& opts) const {
  auto ab = alphaBar_.to(t.device()).index_select(0, t.to(torch::kLong));
  std::vector<int64_t> shape(dims, 1);
  shape[0] = t.size(0);
  auto a = ab.sqrt().to(opts).view(shape);
  auto b = (1.0 - ab).sqrt().to(opts).view(shape);
  return {a, b};
}

torch::Tensor NoiseSchedule::qSample(const torch::Tensor& x0, const torch::Tensor& noise,
                                     const torch::Tensor& t) const {
  if (t.dim() != 1 || t.size(0) != x0.size(0))
    throw DataError("qSample: t must be [N] with N = x0.size(0)");
  auto [a, b] = coefficients(t, x0.dim(), x0.options());
  return a * x0 + b * noise;
}

}  // namespace tfs
