#include "core/model/patch_unet.h"

#include <algorithm>
#include <string>

#include "core/base/error.h"
#include "core/model/conv.h"

namespace tfs {
namespace {

constexpr int64_t kBlocksPerLevel = 2;
constexpr int64_t kFreqDim = 256;

// GroupNorm with one group: LayerNorm over (C, H, W) with a per-channel affine (the paper's
// "regular LayerNorm instead of AdaLayerNorm": t enters additively, never as a norm modulation).
FloatGroupNorm layerNorm(int64_t channels) {
  return FloatGroupNorm(torch::nn::GroupNormOptions(1, channels));
}

int64_t levels(const ModelConfig& cfg) {
  int64_t p = cfg.patchSize, n = 0;
  if (p != 1 && p != 2 && p != 4 && p != 8)
    throw ConfigError("the U-Net patch codec needs patchSize 1, 2, 4 or 8, not " +
                      std::to_string(p));
  while (p > 1) {
    p /= 2;
    ++n;
  }
  return n;
}

int64_t timeDim(const std::vector<int64_t>& w) {
  return 4 * w[0];
}

}  // namespace

UNetResBlockImpl::UNetResBlockImpl(int64_t in, int64_t out, int64_t tDim) {
  norm1_ = register_module("norm1", layerNorm(in));
  conv1_ = register_module("conv1", sameConv2d(in, out, 3));
  time_ = register_module("time", torch::nn::Linear(tDim, out));
  norm2_ = register_module("norm2", layerNorm(out));
  conv2_ = register_module("conv2", sameConv2d(out, out, 3));
  if (in != out) skip_ = register_module("skip", sameConv2d(in, out, 1));
}

torch::Tensor UNetResBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& tAct) {
  auto h = conv1_(torch::silu(norm1_(x)));
  h = h + time_(tAct).unsqueeze(-1).unsqueeze(-1);
  h = conv2_(torch::silu(norm2_(h)));
  return (skip_ ? skip_(x) : x) + h;
}

int64_t UNetResBlockImpl::parameterCount(int64_t in, int64_t out, int64_t tDim) {
  return 2 * in + conv2dParameters(in, out, 3) + tDim * out + out + 2 * out +
         conv2dParameters(out, out, 3) + (in != out ? conv2dParameters(in, out, 1) : 0);
}

std::vector<int64_t> patchUNetWidths(const ModelConfig& cfg) {
  const int64_t n = levels(cfg);
  std::vector<int64_t> base = cfg.unetChannels;
  if (base.empty()) {
    if (cfg.dModel >= 512) {
      // Chosen so the codec is ≈0.27B at every patch size for 8-channel latents (the paper's size).
      static const std::vector<int64_t> paper[] = {
          {1472}, {736, 1472}, {544, 1088}, {448, 896, 896}};
      base = paper[n];
    } else {
      const int64_t b = std::max<int64_t>(32, (cfg.dModel / 4 + 7) / 8 * 8);
      base = {b, 2 * b};
    }
  }
  std::vector<int64_t> w;
  for (int64_t i = 0; i <= n; ++i) {
    int64_t c = base[std::min<size_t>(i, base.size() - 1)];
    if (c < 1) throw ConfigError("unetChannels entries must be positive, got " + std::to_string(c));
    w.push_back(c);
  }
  return w;
}

int64_t countPatchUNetParameters(const ModelConfig& cfg) {
  const auto w = patchUNetWidths(cfg);
  const int64_t n = int64_t(w.size()) - 1, t = timeDim(w), c = cfg.latentChannels, d = cfg.dModel;
  int64_t total =
      TimestepEmbedderImpl::parameterCount(t, t, kFreqDim) + conv2dParameters(c, w[0], 3);
  int64_t prev = w[0];
  for (int64_t i = 0; i <= n; ++i) {
    for (int64_t j = 0; j < kBlocksPerLevel; ++j) {
      total += UNetResBlockImpl::parameterCount(prev, w[i], t);
      prev = w[i];
    }
    if (i < n) total += conv2dParameters(w[i], w[i], 3);
  }
  total += 2 * w[n] + (w[n] * d + d) + (d * w[n] + w[n]);
  for (int64_t i = n; i >= 0; --i) {
    total += UNetResBlockImpl::parameterCount((cfg.unetSkips ? 2 : 1) * w[i], w[i], t) +
             (kBlocksPerLevel - 1) * UNetResBlockImpl::parameterCount(w[i], w[i], t);
    if (i > 0) total += conv2dParameters(w[i], w[i - 1], 3);
  }
  return total + 2 * w[0] + conv2dParameters(w[0], c, 3);
}

PatchUNetImpl::PatchUNetImpl(const ModelConfig& cfg) : cfg_(cfg), widths_(patchUNetWidths(cfg)) {
  const int64_t n = int64_t(widths_.size()) - 1, t = timeDim(widths_), c = cfg.latentChannels;
  const auto& w = widths_;
  timeEmbed = register_module("time_embed", TimestepEmbedder(t, t, kFreqDim));
  convIn = register_module("conv_in", sameConv2d(c, w[0], 3));
  int64_t prev = w[0];
  for (int64_t i = 0; i <= n; ++i) {
    for (int64_t j = 0; j < kBlocksPerLevel; ++j) {
      down_.push_back(UNetResBlock(prev, w[i], t));
      register_module("down" + std::to_string(i) + "_" + std::to_string(j), down_.back());
      prev = w[i];
    }
    if (i < n) {
      downsample_.push_back(sameConv2d(w[i], w[i], 3, 2));
      register_module("downsample" + std::to_string(i), downsample_.back());
    }
  }
  midNorm = register_module("mid_norm", layerNorm(w[n]));
  projIn = register_module("proj_in", torch::nn::Linear(w[n], cfg.dModel));
  projOut = register_module("proj_out", torch::nn::Linear(cfg.dModel, w[n]));
  // up_ and upsample_ are stored coarsest level first, in the order decode runs them.
  for (int64_t i = n; i >= 0; --i) {
    for (int64_t j = 0; j < kBlocksPerLevel; ++j) {
      up_.push_back(UNetResBlock(j == 0 && cfg.unetSkips ? 2 * w[i] : w[i], w[i], t));
      register_module("up" + std::to_string(i) + "_" + std::to_string(j), up_.back());
    }
    if (i > 0) {
      upsample_.push_back(sameConv2d(w[i], w[i - 1], 3));
      register_module("upsample" + std::to_string(i), upsample_.back());
    }
  }
  outNorm = register_module("out_norm", layerNorm(w[0]));
  convOut = register_module("conv_out", sameConv2d(w[0], c, 3));
}

ImageEncoding PatchUNetImpl::encode(const torch::Tensor& noisyLatents, const torch::Tensor& t) {
  const int64_t p = cfg_.patchSize, n = int64_t(widths_.size()) - 1;
  if (noisyLatents.dim() != 4 || noisyLatents.size(1) != cfg_.latentChannels ||
      noisyLatents.size(2) % p != 0 || noisyLatents.size(3) % p != 0)
    throw DataError("U-Net patch encoder expects latents [N, " +
                    std::to_string(cfg_.latentChannels) + ", h, w] with h, w multiples of " +
                    std::to_string(p) + ", got " + c10::str(noisyLatents.sizes()));
  if (t.dim() != 1 || t.size(0) != noisyLatents.size(0))
    throw DataError("U-Net patch encoder expects one timestep per image, got t " +
                    c10::str(t.sizes()) + " for " + std::to_string(noisyLatents.size(0)) +
                    " images");
  ImageEncoding enc;
  enc.tEmb = timeEmbed(t.to(noisyLatents.device()));
  auto tAct = torch::silu(enc.tEmb);
  auto h = convIn(noisyLatents);
  size_t block = 0;
  for (int64_t i = 0; i <= n; ++i) {
    for (int64_t j = 0; j < kBlocksPerLevel; ++j) h = down_[block++]->forward(h, tAct);
    enc.skips.push_back(h);
    if (i < n) h = downsample_[i](h);
  }
  h = torch::silu(midNorm(h));                        // [N, Wn, g, g]
  enc.tokens = projIn(h.flatten(2).transpose(1, 2));  // raster order: index = row·g + col
  return enc;
}

torch::Tensor PatchUNetImpl::decode(const torch::Tensor& hidden, const ImageEncoding& enc) {
  const int64_t n = int64_t(widths_.size()) - 1;
  if (enc.skips.size() != widths_.size() || !enc.tEmb.defined())
    throw DataError("U-Net patch decoder needs the ImageEncoding its encoder returned (" +
                    std::to_string(widths_.size()) + " skips and tEmb), got " +
                    std::to_string(enc.skips.size()) + " skips");
  const auto& coarse = enc.skips.back();
  const int64_t N = coarse.size(0), gh = coarse.size(2), gw = coarse.size(3);
  if (hidden.dim() != 3 || hidden.size(0) != N || hidden.size(1) != gh * gw ||
      hidden.size(2) != cfg_.dModel)
    throw DataError("U-Net patch decoder expects hidden [" + std::to_string(N) + ", " +
                    std::to_string(gh * gw) + ", " + std::to_string(cfg_.dModel) + "], got " +
                    c10::str(hidden.sizes()));
  auto tAct = torch::silu(enc.tEmb);
  auto h = projOut(hidden).transpose(1, 2).reshape({N, widths_[n], gh, gw});
  size_t block = 0;
  for (int64_t i = n; i >= 0; --i) {
    if (cfg_.unetSkips) h = torch::cat({h, enc.skips[i]}, 1);
    for (int64_t j = 0; j < kBlocksPerLevel; ++j) h = up_[block++]->forward(h, tAct);
    if (i > 0) {
      namespace F = torch::nn::functional;
      h = F::interpolate(
          h, F::InterpolateFuncOptions()
                 .size(std::vector<int64_t>{enc.skips[i - 1].size(2), enc.skips[i - 1].size(3)})
                 .mode(torch::kNearest));
      h = upsample_[n - i](h);
    }
  }
  return convOut(torch::silu(outNorm(h)));
}

}  // namespace tfs
