#include "core/base/runtime.h"

#include <spdlog/spdlog.h>
#include <spdlog/version.h>
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "core/base/cpu_allocator.h"
#include "core/base/error.h"
#include "core/text/tokenizer.h"

namespace tfs {

int initThreads(int requested) {
  int n = requested;
  if (n <= 0) {
    if (const char* env = std::getenv("TFS_THREADS")) n = std::atoi(env);
  }
  if (n <= 0) n = static_cast<int>(std::thread::hardware_concurrency());
  if (n <= 0) n = 1;
  at::set_num_threads(n);
  installCachingCpuAllocator();
  return at::get_num_threads();
}

torch::Device parseDevice(const std::string& name) {
  if (name == "auto")
    return torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::kCPU;
  try {
    torch::Device d(name);
    if (d.is_cuda() && !torch::cuda::is_available()) {
      throw UsageError(
          "device '" + name +
              "' requested but this LibTorch build has no usable CUDA device: use the cpu device",
          "device");
    }
    return d;
  } catch (const c10::Error&) {
    throw UsageError("unknown device '" + name + "': use cpu, cuda, cuda:N or auto");
  }
}

std::vector<DeviceInfo> listDevices() {
  std::vector<DeviceInfo> out;
  out.push_back({"cpu", std::to_string(std::thread::hardware_concurrency()) + " hardware threads"});
  if (torch::cuda::is_available()) {
    for (int64_t i = 0; i < static_cast<int64_t>(torch::cuda::device_count()); ++i) {
      out.push_back({"cuda:" + std::to_string(i), "CUDA device"});
    }
  }
  return out;
}

static std::string blasName() {
  // Which libblas.so.3 the dynamic loader resolved: reference BLAS is ~8x slower
  // (docs/ARCHITECTURE.md).
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    if (line.find("libblas.so") != std::string::npos ||
        line.find("libopenblas") != std::string::npos) {
      auto pos = line.find('/');
      if (pos != std::string::npos) return line.substr(pos);
    }
  }
  return "unknown";
}

VersionInfo versionInfo() {
  VersionInfo v;
  v.transfusion = TFS_VERSION;
  v.libtorch = std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) +
               "." + std::to_string(TORCH_VERSION_PATCH);
  try {
    v.sentencepiece = Tokenizer::backendVersion();
  } catch (const Error& e) {
    v.sentencepiece = std::string("unavailable: ") + e.what();
  }
  v.spdlog = std::to_string(SPDLOG_VER_MAJOR) + "." + std::to_string(SPDLOG_VER_MINOR) + "." +
             std::to_string(SPDLOG_VER_PATCH);
  v.blas = blasName();
  return v;
}

GemmResult measureGemm(torch::Device device, int size, double minSeconds, torch::Dtype dtype) {
  torch::NoGradGuard ng;
  auto opts = torch::TensorOptions().dtype(dtype).device(device);
  auto a = torch::randn({size, size}, opts);
  auto b = torch::randn({size, size}, opts);
  auto sync = [&] {
    if (device.is_cuda()) torch::cuda::synchronize();
  };
  auto c = torch::mm(a, b);  // warm-up
  sync();
  int repeats = 0;
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0, fastest = 1e30;
  do {
    const auto t0 = std::chrono::steady_clock::now();
    c = torch::mm(a, b);
    ++repeats;
    sync();
    const auto t1 = std::chrono::steady_clock::now();
    fastest = std::min(fastest, std::chrono::duration<double>(t1 - t0).count());
    elapsed = std::chrono::duration<double>(t1 - start).count();
  } while (elapsed < minSeconds || repeats < 3);
  GemmResult r;
  r.device = device.str();
  r.dtype = dtype == torch::kBFloat16 ? "bf16" : "fp32";
  r.size = size;
  r.repeats = repeats;
  r.seconds = elapsed;
  const double flops = 2.0 * size * double(size) * size;
  r.gflops = flops / fastest / 1e9;
  r.meanGflops = flops * repeats / elapsed / 1e9;
  return r;
}

GemmCeilings measureCeilings(torch::Device device, int size, double minSeconds) {
  GemmCeilings c;
  c.fp32 = measureGemm(device, size, minSeconds, torch::kFloat32);
  c.bf16 = measureGemm(device, size, minSeconds, torch::kBFloat16);
  return c;
}

nlohmann::json toJson(const GemmCeilings& c) {
  return {{"fp32", toJson(c.fp32)}, {"bf16", toJson(c.bf16)}};
}

nlohmann::json toJson(const VersionInfo& v) {
  return {{"transfusion", v.transfusion},
          {"libtorch", v.libtorch},
          {"sentencepiece", v.sentencepiece},
          {"spdlog", v.spdlog},
          {"blas", v.blas}};
}

nlohmann::json toJson(const GemmResult& g) {
  return {{"device", g.device},         {"dtype", g.dtype},     {"size", g.size},
          {"repeats", g.repeats},       {"seconds", g.seconds}, {"gflops", g.gflops},
          {"mean_gflops", g.meanGflops}};
}

}  // namespace tfs
