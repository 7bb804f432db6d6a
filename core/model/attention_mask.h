#pragma once

#include <torch/torch.h>

namespace tfs {

// The Transfusion mask: allowed(q,k) = same document && (k <= q || same image).
// With bidirectional = false it is plain causal attention within documents (the paper's ablation).
// docIds, imageIds [B,L] int64 (-1 = padding / not a patch) → [B,L,L] bool, true = may attend.
torch::Tensor transfusionMask(const torch::Tensor& docIds, const torch::Tensor& imageIds,
                              bool bidirectional);
// Queries vs keys carrying absolute indices (KV-cached decoding): [B,Lq] x [B,Lk] → [B,Lq,Lk].
torch::Tensor transfusionMask(const torch::Tensor& qDoc, const torch::Tensor& qImg,
                              const torch::Tensor& qIndex, const torch::Tensor& kDoc,
                              const torch::Tensor& kImg, const torch::Tensor& kIndex,
                              bool bidirectional);

}  // namespace tfs
