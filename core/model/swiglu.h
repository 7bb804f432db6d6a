#pragma once

#include <torch/torch.h>

namespace tfs {

// Llama feed-forward: down(silu(gate(x)) * up(x)), no biases.
class SwiGLUImpl : public torch::nn::Module {
 public:
  SwiGLUImpl(int64_t dim, int64_t hidden)
      : gate(register_module("gate",
                             torch::nn::Linear(torch::nn::LinearOptions(dim, hidden).bias(false)))),
        up(register_module("up",
                           torch::nn::Linear(torch::nn::LinearOptions(dim, hidden).bias(false)))),
        down(register_module(
            "down", torch::nn::Linear(torch::nn::LinearOptions(hidden, dim).bias(false)))) {}
  torch::Tensor forward(const torch::Tensor& x) { return down(torch::silu(gate(x)) * up(x)); }
  torch::nn::Linear gate, up, down;
};
TORCH_MODULE(SwiGLU);

}  // namespace tfs
