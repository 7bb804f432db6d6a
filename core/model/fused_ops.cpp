#include "core/model/fused_ops.h"

#include "core/base/cpu_kernels.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace tfs {

namespace {

// Loads n elements of a float or bfloat16 tensor's data at `offset` as floats: a pointer into the
// data itself for float32, else converted into buf.
const float* loadFloats(const torch::Tensor& t, int64_t offset, int64_t n, float* buf) {
  if (t.scalar_type() == torch::kFloat) return t.data_ptr<float>() + offset;
  kernels::bf16ToFloat(reinterpret_cast<const uint16_t*>(t.data_ptr<at::BFloat16>()) + offset, buf,
                       n);
  return buf;
}
// Where to compute n output floats for `t` at `offset`: its data for float32, else buf (then
// storeFloats converts).
float* outFloats(torch::Tensor& t, int64_t offset, float* buf) {
  return t.scalar_type() == torch::kFloat ? t.data_ptr<float>() + offset : buf;
}
void storeFloats(torch::Tensor& t, int64_t offset, int64_t n, const float* buf) {
  if (t.scalar_type() == torch::kFloat) return;
  kernels::floatToBf16(buf, reinterpret_cast<uint16_t*>(t.data_ptr<at::BFloat16>()) + offset, n);
}

// Elementwise ops work through the data in blocks of this many elements held in float buffers.
constexpr int64_t kBlock = 512;

bool fusable(const torch::Tensor& t) {
  return fusedOpsEnabled() && t.device().is_cpu() &&
         (t.scalar_type() == torch::kFloat || t.scalar_type() == torch::kBFloat16);
}

using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;

struct RmsNormFn : torch::autograd::Function<RmsNormFn> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& xIn,
                               const torch::Tensor& wIn, double eps) {
    auto x = xIn.contiguous();
    auto w = wIn.contiguous();
    const int64_t D = x.size(-1), rows = x.numel() / std::max<int64_t>(D, 1);
    auto y = torch::empty_like(x);
    auto rstd = torch::empty({rows}, x.options().dtype(torch::kFloat));
    const float* wp = w.data_ptr<float>();
    float* rp = rstd.data_ptr<float>();
    at::parallel_for(0, rows, 16, [&](int64_t begin, int64_t end) {
      std::vector<float> xb(static_cast<size_t>(D)), yb(static_cast<size_t>(D));
      for (int64_t r = begin; r < end; ++r) {
        const float* xr = loadFloats(x, r * D, D, xb.data());
        const float ms = kernels::dot(xr, xr, D) / float(D);
        const float s = 1.0f / std::sqrt(ms + float(eps));
        rp[r] = s;
        float* yr = outFloats(y, r * D, yb.data());
        kernels::rmsNormRow(xr, wp, s, yr, D);
        storeFloats(y, r * D, D, yr);
      }
    });
    ctx->save_for_backward({x, w, rstd});
    return y;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
    auto saved = ctx->get_saved_variables();
    auto x = saved[0], w = saved[1], rstd = saved[2];
    auto dy = grads[0].to(x.scalar_type()).contiguous();
    const int64_t D = x.size(-1), rows = x.numel() / std::max<int64_t>(D, 1);
    auto dx = torch::empty_like(x);
    const int threads = at::get_num_threads();
    auto dwParts = torch::zeros({threads, D}, w.options());
    const float* wp = w.data_ptr<float>();
    const float* rp = rstd.data_ptr<float>();
    float* parts = dwParts.data_ptr<float>();
    at::parallel_for(0, rows, 16, [&](int64_t begin, int64_t end) {
      std::vector<float> xb(static_cast<size_t>(D)), db(static_cast<size_t>(D)),
          ob(static_cast<size_t>(D)), gb(static_cast<size_t>(D));
      float* dw = parts + int64_t(at::get_thread_num()) * D;
      for (int64_t r = begin; r < end; ++r) {
        const float* xr = loadFloats(x, r * D, D, xb.data());
        const float* dyr = loadFloats(dy, r * D, D, db.data());
        float* dxr = outFloats(dx, r * D, ob.data());
        kernels::rmsNormRowBackward(xr, dyr, wp, rp[r], dxr, dw, gb.data(), D);
        storeFloats(dx, r * D, D, dxr);
      }
    });
    return {dx, dwParts.sum(0), torch::Tensor()};
  }
};

struct SiluMulFn : torch::autograd::Function<SiluMulFn> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& aIn,
                               const torch::Tensor& bIn) {
    auto a = aIn.contiguous(), b = bIn.contiguous();
    auto out = torch::empty_like(a);
    at::parallel_for(0, a.numel(), kBlock, [&](int64_t begin, int64_t end) {
      float ab[kBlock], bb[kBlock], ob[kBlock];
      for (int64_t i = begin; i < end; i += kBlock) {
        const int64_t n = std::min(kBlock, end - i);
        const float* ap = loadFloats(a, i, n, ab);
        const float* bp = loadFloats(b, i, n, bb);
        float* op = outFloats(out, i, ob);
        kernels::siluMul(ap, bp, op, n);
        storeFloats(out, i, n, op);
      }
    });
    ctx->save_for_backward({a, b});
    return out;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
    auto saved = ctx->get_saved_variables();
    auto a = saved[0], b = saved[1];
    auto g = grads[0].to(a.scalar_type()).contiguous();
    auto da = torch::empty_like(a), db = torch::empty_like(b);
    at::parallel_for(0, a.numel(), kBlock, [&](int64_t begin, int64_t end) {
      float ab[kBlock], bb[kBlock], gb[kBlock], dab[kBlock], dbb[kBlock];
      for (int64_t i = begin; i < end; i += kBlock) {
        const int64_t n = std::min(kBlock, end - i);
        const float* ap = loadFloats(a, i, n, ab);
        const float* bp = loadFloats(b, i, n, bb);
        const float* gp = loadFloats(g, i, n, gb);
        float* dap = outFloats(da, i, dab);
        float* dbp = outFloats(db, i, dbb);
        kernels::siluMulBackward(ap, bp, gp, dap, dbp, n);
        storeFloats(da, i, n, dap);
        storeFloats(db, i, n, dbp);
      }
    });
    return {da, db};
  }
};

// cos and sin of the rotation angles, [B, L, Dh/2] float each.
std::pair<torch::Tensor, torch::Tensor> ropeTables(const torch::Tensor& positions, int64_t dh,
                                                   double theta, const torch::Device& device) {
  const int64_t half = dh / 2;
  auto fopts = torch::TensorOptions().dtype(torch::kFloat).device(device);
  auto invFreq = torch::pow(theta, -torch::arange(0, half, fopts) * (2.0 / double(dh)));
  auto angles = positions.to(device).to(torch::kFloat).unsqueeze(-1) * invFreq;  // [B,L,half]
  return {angles.cos().contiguous(), angles.sin().contiguous()};
}

// Rotates every [Dh] row of x [B,H,L,Dh] by its position's angles (sign −1: the inverse).
torch::Tensor rotateRows(const torch::Tensor& x, const torch::Tensor& cosT,
                         const torch::Tensor& sinT, float sign) {
  const int64_t B = x.size(0), H = x.size(1), L = x.size(2), D = x.size(3), half = D / 2;
  auto out = torch::empty_like(x);
  const float* cp = cosT.data_ptr<float>();
  const float* sp = sinT.data_ptr<float>();
  at::parallel_for(0, B * H * L, 64, [&](int64_t begin, int64_t end) {
    std::vector<float> xb(static_cast<size_t>(D)), ob(static_cast<size_t>(D));
    for (int64_t r = begin; r < end; ++r) {
      const int64_t b = r / (H * L), l = r % L;
      const float* xr = loadFloats(x, r * D, D, xb.data());
      float* orow = outFloats(out, r * D, ob.data());
      const int64_t t = (b * L + l) * half;
      kernels::rotateHalf(xr, cp + t, sp + t, sign, orow, half);
      storeFloats(out, r * D, D, orow);
    }
  });
  return out;
}

struct RopeFn : torch::autograd::Function<RopeFn> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& xIn,
                               const torch::Tensor& positions, double theta) {
    auto x = xIn.contiguous();
    auto [c, s] = ropeTables(positions, x.size(-1), theta, x.device());
    ctx->save_for_backward({c, s});
    ctx->saved_data["dtype"] = static_cast<int64_t>(x.scalar_type());
    return rotateRows(x, c, s, 1.0f);
  }
  static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
    auto saved = ctx->get_saved_variables();
    const auto dtype = static_cast<torch::ScalarType>(ctx->saved_data["dtype"].toInt());
    auto g = grads[0].to(dtype).contiguous();
    return {rotateRows(g, saved[0], saved[1], -1.0f), torch::Tensor(), torch::Tensor()};
  }
};

}  // namespace

namespace {
std::atomic<bool>& fusedFlag() {
  static std::atomic<bool> on{[] {
    const char* v = std::getenv("TFS_FUSED_OPS");
    return !(v && std::string(v) == "0");
  }()};
  return on;
}
}  // namespace

bool fusedOpsEnabled() {
  return fusedFlag().load(std::memory_order_relaxed);
}

void setFusedOpsEnabled(bool on) {
  fusedFlag().store(on);
}

torch::Tensor rmsNormReference(const torch::Tensor& x, const torch::Tensor& weight, double eps) {
  auto xf = x.to(torch::kFloat);
  auto y = xf * torch::rsqrt(xf.pow(2).mean(-1, true) + eps);
  return (y * weight.to(torch::kFloat)).to(x.scalar_type());
}

torch::Tensor rmsNorm(const torch::Tensor& x, const torch::Tensor& weight, double eps) {
  if (!fusable(x) || weight.scalar_type() != torch::kFloat || !weight.device().is_cpu() ||
      weight.dim() != 1 || x.dim() == 0 || weight.size(0) != x.size(-1))
    return rmsNormReference(x, weight, eps);
  return RmsNormFn::apply(x, weight, eps);
}

torch::Tensor ropeReference(const torch::Tensor& x, const torch::Tensor& positions, double theta) {
  const int64_t dh = x.size(-1), half = dh / 2;
  auto [cosF, sinF] = ropeTables(positions, dh, theta, x.device());
  auto cos = cosF.unsqueeze(1).to(x.scalar_type());  // [B,1,L,half]
  auto sin = sinF.unsqueeze(1).to(x.scalar_type());
  auto x1 = x.narrow(-1, 0, half), x2 = x.narrow(-1, half, half);
  return torch::cat({x1 * cos - x2 * sin, x2 * cos + x1 * sin}, -1);
}

torch::Tensor rope(const torch::Tensor& x, const torch::Tensor& positions, double theta) {
  if (!fusable(x) || x.dim() != 4 || x.size(-1) % 2 != 0 || positions.dim() != 2 ||
      positions.size(0) != x.size(0) || positions.size(1) != x.size(2))
    return ropeReference(x, positions, theta);
  return RopeFn::apply(x, positions, theta);
}

torch::Tensor siluMulReference(const torch::Tensor& a, const torch::Tensor& b) {
  return (torch::silu(a.to(torch::kFloat)) * b.to(torch::kFloat)).to(a.scalar_type());
}

torch::Tensor siluMul(const torch::Tensor& a, const torch::Tensor& b) {
  if (!fusable(a) || b.scalar_type() != a.scalar_type() || !b.device().is_cpu() ||
      a.sizes() != b.sizes())
    return siluMulReference(a, b);
  return SiluMulFn::apply(a, b);
}

}  // namespace tfs
