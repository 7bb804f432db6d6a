#pragma once

#include <torch/torch.h>

#include "core/model/fused_ops.h"

namespace tfs {

// Llama feed-forward: down(silu(gate(x)) * up(x)), no biases; silu·mul fused on the CPU.
class SwiGLUImpl : public torch::nn::Module {
 public:
  SwiGLUImpl(int64_t dim, int64_t hidden)
      : gate(register_module("gate",
                             torch::nn::Linear(torch::nn::LinearOptions(dim, hidden).bias(false)))),
        up(register_module("up",
                           torch::nn::Linear(torch::nn::LinearOptions(dim, hidden).bias(false)))),
        down(register_module(
            "down", torch::nn::Linear(torch::nn::LinearOptions(hidden, dim).bias(false)))) {}
  torch::Tensor forward(const torch::Tensor& x) { return down(siluMul(gate(x), up(x))); }
  torch::nn::Linear gate, up, down;
};
TORCH_MODULE(SwiGLU);

}  // namespace tfs
