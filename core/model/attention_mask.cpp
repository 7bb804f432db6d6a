#include "core/model/attention_mask.h"

#include "core/base/error.h"

namespace tfs {

torch::Tensor transfusionMask(const torch::Tensor& qDoc, const torch::Tensor& qImg,
                              const torch::Tensor& qIndex, const torch::Tensor& kDoc,
                              const torch::Tensor& kImg, const torch::Tensor& kIndex,
                              bool bidirectional) {
  if (qDoc.dim() != 2 || kDoc.dim() != 2 || qDoc.sizes() != qImg.sizes() ||
      qDoc.sizes() != qIndex.sizes() || kDoc.sizes() != kImg.sizes() ||
      kDoc.sizes() != kIndex.sizes() || qDoc.size(0) != kDoc.size(0))
    throw DataError("transfusionMask: expected [B,Lq] query and [B,Lk] key id tensors of equal B");
  // Broadcast [B,Lq,1] against [B,1,Lk]: O(Lq·Lk) tensor work, no per-element C++ loop.
  auto sameDoc = qDoc.unsqueeze(2).eq(kDoc.unsqueeze(1));
  auto causal = kIndex.unsqueeze(1).le(qIndex.unsqueeze(2));
  if (!bidirectional) return sameDoc.logical_and(causal);
  auto sameImage = qImg.unsqueeze(2).eq(kImg.unsqueeze(1)).logical_and(qImg.ge(0).unsqueeze(2));
  return sameDoc.logical_and(causal.logical_or(sameImage));
}

torch::Tensor transfusionMask(const torch::Tensor& docIds, const torch::Tensor& imageIds,
                              bool bidirectional) {
  if (docIds.dim() != 2)
    throw DataError("transfusionMask: docIds must be [B,L], got " + std::to_string(docIds.dim()) +
                    " dims");
  auto index = torch::arange(docIds.size(1), docIds.options().dtype(torch::kLong))
                   .unsqueeze(0)
                   .expand_as(docIds);
  return transfusionMask(docIds, imageIds, index, docIds, imageIds, index, bidirectional);
}

}  // namespace tfs
