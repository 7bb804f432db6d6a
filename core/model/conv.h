#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace tfs {

// A k×k convolution padded by k/2, so it keeps the spatial size at stride 1: the building block of
// both the VAE and the U-Net patch codec.
inline torch::nn::Conv2d sameConv2d(int64_t in, int64_t out, int64_t k, int64_t stride = 1) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, k).stride(stride).padding(k / 2));
}

// Its parameters: in·out·k² weights and out biases.
constexpr int64_t conv2dParameters(int64_t in, int64_t out, int64_t k) {
  return in * out * k * k + out;
}

}  // namespace tfs
