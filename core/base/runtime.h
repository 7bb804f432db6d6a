#pragma once

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tfs {

// Sets LibTorch's intra-op threads: explicit > TFS_THREADS > hardware concurrency (Debian's
// LibTorch starts with 1 thread on a 2-core machine: docs/ARCHITECTURE.md), and installs the
// caching CPU allocator (core/base/cpu_allocator.h). Returns the thread count.
int initThreads(int requested = 0);

// "cpu", "cuda", "cuda:1", or "auto" (CUDA when available). Throws UsageError on anything else.
torch::Device parseDevice(const std::string& name);

struct DeviceInfo {
  std::string name;  // "cpu", "cuda:0"
  std::string description;
};
std::vector<DeviceInfo> listDevices();

struct VersionInfo {
  std::string transfusion;
  std::string libtorch;
  std::string sentencepiece;  // from the shim; "unavailable: <reason>" when it cannot be loaded
  std::string spdlog;
  std::string blas;
};
VersionInfo versionInfo();

struct GemmResult {
  std::string device;
  std::string dtype = "fp32";  // fp32 | bf16
  int size = 0;
  int repeats = 0;
  double seconds = 0;
  double gflops = 0;      // of the fastest call: the ceiling (a shared machine's noise only slows)
  double meanGflops = 0;  // over all calls
};
// Measured matmul throughput in fp32 or bf16: the ceilings every benchmark is compared with.
GemmResult measureGemm(torch::Device device, int size = 1024, double minSeconds = 0.5,
                       torch::Dtype dtype = torch::kFloat32);
// Both ceilings of a device, measured one after the other.
struct GemmCeilings {
  GemmResult fp32, bf16;
  double of(bool bf16Precision) const { return bf16Precision ? bf16.gflops : fp32.gflops; }
};
GemmCeilings measureCeilings(torch::Device device, int size = 1024, double minSeconds = 0.5);
nlohmann::json toJson(const GemmCeilings& c);

nlohmann::json toJson(const VersionInfo& v);
nlohmann::json toJson(const GemmResult& g);

}  // namespace tfs
