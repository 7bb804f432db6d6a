#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <utility>

#include "core/model/model_config.h"

namespace tfs {

struct VaeLosses {
  torch::Tensor total, recon, kl;
};

// The image autoencoder: a KL-regularised CNN (GroupNorm+SiLU ResBlocks, stride-2 convolutions
// down, nearest-upsample + conv up) mapping [N, imageChannels, H, W] in [-1, 1] to latents [N,
// latentChannels, H/f, W/f], f = cfg.vaeFactor (a power of two). Stage i (resolution H/2^i) has
// width cfg.vaeChannels[min(i, size-1)]. With vaeFactor == 1 it is the identity (pixel space, no
// parameters). Latents are multiplied by cfg.latentScale on encode and divided on decode, in both
// modes (so latentScale = 1 makes pixel mode an exact identity).
class VAEImpl : public torch::nn::Module {
 public:
  explicit VAEImpl(const ModelConfig& cfg);

  bool pixelSpace() const { return pixelSpace_; }
  const ModelConfig& config() const { return cfg_; }

  // Unscaled posterior moments; logvar clamped to [-30, 20]. Pixel mode: (images, -30).
  std::pair<torch::Tensor, torch::Tensor> encodeMoments(const torch::Tensor& images);
  // Scaled latent: the posterior mean, or a sample from it when sample is true.
  torch::Tensor encode(const torch::Tensor& images, bool sample = false);
  torch::Tensor decode(const torch::Tensor& latents);
  // recon: mean |x − decode(sample)| per pixel value; kl: KL(q‖N(0,1)) averaged per latent value;
  // total = recon + klWeight·kl. (No perceptual or GAN term: no pretrained network is available
  // offline, and L1 alone already gives sharp enough decodes for 28²/64² images.)
  VaeLosses loss(const torch::Tensor& images, double klWeight = 1e-6);

 private:
  ModelConfig cfg_;
  bool pixelSpace_ = false;
  torch::nn::Sequential encoder_{nullptr}, decoder_{nullptr};
};
TORCH_MODULE(VAE);

// The parameter count of VAE(cfg), computed without allocating (0 in pixel mode).
int64_t countVaeParameters(const ModelConfig& cfg);

}  // namespace tfs
