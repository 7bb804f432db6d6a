#pragma once

#include <cstdint>

// Loops over raw float arrays for the fused CPU ops (core/model/fused_ops.h, FusedAdamW). This
// file's .cpp includes no LibTorch, skips the precompiled header and the unity batches, and is
// compiled with -fno-math-errno (sqrt then vectorises: with errno it is a libm call per element);
// each function is cloned for AVX-512, AVX2 and baseline x86-64 and picked at load time
// (TFS_CPU_CLONES, core/base/cpu_dispatch.h).
namespace tfs::kernels {

// bfloat16 bits <-> float, as c10::BFloat16 converts (round to nearest even, NaN kept).
void bf16ToFloat(const uint16_t* in, float* out, int64_t n);
void floatToBf16(const float* in, uint16_t* out, int64_t n);

// Σ a·b over n elements (16 partial sums).
float dot(const float* a, const float* b, int64_t n);

// RMSNorm of one row: y = x · rstd · w.
void rmsNormRow(const float* x, const float* w, float rstd, float* y, int64_t n);
// Its backward: dx = rstd·(g − x̂·mean(g·x̂)), g = dy·w, x̂ = x·rstd; dw += dy·x̂. scratch: n floats.
void rmsNormRowBackward(const float* x, const float* dy, const float* w, float rstd, float* dx,
                        float* dw, float* scratch, int64_t n);

// out = silu(a)·b, and its backward: da = g·b·s·(1 + a·(1 − s)), db = g·silu(a), s = σ(a).
void siluMul(const float* a, const float* b, float* out, int64_t n);
void siluMulBackward(const float* a, const float* b, const float* g, float* da, float* db,
                     int64_t n);

// Rotary embedding of one row in rotate-half form: out[j] = x[j]·c[j] − sign·x[j+h]·s[j],
// out[j+h] = x[j+h]·c[j] + sign·x[j]·s[j] for j < h (sign −1 is the inverse rotation: the
// backward).
void rotateHalf(const float* x, const float* c, const float* s, float sign, float* out, int64_t h);

// One AdamW update in place, in torch::optim::AdamW's order of operations: p·decay;
// m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; p += negStepSize · m / (√v / sqrtBias2 + eps).
struct AdamWScalars {
  float decay, beta1, oneMinusBeta1, beta2, oneMinusBeta2, sqrtBias2, eps, negStepSize;
};
void adamw(float* p, const float* g, float* m, float* v, int64_t n, const AdamWScalars& s);

}  // namespace tfs::kernels
