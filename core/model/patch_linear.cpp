#include "core/model/patch_linear.h"

#include "core/base/error.h"
#include "core/model/patchify.h"

namespace tfs {

PatchLinearImpl::PatchLinearImpl(const ModelConfig& cfg)
    : patch_(cfg.patchSize), channels_(cfg.latentChannels), side_(cfg.latentSize()) {
  tEmbed = register_module("t_embed", TimestepEmbedder(cfg.patchDim(), cfg.dModel));
  in = register_module("in", torch::nn::Linear(cfg.patchDim(), cfg.dModel));
  out = register_module("out", torch::nn::Linear(cfg.dModel, cfg.patchDim()));
}

ImageEncoding PatchLinearImpl::encode(const torch::Tensor& noisyLatents, const torch::Tensor& t) {
  if (noisyLatents.dim() != 4 || noisyLatents.size(1) != channels_ ||
      noisyLatents.size(2) != side_ || noisyLatents.size(3) != side_)
    throw DataError("patch encoder: latents must be [N, " + std::to_string(channels_) + ", " +
                    std::to_string(side_) + ", " + std::to_string(side_) + "]");
  ImageEncoding enc;
  enc.tEmb = tEmbed(t).to(noisyLatents.scalar_type());  // [N, patchDim]
  enc.tokens = in(patchify(noisyLatents, patch_) + enc.tEmb.unsqueeze(1));
  return enc;
}

torch::Tensor PatchLinearImpl::decode(const torch::Tensor& hidden, const ImageEncoding&) {
  return unpatchify(out(hidden), patch_, channels_, side_, side_);
}

int64_t PatchLinearImpl::parameterCount(const ModelConfig& cfg) {
  const int64_t pd = cfg.patchDim(), d = cfg.dModel;
  return TimestepEmbedderImpl::parameterCount(pd, d) + (pd * d + d) + (d * pd + pd);
}

}  // namespace tfs
