#pragma once

#include <torch/torch.h>

#include "core/model/rms_norm.h"

namespace tfs {

// Multi-head self-attention with RoPE, optional QK-norm, a boolean mask and an optional KV cache.
class AttentionImpl : public torch::nn::Module {
 public:
  AttentionImpl(int64_t dModel, int64_t nHeads, double ropeTheta, bool qkNorm);

  // x [B,L,D], positions [B,L], mask [B,L,Lc+L] bool (true = may attend).
  // cacheK/cacheV (nullable): [B,H,Lc,Dh] prepended to this call's keys; with commit they are
  // replaced by the concatenation. probs (nullable) receives the attention weights [B,H,L,Lc+L].
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& positions,
                        const torch::Tensor& mask, torch::Tensor* cacheK = nullptr,
                        torch::Tensor* cacheV = nullptr, bool commit = true,
                        torch::Tensor* probs = nullptr);

  torch::nn::Linear q{nullptr}, k{nullptr}, v{nullptr}, o{nullptr};
  RMSNorm qNorm{nullptr}, kNorm{nullptr};

 private:
  int64_t nHeads_, headDim_;
  double theta_;
};
TORCH_MODULE(Attention);

// softmax(q·kᵀ/√d masked)·v; the explicit path, also used when the probabilities are wanted.
torch::Tensor maskedAttention(const torch::Tensor& q, const torch::Tensor& k,
                              const torch::Tensor& v, const torch::Tensor& mask,
                              torch::Tensor* probs = nullptr);

}  // namespace tfs
