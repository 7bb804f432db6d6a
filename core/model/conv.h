#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace tfs {

// A k×k convolution padded by k/2, so it keeps the spatial size at stride 1: the building block of
// both the VAE and the U-Net patch codec.
inline torch::nn::Conv2d sameConv2d(int64_t in, int64_t out, int64_t k, int64_t stride = 1) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, k).stride(stride).padding(k / 2));
}

// GroupNorm that normalises in its weights' dtype whatever the input's: under bf16 autocast a
// convolution hands it bf16 activations, which LibTorch 1.13's CPU group_norm refuses next to fp32
// affine weights ("expected scalar type BFloat16 but found Float"). Normalising in fp32 is what
// autocast does for norms on CUDA; the next convolution casts back down. Same parameters and
// names as torch::nn::GroupNorm, so checkpoints are unchanged.
class FloatGroupNormImpl : public torch::nn::GroupNormImpl {
 public:
  using torch::nn::GroupNormImpl::GroupNormImpl;
  torch::Tensor forward(const torch::Tensor& x) {
    const auto t = weight.defined() ? weight.scalar_type() : torch::kFloat;
    return torch::nn::GroupNormImpl::forward(x.scalar_type() == t ? x : x.to(t));
  }
};
TORCH_MODULE(FloatGroupNorm);

// Its parameters: in·out·k² weights and out biases.
constexpr int64_t conv2dParameters(int64_t in, int64_t out, int64_t k) {
  return in * out * k * k + out;
}

}  // namespace tfs
