#pragma once

#include <torch/torch.h>

namespace tfs {

// Fused CPU kernels for the elementwise chains of a Llama block, found by `bench train --profile`:
// RMSNorm and SwiGLU's silu(a)·b, each forward and backward in one pass over its data (the
// composite formulas take 5–10 passes and keep their intermediates for autograd). They are
// autograd functions, so they train like the formulas they replace.
//
// Float32 and bfloat16 tensors on the CPU take the fused path; any other device (CUDA) or dtype,
// or TFS_FUSED_OPS=0 in the environment, takes the reference path: the formula in plain tensor
// ops, which the tests compare the fused path against.

// RMSNorm over the last dimension: x · rsqrt(mean(x²) + eps) · weight, computed in float32, result
// in x's dtype. weight [D] float32.
torch::Tensor rmsNorm(const torch::Tensor& x, const torch::Tensor& weight, double eps);
torch::Tensor rmsNormReference(const torch::Tensor& x, const torch::Tensor& weight, double eps);

// silu(a) · b elementwise (a, b of one shape and dtype), computed in float32, result in a's dtype.
torch::Tensor siluMul(const torch::Tensor& a, const torch::Tensor& b);
torch::Tensor siluMulReference(const torch::Tensor& a, const torch::Tensor& b);

// Rotary position embedding in rotate-half form: x [B,H,L,Dh] (Dh even), positions [B,L] int64;
// the angle of pair j at position p is p·θ^(−2j/Dh). Result in x's dtype.
torch::Tensor rope(const torch::Tensor& x, const torch::Tensor& positions, double theta);
torch::Tensor ropeReference(const torch::Tensor& x, const torch::Tensor& positions, double theta);

// False when TFS_FUSED_OPS=0 in the environment or after setFusedOpsEnabled(false): every call
// takes the reference path (`bench train --kernels both` times the two side by side).
bool fusedOpsEnabled();
void setFusedOpsEnabled(bool on);

}  // namespace tfs
