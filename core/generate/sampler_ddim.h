#pragma once

#include "core/generate/sampler.h"

namespace tfs {

// DDIM (Song et al. 2021): x_prev = √ᾱ_prev·x̂0 + √(1−ᾱ_prev−σ²)·ε̂ + σ·z with
// σ = η·√((1−ᾱ_prev)/(1−ᾱ_t))·√(1−ᾱ_t/ᾱ_prev). η = 0 is deterministic (any step count);
// η = 1 is exactly the DDPM ancestral step.
class DdimSampler : public Sampler {
 public:
  DdimSampler(std::vector<double> alphaBar, int64_t steps, double eta = 0.0);
  std::string name() const override { return "ddim"; }
  bool stochastic() const override { return eta_ > 0.0; }
  SamplerOutput step(int64_t i, const torch::Tensor& x, const torch::Tensor& eps,
                     const torch::Tensor& noise = {}) override;
  double eta() const { return eta_; }

 private:
  double eta_;
};

}  // namespace tfs
