#include "core/model/attention.h"

#include <torch/version.h>

#include <cmath>

#include "core/base/error.h"
#include "core/model/rope.h"

namespace tfs {

AttentionImpl::AttentionImpl(int64_t dModel, int64_t nHeads, double ropeTheta, bool qkNorm)
    : nHeads_(nHeads), headDim_(dModel / nHeads), theta_(ropeTheta) {
  auto lin = [&](const char* name) {
    return register_module(name,
                           torch::nn::Linear(torch::nn::LinearOptions(dModel, dModel).bias(false)));
  };
  q = lin("q");
  k = lin("k");
  v = lin("v");
  o = lin("o");
  if (qkNorm) {
    qNorm = register_module("q_norm", RMSNorm(headDim_));
    kNorm = register_module("k_norm", RMSNorm(headDim_));
  }
}

torch::Tensor denseAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                             const torch::Tensor& mask, torch::Tensor* probs) {
  auto m = mask.unsqueeze(1);  // [B,1,Lq,Lk]
  auto scores = torch::matmul(q, k.transpose(-2, -1)) * (1.0 / std::sqrt(double(q.size(-1))));
  // A finite fill keeps a fully masked row (never produced by our masks) from becoming NaN.
  const double fill = q.scalar_type() == torch::kHalf ? -6.0e4 : -1.0e9;
  auto p = torch::softmax(scores.masked_fill(m.logical_not(), fill), -1);
  if (probs) *probs = p.detach();
  return torch::matmul(p, v);
}

torch::Tensor blockedAttention(const torch::Tensor& q, const torch::Tensor& k,
                               const torch::Tensor& v, const torch::Tensor& mask,
                               int64_t blockRows) {
  const int64_t B = q.size(0), Lq = q.size(2), Lk = k.size(2);
  if (blockRows < 1) blockRows = 128;
  // Per row and query block, the span of keys any of its queries may see: one small host copy.
  const int64_t nBlocks = (Lq + blockRows - 1) / blockRows;
  auto padded = mask;
  if (nBlocks * blockRows != Lq)
    padded = torch::cat({mask, torch::zeros({B, nBlocks * blockRows - Lq, Lk}, mask.options())}, 1);
  auto seen = padded.view({B, nBlocks, blockRows, Lk}).any(2).to(torch::kCPU).contiguous();
  auto acc = seen.accessor<bool, 3>();
  std::vector<torch::Tensor> rows;
  rows.reserve(size_t(B));
  for (int64_t b = 0; b < B; ++b) {
    std::vector<torch::Tensor> blocks;
    blocks.reserve(size_t(nBlocks));
    for (int64_t j = 0; j < nBlocks; ++j) {
      int64_t lo = 0, hi = Lk - 1;  // a block that sees nothing keeps the full span (dense rule)
      while (lo < Lk && !acc[b][j][lo]) ++lo;
      while (hi > lo && !acc[b][j][hi]) --hi;
      if (lo >= Lk) lo = 0, hi = Lk - 1;
      const int64_t qs = j * blockRows, n = std::min(blockRows, Lq - qs), span = hi - lo + 1;
      blocks.push_back(
          denseAttention(q.narrow(0, b, 1).narrow(2, qs, n), k.narrow(0, b, 1).narrow(2, lo, span),
                         v.narrow(0, b, 1).narrow(2, lo, span),
                         mask.narrow(0, b, 1).narrow(1, qs, n).narrow(2, lo, span), nullptr));
    }
    rows.push_back(blocks.size() == 1 ? blocks[0] : torch::cat(blocks, 2));
  }
  return B == 1 ? rows[0] : torch::cat(rows, 0);
}

torch::Tensor maskedAttention(const torch::Tensor& q, const torch::Tensor& k,
                              const torch::Tensor& v, const torch::Tensor& mask,
                              torch::Tensor* probs) {
  if (probs) return denseAttention(q, k, v, mask, probs);
#if TORCH_VERSION_MAJOR >= 2
  if (q.is_cuda()) return at::scaled_dot_product_attention(q, k, v, mask.unsqueeze(1));
#endif
  if (q.size(2) >= 2 * kAttentionBlockRows)
    return blockedAttention(q, k, v, mask, kAttentionBlockRows);
  return denseAttention(q, k, v, mask, nullptr);
}

torch::Tensor AttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& positions,
                                     const torch::Tensor& mask, torch::Tensor* cacheK,
                                     torch::Tensor* cacheV, bool commit, torch::Tensor* probs) {
  const int64_t B = x.size(0), L = x.size(1);
  auto heads = [&](const torch::Tensor& t) {
    return t.view({B, L, nHeads_, headDim_}).transpose(1, 2);  // [B,H,L,Dh]
  };
  auto qh = heads(q(x)), kh = heads(k(x)), vh = heads(v(x));
  if (qNorm) {
    qh = qNorm(qh);
    kh = kNorm(kh);
  }
  qh = applyRope(qh, positions, theta_);
  kh = applyRope(kh, positions, theta_);
  if (cacheK && cacheK->defined()) {
    kh = torch::cat({*cacheK, kh}, 2);
    vh = torch::cat({*cacheV, vh}, 2);
  }
  if (cacheK && commit) {
    *cacheK = kh.detach();
    *cacheV = vh.detach();
  }
  if (mask.dim() != 3 || mask.size(0) != B || mask.size(1) != L || mask.size(2) != kh.size(2))
    throw DataError("attention mask must be [B, L, Lcache + L] = [" + std::to_string(B) + ", " +
                    std::to_string(L) + ", " + std::to_string(kh.size(2)) + "]");
  auto out = maskedAttention(qh, kh, vh, mask, probs);
  return o(out.transpose(1, 2).reshape({B, L, nHeads_ * headDim_}));
}

}  // namespace tfs
