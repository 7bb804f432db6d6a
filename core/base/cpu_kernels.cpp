#include "core/base/cpu_kernels.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/base/cpu_dispatch.h"

namespace tfs::kernels {

namespace {

// Float bits through a type the compiler knows may alias float (so the loops vectorise without
// a memcpy per element).
typedef uint32_t __attribute__((may_alias)) AliasU32;

// exp for float lanes without a libm call, so it vectorises: 2^k · p(r), x = k·ln2 + r,
// |r| ≤ ln2/2, p the degree-6 Taylor polynomial (relative error < 2e-7 on [-88, 88]).
inline float expApprox(float x) {
  x = std::min(88.0f, std::max(-88.0f, x));
  const float k = std::nearbyint(x * 1.44269504088896341f);
  const float r = x - k * 0.693145751953125f - k * 1.428606765330187e-06f;
  float p = 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const int32_t bits = (int32_t(k) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, 4);
  return p * scale;
}

}  // namespace

TFS_CPU_CLONES void bf16ToFloat(const uint16_t* in, float* out, int64_t n) {
  AliasU32* o = reinterpret_cast<AliasU32*>(out);
  for (int64_t i = 0; i < n; ++i) o[i] = uint32_t(in[i]) << 16;
}

TFS_CPU_CLONES void floatToBf16(const float* in, uint16_t* out, int64_t n) {
  const AliasU32* x = reinterpret_cast<const AliasU32*>(in);
  for (int64_t i = 0; i < n; ++i) {
    const uint32_t u = x[i];
    const bool nan = (u & 0x7fffffffu) > 0x7f800000u;
    const uint32_t rounded = (u + 0x7fffu + ((u >> 16) & 1u)) >> 16;
    out[i] = nan ? uint16_t(0x7fc0) : uint16_t(rounded);
  }
}

TFS_CPU_CLONES float dot(const float* a, const float* b, int64_t n) {
  float acc[16] = {};
  int64_t i = 0;
  for (; i + 16 <= n; i += 16)
    for (int j = 0; j < 16; ++j) acc[j] += a[i + j] * b[i + j];
  float s = 0;
  for (int j = 0; j < 16; ++j) s += acc[j];
  for (; i < n; ++i) s += a[i] * b[i];
  return s;
}

TFS_CPU_CLONES void rmsNormRow(const float* x, const float* w, float rstd, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = x[i] * rstd * w[i];
}

TFS_CPU_CLONES void rmsNormRowBackward(const float* x, const float* dy, const float* w, float rstd,
                                       float* dx, float* dw, float* g, int64_t n) {
  for (int64_t i = 0; i < n; ++i) g[i] = dy[i] * w[i];
  const float c = dot(g, x, n) * rstd * rstd * rstd / float(n);  // mean(g·x̂)·rstd
  for (int64_t k = 0; k < n; ++k) {
    dx[k] = rstd * g[k] - c * x[k];
    dw[k] += dy[k] * x[k] * rstd;
  }
}

TFS_CPU_CLONES void siluMul(const float* a, const float* b, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = a[i] * b[i] / (1.0f + expApprox(-a[i]));
}

TFS_CPU_CLONES void siluMulBackward(const float* a, const float* b, const float* g, float* da,
                                    float* db, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const float s = 1.0f / (1.0f + expApprox(-a[i]));
    da[i] = g[i] * b[i] * s * (1.0f + a[i] * (1.0f - s));
    db[i] = g[i] * a[i] * s;
  }
}

TFS_CPU_CLONES void rotateHalf(const float* x, const float* c, const float* s, float sign,
                               float* out, int64_t h) {
  for (int64_t j = 0; j < h; ++j) {
    const float a = x[j], b = x[j + h], sj = sign * s[j];
    out[j] = a * c[j] - b * sj;
    out[j + h] = b * c[j] + a * sj;
  }
}

TFS_CPU_CLONES void adamw(float* p, const float* g, float* m, float* v, int64_t n,
                          const AdamWScalars& s) {
  const AdamWScalars c = s;
  for (int64_t i = 0; i < n; ++i) {
    const float gi = g[i];
    const float mi = m[i] * c.beta1 + gi * c.oneMinusBeta1;
    const float vi = v[i] * c.beta2 + gi * gi * c.oneMinusBeta2;
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i] * c.decay + c.negStepSize * (mi / (std::sqrt(vi) / c.sqrtBias2 + c.eps));
  }
}

}  // namespace tfs::kernels
