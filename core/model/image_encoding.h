#pragma once

#include <torch/torch.h>

#include <vector>

namespace tfs {

// What a patch encoder hands the transformer, plus what its decoder needs back (U-Net skips, t).
struct ImageEncoding {
  torch::Tensor tokens;              // [N, P, D] one transformer vector per patch, raster order
  std::vector<torch::Tensor> skips;  // U-Net down-path activations (empty for the linear codec)
  torch::Tensor tEmb;                // [N, E] timestep embedding used by the encoder
};

}  // namespace tfs
