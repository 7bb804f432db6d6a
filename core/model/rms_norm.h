#pragma once

#include <torch/torch.h>

#include "core/model/fused_ops.h"

namespace tfs {

// RMSNorm over the last dimension (Llama); computed in float32 for bf16/fp16 inputs, fused on the
// CPU (core/model/fused_ops.h).
class RMSNormImpl : public torch::nn::Module {
 public:
  explicit RMSNormImpl(int64_t dim, double eps = 1e-5) : eps_(eps) {
    weight = register_parameter("weight", torch::ones({dim}));
  }
  torch::Tensor forward(const torch::Tensor& x) { return rmsNorm(x, weight, eps_); }
  torch::Tensor weight;

 private:
  double eps_;
};
TORCH_MODULE(RMSNorm);

}  // namespace tfs
