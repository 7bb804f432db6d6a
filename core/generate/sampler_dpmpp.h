#pragma once

#include "core/generate/sampler.h"

namespace tfs {

// DPM-Solver++(2M) (Lu et al. 2022), data-prediction multistep in λ = log(α/σ): second order from
// the second step on, first order on the first and the final (to σ = 0) step. Good at 10–25 steps.
class DpmppSampler : public Sampler {
 public:
  DpmppSampler(std::vector<double> alphaBar, int64_t steps) : Sampler(std::move(alphaBar), steps) {
    setTimesteps(logSnrTimesteps(this->alphaBar(), steps));
  }
  std::string name() const override { return "dpmpp-2m"; }
  void reset() override {
    prevX0_ = torch::Tensor();
    prevH_ = 0.0;
  }
  SamplerOutput step(int64_t i, const torch::Tensor& x, const torch::Tensor& eps,
                     const torch::Tensor& noise = {}) override;

 private:
  torch::Tensor prevX0_;
  double prevH_ = 0.0;
};

}  // namespace tfs
