#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tfs {

// What one denoising step produced: the next x and the clean estimate x̂0 it was built from.
struct SamplerOutput {
  torch::Tensor x;   // x at the next (smaller) timestep, or the clean sample after the last step
  torch::Tensor x0;  // x̂0 predicted at this step
};

// An ε-prediction sampler over a table of ᾱ_t (the training schedule, t = 0 … T−1). It evaluates
// the model at timesteps()[0] > timesteps()[1] > … and after the last step lands on the clean
// sample.
class Sampler {
 public:
  Sampler(std::vector<double> alphaBar, int64_t steps);
  virtual ~Sampler() = default;

  virtual std::string name() const = 0;
  // True when step() needs a fresh N(0, I) noise tensor (ancestral samplers).
  virtual bool stochastic() const { return false; }
  // Forgets multistep history so one sampler can run several images.
  virtual void reset() {}
  // Advances x (at timesteps()[i]) given the model's ε̂ there. noise: same shape as x, or undefined.
  virtual SamplerOutput step(int64_t i, const torch::Tensor& x, const torch::Tensor& eps,
                             const torch::Tensor& noise = {}) = 0;

  int64_t steps() const { return static_cast<int64_t>(timesteps_.size()); }
  const std::vector<int64_t>& timesteps() const { return timesteps_; }
  // ᾱ where step i evaluates the model, and where it lands (1 after the last step: clean).
  double alphaBarAt(int64_t i) const;
  double alphaBarNext(int64_t i) const;
  // x̂0 = (x − √(1−ᾱ)·ε̂) / √ᾱ, clamped to ±clipX0 when clipX0 > 0 (pixel-space models).
  torch::Tensor predictX0(const torch::Tensor& x, int64_t i, const torch::Tensor& eps) const;
  // ε consistent with x and a (possibly clamped) x̂0.
  torch::Tensor epsFromX0(const torch::Tensor& x, int64_t i, const torch::Tensor& x0) const;

  void setClipX0(double clip) { clipX0_ = clip; }
  double clipX0() const { return clipX0_; }
  const std::vector<double>& alphaBar() const { return alphaBar_; }

 protected:
  void setTimesteps(std::vector<int64_t> ts) { timesteps_ = std::move(ts); }

 private:
  std::vector<double> alphaBar_;
  std::vector<int64_t> timesteps_;
  double clipX0_ = 0.0;
};

// `steps` timesteps evenly spread over [first, T−1], descending, starting at T−1 and ending at
// first. Throws UsageError when steps < 1 or steps > T − first.
std::vector<int64_t> spacedTimesteps(int64_t trainSteps, int64_t steps, int64_t first = 0);

// T−1 first, then steps−1 timesteps uniform in λ = log(α/σ) from max(λ(T−1), lambdaMin) up to the
// least noisy step: the grid DPM-Solver wants (a uniform-t grid wastes its steps on high noise and
// makes the first multistep extrapolation across a huge λ gap). Strictly descending.
std::vector<int64_t> logSnrTimesteps(const std::vector<double>& alphaBar, int64_t steps,
                                     double lambdaMin = -5.1);

// "ddpm" | "ddim" | "dpmpp-2m". Throws UsageError naming the valid choices.
std::unique_ptr<Sampler> makeSampler(const std::string& name, const std::vector<double>& alphaBar,
                                     int64_t steps, double eta = 0.0);
std::vector<std::string> samplerNames();
// The sampler's customary step count (ddpm 250, ddim 50, dpmpp-2m 20).
int64_t defaultSteps(const std::string& sampler);

}  // namespace tfs
