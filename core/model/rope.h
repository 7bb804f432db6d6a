#pragma once

#include <torch/torch.h>

namespace tfs {

// Rotary position embedding (rotate-half form): x [B,H,L,Dh], positions [B,L] int64.
inline torch::Tensor applyRope(const torch::Tensor& x, const torch::Tensor& positions,
                               double theta) {
  const int64_t dh = x.size(-1), half = dh / 2;
  auto fopts = x.options().dtype(torch::kFloat);
  auto invFreq = torch::pow(theta, -torch::arange(0, half, fopts) * (2.0 / double(dh)));
  auto angles = positions.to(torch::kFloat).unsqueeze(-1) * invFreq;  // [B,L,half]
  auto cos = angles.cos().unsqueeze(1).to(x.scalar_type());           // [B,1,L,half]
  auto sin = angles.sin().unsqueeze(1).to(x.scalar_type());
  auto x1 = x.narrow(-1, 0, half), x2 = x.narrow(-1, half, half);
  return torch::cat({x1 * cos - x2 * sin, x2 * cos + x1 * sin}, -1);
}

}  // namespace tfs
