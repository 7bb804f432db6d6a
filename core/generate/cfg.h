#pragma once

#include <torch/torch.h>

#include "core/base/error.h"

namespace tfs {

// Classifier-free guidance. The generator runs the conditional rows [0, N) and the unconditional
// rows [N, 2N) in one batched forward; this combines them: ε = ε_u + s·(ε_c − ε_u).
inline torch::Tensor combineGuidance(const torch::Tensor& batchedEps, double scale) {
  const int64_t n = batchedEps.size(0) / 2;
  auto cond = batchedEps.narrow(0, 0, n);
  auto uncond = batchedEps.narrow(0, n, n);
  return uncond + scale * (cond - uncond);
}

// Scale 1 is the plain conditional pass: no unconditional rows are run at all.
inline bool guidanceNeedsUnconditional(double scale) {
  return scale != 1.0;
}

inline void validateGuidanceScale(double scale) {
  if (!(scale >= 0.0) || scale > 100.0) {
    throw UsageError("CFG scale must lie in [0, 100] (1 = no guidance, 3-5 typical); got " +
                     std::to_string(scale));
  }
}

}  // namespace tfs
