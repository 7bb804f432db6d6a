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

// softmax(q·kᵀ/√d masked)·v for q [B,H,Lq,Dh], k/v [B,H,Lk,Dh], mask [B,Lq,Lk] (true = may
// attend). The path by case: the probabilities wanted → dense; CUDA on LibTorch 2.x →
// at::scaled_dot_product_attention; long queries on the CPU → blocked; else dense.
torch::Tensor maskedAttention(const torch::Tensor& q, const torch::Tensor& k,
                              const torch::Tensor& v, const torch::Tensor& mask,
                              torch::Tensor* probs = nullptr);
// The reference: the whole Lq × Lk score matrix at once.
torch::Tensor denseAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                             const torch::Tensor& mask, torch::Tensor* probs = nullptr);
// Query blocks of blockRows, each row of the batch apart, over only the span of keys the block may
// see (a causal-style mask hides the rest: later positions, earlier packed documents), so the
// scores of a block stay in cache and hidden blocks cost nothing; the mask is applied only to the
// columns from the first one some query of the block may not see. Equal to denseAttention for
// masks in which no query is fully masked. blockRows < 1: defaultAttentionBlockRows(q).
torch::Tensor blockedAttention(const torch::Tensor& q, const torch::Tensor& k,
                               const torch::Tensor& v, const torch::Tensor& mask,
                               int64_t blockRows = 0);
// The query block size maskedAttention uses: 64 rows for fp32 matmuls, 128 for bf16/fp16 (also
// under CPU autocast).
int64_t defaultAttentionBlockRows(const torch::Tensor& q);
// Queries from this length on take the blocked path on the CPU; below it the whole score matrix
// fits in cache and dense is faster (bench attention, 8 heads × 64, one thread: L = 256 dense 5.8
// vs blocked 9.4 ms fp32, 2.8 vs 3.1 bf16; L = 512 blocked 18.7 vs 24.4 fp32, 9.6 vs 11.2 bf16).
constexpr int64_t kBlockedAttentionFrom = 512;

}  // namespace tfs
