#include "core/model/attention.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include <cmath>

#include "core/base/error.h"
#include "core/model/fused_ops.h"

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

namespace {

// The dtype the matmuls of this call produce: q's, or the autocast dtype when autocast is on.
at::ScalarType computeDtype(const torch::Tensor& q) {
  if (q.scalar_type() == torch::kFloat) {
    if (q.is_cpu() && at::autocast::is_cpu_enabled()) return at::autocast::get_autocast_cpu_dtype();
    if (q.is_cuda() && at::autocast::is_enabled()) return at::autocast::get_autocast_gpu_dtype();
  }
  return q.scalar_type();
}

// The mask as an additive bias in the scores' dtype: 0 where attention is allowed, a large
// negative where not (built with vectorised ops). Adding it is one vectorised pass; masked_fill on
// the CPU is a scalar loop (~15x slower on a [8,8,128,128] score tensor, measured). The finite fill
// keeps a fully masked row (never produced by our masks) from becoming NaN; exp() of it underflows
// to exactly 0, so the probabilities and gradients equal masked_fill's.
torch::Tensor maskBias(const torch::Tensor& mask, at::ScalarType dtype) {
  const double fill = dtype == torch::kHalf ? -6.0e4 : -1.0e9;
  return mask.logical_not().to(dtype).mul_(fill);
}

}  // namespace

torch::Tensor denseAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                             const torch::Tensor& mask, torch::Tensor* probs) {
  // The softmax scale goes on q (Lq·Dh multiplies) instead of on the scores (Lq·Lk).
  auto scores = torch::matmul(q * (1.0 / std::sqrt(double(q.size(-1)))), k.transpose(-2, -1));
  scores.add_(maskBias(mask, scores.scalar_type()).unsqueeze(1));  // [B,1,Lq,Lk] over heads
  auto p = torch::softmax(scores, -1);
  if (probs) *probs = p.detach();
  return torch::matmul(p, v);
}

namespace {

// Reduce the mask's query rows block by block: out[b][j][c] = any row of block j has `mask` true
// at column c. The ragged last block is reduced on its own (no padded copy of the mask).
torch::Tensor anyPerBlock(const torch::Tensor& mask, int64_t blockRows) {
  const int64_t B = mask.size(0), Lq = mask.size(1), Lk = mask.size(2);
  const int64_t full = Lq / blockRows, rest = Lq - full * blockRows;
  std::vector<torch::Tensor> parts;
  if (full > 0)
    parts.push_back(mask.narrow(1, 0, full * blockRows).reshape({B, full, blockRows, Lk}).any(2));
  if (rest > 0) parts.push_back(mask.narrow(1, full * blockRows, rest).any(1, true));
  auto out = parts.size() == 1 ? parts[0] : torch::cat(parts, 1);
  return out.to(torch::kCPU).contiguous();
}

}  // namespace

int64_t defaultAttentionBlockRows(const torch::Tensor& q) {
  // Measured on the CPU at L = 2048, 8 heads × 64 (bench attention): fp32 is fastest with 64-row
  // blocks (the score block stays in L2), bf16 with 128 (its matmul wants longer panels).
  const auto t = computeDtype(q);
  return t == torch::kFloat || t == torch::kDouble ? 64 : 128;
}

torch::Tensor blockedAttention(const torch::Tensor& q, const torch::Tensor& k,
                               const torch::Tensor& v, const torch::Tensor& mask,
                               int64_t blockRows) {
  const int64_t B = q.size(0), Lq = q.size(2), Lk = k.size(2);
  if (blockRows < 1) blockRows = defaultAttentionBlockRows(q);
  const int64_t nBlocks = (Lq + blockRows - 1) / blockRows;
  // Per row and query block: which key columns any of its queries sees, and which any of them
  // must not see. One small host copy each ([B, blocks, Lk]).
  auto seen = anyPerBlock(mask, blockRows);
  auto hidden = anyPerBlock(mask.logical_not(), blockRows);
  const auto bias = maskBias(mask, computeDtype(q));
  auto seenAt = seen.accessor<bool, 3>();
  auto hiddenAt = hidden.accessor<bool, 3>();
  const auto qs = q * (1.0 / std::sqrt(double(q.size(-1))));
  std::vector<torch::Tensor> rows;
  rows.reserve(size_t(B));
  for (int64_t b = 0; b < B; ++b) {
    std::vector<torch::Tensor> blocks;
    blocks.reserve(size_t(nBlocks));
    const auto qRow = qs.narrow(0, b, 1), kRow = k.narrow(0, b, 1), vRow = v.narrow(0, b, 1);
    const auto bRow = bias.narrow(0, b, 1);
    for (int64_t j = 0; j < nBlocks; ++j) {
      int64_t lo = 0, hi = Lk - 1;  // a block that sees nothing keeps the full span (dense rule)
      while (lo < Lk && !seenAt[b][j][lo]) ++lo;
      while (hi > lo && !seenAt[b][j][hi]) --hi;
      if (lo >= Lk) lo = 0, hi = Lk - 1;
      // Columns of the span before the first one some query of the block may not see need no
      // mask at all: only the rest is filled, in place (the causal diagonal block, mostly).
      int64_t firstHidden = lo;
      while (firstHidden <= hi && !hiddenAt[b][j][firstHidden]) ++firstHidden;
      const int64_t q0 = j * blockRows, n = std::min(blockRows, Lq - q0), span = hi - lo + 1;
      auto scores =
          torch::matmul(qRow.narrow(2, q0, n), kRow.narrow(2, lo, span).transpose(-2, -1));
      if (firstHidden <= hi) {
        const int64_t off = firstHidden - lo;
        scores.narrow(-1, off, span - off)
            .add_(bRow.narrow(1, q0, n).narrow(2, firstHidden, span - off).unsqueeze(1));
      }
      blocks.push_back(torch::matmul(torch::softmax(scores, -1), vRow.narrow(2, lo, span)));
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
  if (q.size(2) >= kBlockedAttentionFrom)
    return blockedAttention(q, k, v, mask, defaultAttentionBlockRows(q));
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
  qh = rope(qh, positions, theta_);
  kh = rope(kh, positions, theta_);
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
