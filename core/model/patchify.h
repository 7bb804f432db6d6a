#pragma once

#include <torch/torch.h>

namespace tfs {

// latents [N,C,h,w] → [N, (h/p)·(w/p), C·p·p], patches in raster order, each vector (C, py, px).
inline torch::Tensor patchify(const torch::Tensor& latents, int64_t p) {
  const int64_t N = latents.size(0), C = latents.size(1), h = latents.size(2), w = latents.size(3);
  return latents.view({N, C, h / p, p, w / p, p})
      .permute({0, 2, 4, 1, 3, 5})
      .reshape({N, (h / p) * (w / p), C * p * p});
}

// The inverse of patchify: x [N, P, C·p·p] → [N,C,h,w].
inline torch::Tensor unpatchify(const torch::Tensor& x, int64_t p, int64_t C, int64_t h,
                                int64_t w) {
  const int64_t N = x.size(0);
  return x.reshape({N, h / p, w / p, C, p, p}).permute({0, 3, 1, 4, 2, 5}).reshape({N, C, h, w});
}

}  // namespace tfs
