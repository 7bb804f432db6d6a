#include "core/base/precision.h"

#include <ATen/autocast_mode.h>
#include <spdlog/spdlog.h>
#include <torch/version.h>

#include <fstream>
#include <sstream>

#include "core/base/error.h"

namespace tfs {

namespace {

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define TFS_AUTOCAST_BY_DEVICE 1
#endif

bool autocastEnabled(bool cuda) {
#ifdef TFS_AUTOCAST_BY_DEVICE
  return at::autocast::is_autocast_enabled(cuda ? at::kCUDA : at::kCPU);
#else
  return cuda ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
#endif
}

at::ScalarType autocastDtype(bool cuda) {
#ifdef TFS_AUTOCAST_BY_DEVICE
  return at::autocast::get_autocast_dtype(cuda ? at::kCUDA : at::kCPU);
#else
  return cuda ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
#endif
}

void setAutocast(bool cuda, bool enabled, at::ScalarType dtype) {
#ifdef TFS_AUTOCAST_BY_DEVICE
  const auto type = cuda ? at::kCUDA : at::kCPU;
  at::autocast::set_autocast_dtype(type, dtype);
  at::autocast::set_autocast_enabled(type, enabled);
#else
  if (cuda) {
    at::autocast::set_autocast_gpu_dtype(dtype);
    at::autocast::set_enabled(enabled);
  } else {
    at::autocast::set_autocast_cpu_dtype(dtype);
    at::autocast::set_cpu_enabled(enabled);
  }
#endif
}

}  // namespace

std::string CpuFeatures::summary() const {
  std::string s;
  if (amxBf16) s += "AMX-BF16";
  if (avx512bf16) s += std::string(s.empty() ? "" : ", ") + "AVX512-BF16";
  return s.empty() ? "no native bf16" : s;
}

const CpuFeatures& cpuFeatures() {
  static const CpuFeatures f = [] {
    CpuFeatures c;
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("flags", 0) != 0) continue;
      std::istringstream words(line.substr(line.find(':') + 1));
      std::string w;
      while (words >> w) {
        if (w == "avx512_bf16") c.avx512bf16 = true;
        if (w == "amx_bf16") c.amxBf16 = true;
      }
      break;
    }
    return c;
  }();
  return f;
}

bool isPrecisionName(const std::string& name) {
  return name == "fp32" || name == "bf16" || name == "auto";
}

bool isDeviceName(const std::string& name) {
  return name == "auto" || name == "cpu" || name.rfind("cuda", 0) == 0;
}

Precision resolvePrecision(const std::string& name, const torch::Device& device) {
  if (!isPrecisionName(name))
    throw UsageError("precision must be fp32, bf16 or auto (got \"" + name + "\")");
  if (name == "fp32") return Precision::Fp32;
  const bool native = device.is_cuda() || cpuFeatures().nativeBf16();
  if (name == "auto") return native ? Precision::Bf16 : Precision::Fp32;
  if (!native)
    spdlog::warn("bf16 on a CPU without native bf16 ({}) is emulated and slower than fp32",
                 cpuFeatures().summary());
  return Precision::Bf16;
}

std::string precisionName(Precision p) {
  return p == Precision::Bf16 ? "bf16" : "fp32";
}

AutocastScope::AutocastScope(const torch::Device& device, Precision precision) {
  if (precision != Precision::Bf16) return;
  on_ = true;
  cuda_ = device.is_cuda();
  wasEnabled_ = autocastEnabled(cuda_);
  wasDtype_ = autocastDtype(cuda_);
  setAutocast(cuda_, true, at::kBFloat16);
}

AutocastScope::~AutocastScope() {
  if (!on_) return;
  setAutocast(cuda_, wasEnabled_, wasDtype_);
  if (!wasEnabled_) at::autocast::clear_cache();
}

}  // namespace tfs
