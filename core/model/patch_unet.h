#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "core/model/conv.h"
#include "core/model/image_encoding.h"
#include "core/model/model_config.h"
#include "core/model/timestep_embedding.h"

namespace tfs {

// A conv ResBlock conditioned on the timestep: norm → SiLU → conv, + Linear(SiLU(tEmb)) per
// channel, norm → SiLU → conv, plus a (1×1 when widths differ) residual. The norm is GroupNorm with
// one group, i.e. LayerNorm over (C, H, W) with a per-channel affine: the paper's "regular
// LayerNorm instead of AdaLayerNorm" (t is added, it never modulates the norm).
class UNetResBlockImpl : public torch::nn::Module {
 public:
  UNetResBlockImpl(int64_t in, int64_t out, int64_t tDim);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& tAct);  // tAct = SiLU(tEmb)
  static int64_t parameterCount(int64_t in, int64_t out, int64_t tDim);

 private:
  FloatGroupNorm norm1_{nullptr}, norm2_{nullptr};
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr}, skip_{nullptr};
  torch::nn::Linear time_{nullptr};
};
TORCH_MODULE(UNetResBlock);

// The paper's U-Net patch codec. Encoder: conv_in, then per level i = 0..log2(patchSize) two
// t-conditioned ResBlocks (width widths[i]) whose output is kept as skip i, a stride-2 conv between
// levels, LayerNorm + SiLU and a per-cell Linear to dModel: tokens [N, P, D] in raster order on
// the patchesPerSide² grid. Decoder: Linear dModel → widths[last], then per level (coarsest first)
// concat skip i (unless cfg.unetSkips is off) → two ResBlocks → nearest ×2 + conv, and LayerNorm +
// SiLU + conv_out → ε̂ [N,C,h,w]. The time embedding is a TimestepEmbedder of width 4·widths[0],
// computed once in encode.
class PatchUNetImpl : public torch::nn::Module {
 public:
  explicit PatchUNetImpl(const ModelConfig& cfg);

  ImageEncoding encode(const torch::Tensor& noisyLatents, const torch::Tensor& t);  // t [N] int64
  torch::Tensor decode(const torch::Tensor& hidden, const ImageEncoding& enc);
  const std::vector<int64_t>& widths() const { return widths_; }

  TimestepEmbedder timeEmbed{nullptr};
  torch::nn::Conv2d convIn{nullptr}, convOut{nullptr};
  FloatGroupNorm midNorm{nullptr}, outNorm{nullptr};
  torch::nn::Linear projIn{nullptr}, projOut{nullptr};

 private:
  ModelConfig cfg_;
  std::vector<int64_t> widths_;
  std::vector<UNetResBlock> down_, up_;
  std::vector<torch::nn::Conv2d> downsample_, upsample_;
};
TORCH_MODULE(PatchUNet);

// Width of each level (log2(patchSize) + 1 entries): cfg.unetChannels (last entry repeated), or
// the default: for dModel ≥ 512 widths that make the codec ≈0.27B for 8 latent channels at every
// patch size (the paper's size); below that {max(32, dModel/4), 2·that}.
std::vector<int64_t> patchUNetWidths(const ModelConfig& cfg);
// The parameter count of PatchUNet(cfg), computed without allocating.
int64_t countPatchUNetParameters(const ModelConfig& cfg);

}  // namespace tfs
