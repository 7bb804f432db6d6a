#pragma once

#include <torch/torch.h>

#include "core/model/attention.h"
#include "core/model/rms_norm.h"
#include "core/model/swiglu.h"

namespace tfs {

// One Llama block: x + attn(norm(x)), then x + ffn(norm(x)).
class TransformerBlockImpl : public torch::nn::Module {
 public:
  TransformerBlockImpl(int64_t dModel, int64_t nHeads, int64_t ffnHidden, double ropeTheta,
                       bool qkNorm)
      : attnNorm(register_module("attn_norm", RMSNorm(dModel))),
        attn(register_module("attn", Attention(dModel, nHeads, ropeTheta, qkNorm))),
        ffnNorm(register_module("ffn_norm", RMSNorm(dModel))),
        ffn(register_module("ffn", SwiGLU(dModel, ffnHidden))) {}

  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& positions,
                        const torch::Tensor& mask, torch::Tensor* cacheK = nullptr,
                        torch::Tensor* cacheV = nullptr, bool commit = true,
                        torch::Tensor* probs = nullptr) {
    auto h = x + attn(attnNorm(x), positions, mask, cacheK, cacheV, commit, probs);
    return h + ffn(ffnNorm(h));
  }

  RMSNorm attnNorm;
  Attention attn;
  RMSNorm ffnNorm;
  SwiGLU ffn;
};
TORCH_MODULE(TransformerBlock);

}  // namespace tfs
