#pragma once

#include <torch/torch.h>

#include <cmath>

namespace tfs {

// Sinusoidal features of diffusion step t [N] → [N, dim] (cos | sin, periods up to 10000).
inline torch::Tensor timestepSinusoid(const torch::Tensor& t, int64_t dim) {
  const int64_t half = dim / 2;
  auto opts = torch::TensorOptions().dtype(torch::kFloat).device(t.device());
  auto freqs = torch::exp(torch::arange(0, half, opts) * (-std::log(10000.0) / double(half)));
  auto args = t.to(torch::kFloat).unsqueeze(1) * freqs.unsqueeze(0);
  return torch::cat({args.cos(), args.sin()}, 1);
}

// Sinusoid → Linear → SiLU → Linear (DiT's timestep embedder).
class TimestepEmbedderImpl : public torch::nn::Module {
 public:
  TimestepEmbedderImpl(int64_t outDim, int64_t hiddenDim, int64_t freqDim = 256)
      : freqDim_(freqDim),
        fc1(register_module("fc1", torch::nn::Linear(freqDim, hiddenDim))),
        fc2(register_module("fc2", torch::nn::Linear(hiddenDim, outDim))) {}
  torch::Tensor forward(const torch::Tensor& t) {
    auto f = timestepSinusoid(t, freqDim_).to(fc1->weight.scalar_type());
    return fc2(torch::silu(fc1(f)));
  }
  static int64_t parameterCount(int64_t outDim, int64_t hiddenDim, int64_t freqDim = 256) {
    return freqDim * hiddenDim + hiddenDim + hiddenDim * outDim + outDim;
  }

 private:
  int64_t freqDim_;

 public:
  torch::nn::Linear fc1, fc2;
};
TORCH_MODULE(TimestepEmbedder);

}  // namespace tfs
