#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <functional>

namespace tfs {

// A cheap latent → RGB picture for per-step previews: rgb = W·z + b per latent pixel, W [3, C].
// For pixel-space models it is the identity (grey replicated); for VAE latents W is fitted once by
// least squares against real VAE decodes.
class LatentPreview {
 public:
  LatentPreview() = default;
  LatentPreview(torch::Tensor weight, torch::Tensor bias);
  static LatentPreview identity(int64_t channels);
  // decode: latents [N, C, h, w] → images [N, Cimg, h·factor, w·factor] in [-1, 1].
  static LatentPreview fit(const std::function<torch::Tensor(const torch::Tensor&)>& decode,
                           int64_t latentChannels, int64_t factor, int64_t latentSize,
                           uint64_t seed = 0);

  // latent [C, h, w] or [1, C, h, w] → [h, w, 3] uint8 on the CPU.
  torch::Tensor toRgb(const torch::Tensor& latent) const;
  bool valid() const { return weight_.defined(); }
  const torch::Tensor& weight() const { return weight_; }
  const torch::Tensor& bias() const { return bias_; }

 private:
  torch::Tensor weight_;  // [3, C] float32 CPU
  torch::Tensor bias_;    // [3]
};

}  // namespace tfs
