#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "core/model/kv_cache.h"
#include "core/model/transfusion_model.h"

namespace tfs {

// The positions a generation has committed, for B rows of one document each: a KV cache plus what
// the mask needs per key (document, image id, absolute index). With useCache = false it keeps the
// committed inputs instead and recomputes everything on every call (the reference the cache is
// tested and benchmarked against).
class DecodeState {
 public:
  DecodeState(TransfusionModel model, int64_t rows, bool useCache = true);

  int64_t rows() const { return rows_; }
  int64_t length() const { return length_; }
  bool usesCache() const { return useCache_; }
  // RoPE position of the next position of row b.
  int64_t nextPosition(int64_t row) const { return nextPos_[static_cast<size_t>(row)]; }
  // A fresh image id (ids must differ between the images of one document).
  int64_t newImageId() { return nextImageId_++; }

  // Runs x [B, L, D]; imageId < 0 marks text positions, ≥ 0 the patches of that image (all L
  // positions are one kind). Returns hidden [B, L, D]; commit keeps the positions.
  torch::Tensor run(const torch::Tensor& x, int64_t imageId, bool commit);
  // Embeds and runs token ids [B, L].
  torch::Tensor runTokens(const torch::Tensor& tokens, bool commit);
  // Drops every committed position from len on.
  void truncate(int64_t len);

  // Both states' rows in one batch: shorter rows are left-padded with masked-out keys so that the
  // last positions line up (the CFG pair: conditional and unconditional prefixes).
  static DecodeState stack(const DecodeState& a, const DecodeState& b);
  // The state's rows n times over (n images from one prompt).
  DecodeState repeat(int64_t n) const;

 private:
  torch::Tensor meta(int64_t value, int64_t len) const;

  TransfusionModel model_;
  int64_t rows_;
  bool useCache_;
  int64_t length_ = 0;
  KVCache cache_;
  torch::Tensor inputs_;              // [B, Lc, D] when !useCache_
  torch::Tensor kDoc_, kImg_, kPos_;  // [B, Lc] int64 on the model's device
  std::vector<int64_t> nextPos_;
  int64_t nextImageId_ = 0;
};

}  // namespace tfs
