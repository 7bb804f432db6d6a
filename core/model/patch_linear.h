#pragma once

#include <torch/torch.h>

#include "core/model/image_encoding.h"
#include "core/model/model_config.h"
#include "core/model/timestep_embedding.h"

namespace tfs {

// The paper's linear patch codec: a timestep embedding is added to every patch vector, then one
// linear layer to dModel; the decoder is one linear layer back to the patch and an unpatchify.
class PatchLinearImpl : public torch::nn::Module {
 public:
  explicit PatchLinearImpl(const ModelConfig& cfg);
  ImageEncoding encode(const torch::Tensor& noisyLatents, const torch::Tensor& t);  // → [N,P,D]
  torch::Tensor decode(const torch::Tensor& hidden, const ImageEncoding& enc);      // → [N,C,h,w]
  static int64_t parameterCount(const ModelConfig& cfg);

  TimestepEmbedder tEmbed{nullptr};
  torch::nn::Linear in{nullptr}, out{nullptr};

 private:
  int64_t patch_, channels_, side_;
};
TORCH_MODULE(PatchLinear);

}  // namespace tfs
