#pragma once

#include <torch/torch.h>

#include <string>

namespace tfs {

// The matrix units of this CPU, read from /proc/cpuinfo (Linux; all false elsewhere).
struct CpuFeatures {
  bool avx512bf16 = false;  // AVX-512-BF16 dot products
  bool amxBf16 = false;     // AMX tiles with bf16
  bool nativeBf16() const { return avx512bf16 || amxBf16; }
  std::string summary() const;  // "AMX-BF16, AVX512-BF16" or "no native bf16"
};
const CpuFeatures& cpuFeatures();

// Compute precision of the matmuls: fp32, or bf16 autocast (fp32 master weights, optimiser state,
// norms, softmax and losses; LibTorch's autocast lists decide which ops run in bf16).
enum class Precision { Fp32, Bf16 };

// "fp32" | "bf16" | "auto" → what runs on `device`: auto = bf16 where the device has native bf16
// (a CPU with AVX-512-BF16/AMX, a CUDA GPU that supports it), else fp32. "bf16" on a CPU without
// it is allowed (emulated, slow) but logged. Throws UsageError on any other name.
Precision resolvePrecision(const std::string& name, const torch::Device& device);
std::string precisionName(Precision p);         // "fp32" | "bf16"
bool isPrecisionName(const std::string& name);  // fp32, bf16 or auto
bool isDeviceName(const std::string& name);     // auto, cpu or cuda[:N] (what configs accept)

// Autocast for the forward pass on the device's type while alive (backward follows the recorded
// dtypes). Nests: restores what was set before.
class AutocastScope {
 public:
  AutocastScope(const torch::Device& device, Precision precision);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool on_ = false, cuda_ = false, wasEnabled_ = false;
  at::ScalarType wasDtype_ = at::kBFloat16;
};

}  // namespace tfs
