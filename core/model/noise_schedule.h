#pragma once

#include <torch/torch.h>

namespace tfs {

// Cosine schedule (Nichol & Dhariwal): ᾱ_t = f(t)/f(0), f(t) = cos(((t+1)/T + s)/(1+s)·π/2)²,
// s = 0.008, so ᾱ_0 = 1 (t = 0 is a clean image); betas clipped to ≤ 0.999 so ᾱ_{T-1} > 0.
class NoiseSchedule {
 public:
  explicit NoiseSchedule(int64_t steps = 1000);
  int64_t steps() const { return steps_; }
  torch::Tensor alphaBar() const { return alphaBar_; }  // [T] float64 on CPU
  double alphaBar(int64_t t) const;
  // x_t = √ᾱ_t·x0 + √(1-ᾱ_t)·ε; x0, noise [N,...], t [N] int64 on any device.
  torch::Tensor qSample(const torch::Tensor& x0, const torch::Tensor& noise,
                        const torch::Tensor& t) const;
  // min(SNR_t, γ)/SNR_t per timestep, SNR_t = ᾱ_t/(1-ᾱ_t): [N] float on t's device (Min-SNR-γ
  // loss weights; 1 wherever SNR_t <= γ).
  torch::Tensor minSnrWeight(const torch::Tensor& t, double gamma) const;
  // √ᾱ_t and √(1-ᾱ_t) for t [N], shaped [N,1,...] to broadcast against x of `dims` dimensions.
  std::pair<torch::Tensor, torch::Tensor> coefficients(const torch::Tensor& t, int64_t dims,
                                                       const torch::TensorOptions& opts) const;

 private:
  int64_t steps_;
  torch::Tensor alphaBar_;
};

}  // namespace tfs
