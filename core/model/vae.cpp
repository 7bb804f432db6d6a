#include "core/model/vae.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/model/conv.h"

namespace tfs {
namespace {

constexpr double kLogvarMin = -30.0, kLogvarMax = 20.0;

int64_t groupsFor(int64_t channels) {
  for (int64_t g = std::min<int64_t>(32, channels); g > 1; --g)
    if (channels % g == 0) return g;
  return 1;
}

FloatGroupNorm norm(int64_t channels) {
  return FloatGroupNorm(torch::nn::GroupNormOptions(groupsFor(channels), channels));
}

class ResBlockImpl : public torch::nn::Module {
 public:
  ResBlockImpl(int64_t in, int64_t out) {
    norm1_ = register_module("norm1", norm(in));
    conv1_ = register_module("conv1", sameConv2d(in, out, 3));
    norm2_ = register_module("norm2", norm(out));
    conv2_ = register_module("conv2", sameConv2d(out, out, 3));
    if (in != out) skip_ = register_module("skip", sameConv2d(in, out, 1));
  }
  torch::Tensor forward(const torch::Tensor& x) {
    auto h = conv1_(torch::silu(norm1_(x)));
    h = conv2_(torch::silu(norm2_(h)));
    return (skip_ ? skip_(x) : x) + h;
  }

 private:
  FloatGroupNorm norm1_{nullptr}, norm2_{nullptr};
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr}, skip_{nullptr};
};
TORCH_MODULE(ResBlock);

class UpsampleImpl : public torch::nn::Module {
 public:
  UpsampleImpl(int64_t in, int64_t out) { conv_ = register_module("conv", sameConv2d(in, out, 3)); }
  torch::Tensor forward(const torch::Tensor& x) {
    namespace F = torch::nn::functional;
    return conv_(F::interpolate(x, F::InterpolateFuncOptions()
                                       .scale_factor(std::vector<double>{2.0, 2.0})
                                       .mode(torch::kNearest)));
  }

 private:
  torch::nn::Conv2d conv_{nullptr};
};
TORCH_MODULE(Upsample);

class SiLUImpl : public torch::nn::Module {
 public:
  torch::Tensor forward(const torch::Tensor& x) { return torch::silu(x); }
};
TORCH_MODULE(SiLU);

int64_t downsamplings(const ModelConfig& cfg) {
  int64_t f = cfg.vaeFactor, n = 0;
  if (f < 1 || (f & (f - 1)) != 0 || f > 64)
    throw ConfigError("vaeFactor must be 1 (pixel space) or a power of two such as 4 or 8, not " +
                      std::to_string(f));
  while (f > 1) {
    f /= 2;
    ++n;
  }
  return n;
}

std::vector<int64_t> stageWidths(const ModelConfig& cfg, int64_t n) {
  if (cfg.vaeChannels.empty())
    throw ConfigError("vaeChannels is empty: give the VAE's widths, e.g. [64, 128, 256]");
  std::vector<int64_t> w;
  for (int64_t i = 0; i <= n; ++i) {
    int64_t c = cfg.vaeChannels[std::min<size_t>(i, cfg.vaeChannels.size() - 1)];
    if (c < 1) throw ConfigError("vaeChannels must be positive, got " + std::to_string(c));
    w.push_back(c);
  }
  return w;
}

int64_t resParams(int64_t in, int64_t out) {
  return 2 * in + conv2dParameters(in, out, 3) + 2 * out + conv2dParameters(out, out, 3) +
         (in != out ? conv2dParameters(in, out, 1) : 0);
}

}  // namespace

VAEImpl::VAEImpl(const ModelConfig& cfg) : cfg_(cfg) {
  const int64_t n = downsamplings(cfg);
  pixelSpace_ = n == 0;
  if (cfg.latentScale <= 0.0)
    throw ConfigError("latentScale must be positive, got " + std::to_string(cfg.latentScale));
  if (pixelSpace_) {
    if (cfg.latentChannels != cfg.imageChannels)
      throw ConfigError("latentChannels (" + std::to_string(cfg.latentChannels) +
                        ") must equal imageChannels (" + std::to_string(cfg.imageChannels) +
                        ") in pixel space (vaeFactor 1)");
    return;
  }
  auto w = stageWidths(cfg, n);
  const int64_t ci = cfg.imageChannels, cl = cfg.latentChannels;
  encoder_ = torch::nn::Sequential();
  encoder_->push_back(sameConv2d(ci, w[0], 3));
  for (int64_t i = 0; i < n; ++i) {
    encoder_->push_back(ResBlock(w[i], w[i]));
    encoder_->push_back(sameConv2d(w[i], w[i + 1], 3, 2));
  }
  encoder_->push_back(ResBlock(w[n], w[n]));
  encoder_->push_back(norm(w[n]));
  encoder_->push_back(SiLU());
  encoder_->push_back(sameConv2d(w[n], 2 * cl, 3));
  register_module("encoder", encoder_);

  decoder_ = torch::nn::Sequential();
  decoder_->push_back(sameConv2d(cl, w[n], 3));
  decoder_->push_back(ResBlock(w[n], w[n]));
  for (int64_t i = n - 1; i >= 0; --i) {
    decoder_->push_back(Upsample(w[i + 1], w[i]));
    decoder_->push_back(ResBlock(w[i], w[i]));
  }
  decoder_->push_back(norm(w[0]));
  decoder_->push_back(SiLU());
  decoder_->push_back(sameConv2d(w[0], ci, 3));
  register_module("decoder", decoder_);
}

std::pair<torch::Tensor, torch::Tensor> VAEImpl::encodeMoments(const torch::Tensor& images) {
  if (images.dim() != 4 || images.size(1) != cfg_.imageChannels)
    throw DataError("VAE expects images [N, " + std::to_string(cfg_.imageChannels) +
                    ", H, W], got " + c10::str(images.sizes()));
  if (images.size(2) % cfg_.vaeFactor != 0 || images.size(3) % cfg_.vaeFactor != 0)
    throw DataError("image size " + c10::str(images.sizes()) + " is not divisible by vaeFactor " +
                    std::to_string(cfg_.vaeFactor) + "; resize the images");
  if (pixelSpace_) return {images, torch::full_like(images, kLogvarMin)};
  auto moments = encoder_->forward(images);
  auto parts = moments.chunk(2, 1);
  return {parts[0], parts[1].clamp(kLogvarMin, kLogvarMax)};
}

torch::Tensor VAEImpl::encode(const torch::Tensor& images, bool sample) {
  auto [mean, logvar] = encodeMoments(images);
  auto z = mean;
  if (sample && !pixelSpace_) z = mean + torch::exp(0.5 * logvar) * torch::randn_like(mean);
  return z * cfg_.latentScale;
}

torch::Tensor VAEImpl::decode(const torch::Tensor& latents) {
  if (latents.dim() != 4 || latents.size(1) != cfg_.latentChannels)
    throw DataError("VAE decode expects latents [N, " + std::to_string(cfg_.latentChannels) +
                    ", h, w], got " + c10::str(latents.sizes()));
  auto z = latents / cfg_.latentScale;
  return pixelSpace_ ? z : decoder_->forward(z);
}

VaeLosses VAEImpl::loss(const torch::Tensor& images, double klWeight) {
  VaeLosses l;
  if (pixelSpace_) {
    l.recon = torch::zeros({}, images.options());
    l.kl = torch::zeros({}, images.options());
    l.total = l.recon;
    return l;
  }
  auto [mean, logvar] = encodeMoments(images);
  auto z = mean + torch::exp(0.5 * logvar) * torch::randn_like(mean);
  // Losses in fp32 whatever the convolutions ran in (bf16 under autocast).
  l.recon = (decoder_->forward(z).to(torch::kFloat) - images.to(torch::kFloat)).abs().mean();
  const auto m = mean.to(torch::kFloat), lv = logvar.to(torch::kFloat);
  l.kl = 0.5 * (m.pow(2) + lv.exp() - 1.0 - lv).mean();
  l.total = l.recon + klWeight * l.kl;
  return l;
}

int64_t countVaeParameters(const ModelConfig& cfg) {
  const int64_t n = downsamplings(cfg);
  if (n == 0) return 0;
  auto w = stageWidths(cfg, n);
  const int64_t ci = cfg.imageChannels, cl = cfg.latentChannels;
  int64_t total =
      conv2dParameters(ci, w[0], 3) + conv2dParameters(w[0], ci, 3) + 2 * w[0];  // ends + out norm
  for (int64_t i = 0; i < n; ++i)
    total += resParams(w[i], w[i]) * 2 + conv2dParameters(w[i], w[i + 1], 3) +
             conv2dParameters(w[i + 1], w[i], 3);
  total += resParams(w[n], w[n]) * 2 + 2 * w[n] + conv2dParameters(w[n], 2 * cl, 3) +
           conv2dParameters(cl, w[n], 3);
  return total;
}

}  // namespace tfs
