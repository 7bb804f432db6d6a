#pragma once

#include "core/generate/sampler.h"

namespace tfs {

// DDPM ancestral sampling on a strided subset of the training steps (the paper: 250 of 1000):
// with β' = 1 − ᾱ_t/ᾱ_prev, x_prev ~ N(posterior mean(x_t, x̂0), β'·(1−ᾱ_prev)/(1−ᾱ_t)).
class DdpmSampler : public Sampler {
 public:
  DdpmSampler(std::vector<double> alphaBar, int64_t steps) : Sampler(std::move(alphaBar), steps) {}
  std::string name() const override { return "ddpm"; }
  bool stochastic() const override { return true; }
  SamplerOutput step(int64_t i, const torch::Tensor& x, const torch::Tensor& eps,
                     const torch::Tensor& noise = {}) override;
  // The posterior mean q(x_prev | x_t, x̂0): the deterministic part of a step.
  torch::Tensor posteriorMean(int64_t i, const torch::Tensor& x, const torch::Tensor& x0) const;
  double posteriorVariance(int64_t i) const;
};

}  // namespace tfs
