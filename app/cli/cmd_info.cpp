#include <iostream>

#include "app/cli/command.h"
#include "app/cli/param_report.h"
#include "core/base/error.h"
#include "core/base/precision.h"
#include "core/base/runtime.h"

namespace {

struct InfoOptions {
  bool json = false;
  bool noGemm = false;
  int gemmSize = 1024;
  std::string preset;
};

tfs::cli::Run setupInfo(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto opts = std::make_shared<InfoOptions>();
  auto* sub =
      app.add_subcommand("info", "Versions, threads, devices and the measured fp32 GEMM ceiling");
  sub->add_flag("--json", opts->json, "Print JSON for machines");
  sub->add_flag("--no-gemm", opts->noGemm, "Skip the GEMM measurement");
  sub->add_option("--gemm-size", opts->gemmSize, "Matrix size of the GEMM measurement")
      ->check(CLI::Range(64, 16384))
      ->capture_default_str();
  sub->add_option("--preset", opts->preset,
                  "Print the parameter split of a model preset (see `transfusion presets`)");
  return [opts]() {
    if (!opts->preset.empty()) {
      tfs::ModelConfig cfg;
      try {
        cfg = tfs::preset(opts->preset);
      } catch (const tfs::ConfigError& e) {
        throw tfs::UsageError(e.what());  // a wrong --preset is a usage error (exit 2)
      }
      auto count = tfs::countParameters(cfg);
      if (opts->json)
        std::cout << tfs::cli::paramSplitJson(cfg, count).dump(2) << "\n";
      else
        tfs::cli::printParamSplit(std::cout, cfg, count);
      return 0;
    }
    auto v = tfs::versionInfo();
    auto devices = tfs::listDevices();
    std::vector<tfs::GemmResult> gemms;
    if (!opts->noGemm) {
      for (const auto& d : devices) {
        const auto c = tfs::measureCeilings(torch::Device(d.name), opts->gemmSize);
        gemms.push_back(c.fp32);
        gemms.push_back(c.bf16);
      }
    }
    int threads = at::get_num_threads();
    if (opts->json) {
      nlohmann::json j;
      j["versions"] = tfs::toJson(v);
      j["threads"] = threads;
      const auto& f = tfs::cpuFeatures();
      j["cpu"] = {
          {"avx512_bf16", f.avx512bf16},
          {"amx_bf16", f.amxBf16},
          {"native_bf16", f.nativeBf16()},
          {"auto_precision", tfs::precisionName(tfs::resolvePrecision("auto", torch::kCPU))}};
      j["devices"] = nlohmann::json::array();
      for (const auto& d : devices)
        j["devices"].push_back({{"name", d.name}, {"description", d.description}});
      j["gemm"] = nlohmann::json::array();
      for (const auto& g : gemms) j["gemm"].push_back(tfs::toJson(g));
      std::cout << j.dump(2) << "\n";
      return 0;
    }
    std::cout << "Transfusion Studio " << v.transfusion << "\n"
              << "  LibTorch       " << v.libtorch << "\n"
              << "  SentencePiece  " << v.sentencepiece << "\n"
              << "  spdlog         " << v.spdlog << "\n"
              << "  BLAS           " << v.blas << "\n"
              << "  threads        " << threads << "\n"
              << "  CPU bf16       " << tfs::cpuFeatures().summary() << " (--precision auto = "
              << tfs::precisionName(tfs::resolvePrecision("auto", torch::kCPU)) << " on the CPU)\n"
              << "Devices\n";
    for (const auto& d : devices) std::cout << "  " << d.name << "  (" << d.description << ")\n";
    for (const auto& g : gemms) {
      std::cout << "GEMM " << g.dtype << " " << g.size << "x" << g.size << " on " << g.device
                << ": " << std::fixed << std::setprecision(1) << g.gflops << " GFLOP/s ("
                << g.repeats << " runs)\n";
    }
    return 0;
  };
}

const bool registeredInfo = tfs::cli::registerCommand("info", 10, setupInfo);

}  // namespace
