#include <sys/wait.h>

#include <iostream>
#include <memory>

#include "app/cli/command.h"
#include "app/cli/generation_cli.h"
#include "core/base/error.h"
#include "core/base/precision.h"
#include "core/base/runtime.h"
#include "core/dist/dist_env.h"
#include "core/dist/dist_group.h"
#include "core/eval/attention_bench.h"
#include "core/eval/text_table.h"
#include "core/eval/train_bench.h"
#include "core/generate/generate_bench.h"

namespace {

struct BenchArgs {
  bool json = false;
  std::string preset, device = "cpu", precision = "both", kernels = "fused";
  bool comparePrecisions = false;
  int64_t steps = 8, warmup = 2, repeats = 5, profile = 0;
  tfs::cli::GenArgs gen;
  std::vector<int64_t> lengths = {256, 512, 1024, 2048, 4096};
  int64_t heads = 8, headDim = 64, patches = 256;
  bool noBackward = false;
  int nproc = 1;
  double bucketMB = 0;
};

// Runs this program with `args` and returns what it printed from its first JSON line on.
nlohmann::json runSelfJson(const std::vector<std::string>& args) {
  // The shell popen starts would be /proc/self/exe: name this program by its real path.
  std::string cmd = "'" + tfs::cli::selfExecutable() + "'";
  for (const auto& a : args) cmd += " '" + a + "'";
  FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");
  if (!p) throw tfs::IoError("cannot run " + cmd);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int rc = pclose(p);
  size_t at = std::string::npos;
  for (size_t i = 0; i < out.size(); i = out.find('\n', i) + 1) {
    if (out[i] == '{' || out.compare(i, 2, "[\n") == 0) {  // not "[rank 1] …" lines
      at = i;
      break;
    }
    if (out.find('\n', i) == std::string::npos) break;
  }
  if (rc != 0 || at == std::string::npos)
    throw tfs::Error("the benchmark run `" + cmd + "` failed (exit " +
                     std::to_string(WIFEXITED(rc) ? WEXITSTATUS(rc) : rc) + ")");
  return nlohmann::json::parse(out.substr(at));
}

// bench train --nproc N: 1 rank × 1 thread, 1 rank × N threads and N ranks × 1 thread, each in a
// process of its own, side by side.
int runBenchScaling(const BenchArgs& a) {
  std::vector<std::string> common = {"bench",       "train",
                                     "--preset",    a.preset,
                                     "--steps",     std::to_string(a.steps),
                                     "--warmup",    std::to_string(a.warmup),
                                     "--device",    a.device,
                                     "--precision", a.precision == "both" ? "auto" : a.precision,
                                     "--kernels",   a.kernels == "both" ? "fused" : a.kernels,
                                     "--json"};
  if (a.bucketMB > 0) common.insert(common.end(), {"--bucket-mb", std::to_string(a.bucketMB)});
  auto with = [&](std::vector<std::string> head) {
    head.insert(head.end(), common.begin(), common.end());
    return head;
  };
  const std::string n = std::to_string(a.nproc);
  std::vector<nlohmann::json> runs;
  runs.push_back(runSelfJson(with({"--threads", "1"})));
  runs.push_back(runSelfJson(with({"--threads", n})));
  runs.push_back(runSelfJson(with({"--threads", "1", "launch", "--nproc", n, "--"})));
  if (a.json) {
    std::cout << nlohmann::json(runs).dump(2) << "\n";
    return 0;
  }
  std::cout << "bench train --nproc " << n << ": preset " << a.preset << " on " << a.device
            << " in " << runs[0].value("precision", "fp32") << ", "
            << runs[0]["rows"].get<int64_t>() << " rows x " << runs[0]["row_length"].get<int64_t>()
            << " per rank\n"
            << tfs::formatTrainScaling(runs, {"1 rank x 1 thread", "1 rank x " + n + " threads",
                                              n + " ranks x 1 thread"});
  return 0;
}

std::string ceilingsLine(const tfs::GemmCeilings& c) {
  return "GEMM ceilings (1024x1024 matmul, core/base/runtime.h): fp32 " +
         tfs::fmtNumber(c.fp32.gflops, 1) + ", bf16 " + tfs::fmtNumber(c.bf16.gflops, 1) +
         " GFLOP/s on " + std::to_string(at::get_num_threads()) + " threads\n";
}

int runBenchTrain(const BenchArgs& a) {
  if (a.preset.empty()) throw tfs::UsageError("give --preset NAME (see `transfusion presets`)");
  const auto env = tfs::distEnvFromEnvironment();
  if (a.nproc > 1 && !env.distributed()) return runBenchScaling(a);
  const auto ceilings = tfs::measureCeilings(tfs::parseDevice(a.device), 1024);
  tfs::TrainBenchOptions o;
  o.preset = a.preset;
  o.steps = a.steps;
  o.warmupSteps = a.warmup;
  o.device = a.device;
  o.profileSteps = a.profile;
  o.gemmGflops = ceilings.fp32.gflops;
  o.gemmBf16Gflops = ceilings.bf16.gflops;
  o.bucketMB = a.bucketMB;
  if (env.distributed()) o.dist = std::make_shared<tfs::DistGroup>(env, tfs::parseDevice(a.device));
  std::vector<std::string> precisions = {a.precision};
  if (a.precision == "both") precisions = {"fp32", "bf16"};
  std::vector<std::string> kernels = {a.kernels};
  if (a.kernels == "both") kernels = {"reference", "fused"};
  std::vector<nlohmann::json> results;
  for (const auto& p : precisions)
    for (const auto& k : kernels) {
      o.precision = p;
      o.kernels = k;
      results.push_back(tfs::benchTrain(o));
      results.back()["gemm"] = tfs::toJson(ceilings);
    }
  if (!env.isMain()) return 0;  // rank 0 reports for the job
  if (a.json) {
    std::cout << (results.size() == 1 ? results[0] : nlohmann::json(results)).dump(2) << "\n";
    return 0;
  }
  std::cout << ceilingsLine(ceilings) << "CPU: " << tfs::cpuFeatures().summary() << "\n";
  for (const auto& j : results) std::cout << tfs::formatTrainBench(j) << "\n";
  if (results.size() > 1) std::cout << tfs::formatTrainBenchComparison(results);
  return 0;
}

int runBenchGenerate(const BenchArgs& a) {
  std::shared_ptr<tfs::ModelBundle> bundle;
  if (!a.preset.empty()) {
    tfs::ModelConfig cfg;
    try {
      cfg = tfs::preset(a.preset);
    } catch (const tfs::ConfigError& e) {
      throw tfs::UsageError(e.what());
    }
    // Room for the longest measured prefix (256) before an image: random weights, timing only.
    cfg.maxSeqLen = std::max<int64_t>(cfg.maxSeqLen, 256 + cfg.patchesPerImage() + 4);
    bundle = tfs::ModelBundle::random(cfg, 0, tfs::parseDevice(a.device));
  } else {
    bundle = tfs::cli::loadBundle(a.gen);
  }
  const auto ceilings = tfs::measureCeilings(bundle->device(), 1024);
  tfs::GenerateBenchOptions o;
  o.repeats = a.repeats;
  std::vector<std::string> precisions = {a.gen.precision};
  if (a.comparePrecisions) precisions = {"fp32", "bf16"};
  nlohmann::json results = nlohmann::json::array();
  for (const auto& p : precisions) {
    bundle->setPrecision(tfs::resolvePrecision(p, bundle->device()));
    auto j = tfs::benchGenerate(*bundle, o);
    j["gemm"] = tfs::toJson(ceilings);
    j["weights"] = a.preset.empty() ? "trained" : "random (preset " + a.preset + ")";
    results.push_back(j);
  }
  if (a.json) {
    std::cout << (results.size() == 1 ? results[0] : results).dump(2) << "\n";
    return 0;
  }
  std::cout << ceilingsLine(ceilings) << "CPU: " << tfs::cpuFeatures().summary() << "\n"
            << "weights: " << results[0]["weights"].get<std::string>() << "\n";
  for (const auto& j : results) std::cout << tfs::formatGenerateBench(j) << "\n";
  return 0;
}

int runBenchAttention(const BenchArgs& a) {
  const auto ceilings = tfs::measureCeilings(torch::kCPU, 1024);
  tfs::AttentionBenchOptions o;
  o.lengths = a.lengths;
  o.heads = a.heads;
  o.headDim = a.headDim;
  o.patchesPerImage = a.patches;
  o.repeats = std::max<int64_t>(1, a.repeats);
  o.backward = !a.noBackward;
  std::vector<std::string> precisions = {a.precision};
  if (a.precision == "both") precisions = {"fp32", "bf16"};
  nlohmann::json results = nlohmann::json::array();
  for (const auto& p : precisions) {
    o.precision = p;
    auto j = tfs::benchAttention(o);
    j["gemm"] = tfs::toJson(ceilings);
    j["ceiling_gflops"] = ceilings.of(j["precision"] == "bf16");
    results.push_back(j);
  }
  if (a.json) {
    std::cout << (results.size() == 1 ? results[0] : results).dump(2) << "\n";
    return 0;
  }
  std::cout << ceilingsLine(ceilings) << "CPU: " << tfs::cpuFeatures().summary() << "\n";
  for (const auto& j : results) std::cout << tfs::formatAttentionBench(j) << "\n";
  return 0;
}

tfs::cli::Run setupBench(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto a = std::make_shared<BenchArgs>();
  auto* b = app.add_subcommand("bench",
                               "Benchmarks: training throughput, generation paths, "
                               "attention; compared with the measured GEMM ceiling");
  b->require_subcommand(1, 1);
  auto* train = b->add_subcommand("train",
                                  "Training tokens/s, images/s, FLOP/s vs the GEMM "
                                  "ceiling, peak memory for a preset");
  train->add_option("--preset", a->preset, "Model preset (see `transfusion presets`)")->required();
  train->add_option("--steps", a->steps, "Timed optimiser steps")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(1), int64_t(100000)));
  train->add_option("--warmup", a->warmup, "Untimed steps first")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(0), int64_t(1000)));
  train->add_option("--device", a->device, "cpu | cuda | cuda:N")->capture_default_str();
  train
      ->add_option("--precision", a->precision,
                   "fp32 | bf16 | auto | both (fp32 and bf16 side by side)")
      ->check(CLI::IsMember({"fp32", "bf16", "auto", "both"}))
      ->capture_default_str();
  train
      ->add_option("--kernels", a->kernels,
                   "fused | reference | both: RMSNorm, silu*mul and AdamW as one-pass CPU "
                   "kernels, or as plain tensor ops (the obvious way), or both side by side")
      ->check(CLI::IsMember({"fused", "reference", "both"}))
      ->capture_default_str();
  train
      ->add_option(
          "--profile", a->profile,
          "Then run this many more steps under the autograd profiler: top ops by self time, "
          "time per phase (forward, backward, optimizer, EMA, batch)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(0), int64_t(1000)));
  train->add_flag("--json", a->json, "Print JSON instead of a table");
  train
      ->add_option("--nproc", a->nproc,
                   "Compare 1 rank x 1 thread, 1 rank x N threads and N ranks x 1 thread "
                   "(data parallelism over c10d): tokens/s, all-reduce time, the share hidden "
                   "behind backward")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  train
      ->add_option("--bucket-mb", a->bucketMB,
                   "Gradient bucket size in MB for --nproc (default: the train config's 25)")
      ->check(CLI::Range(0.01, 4096.0));

  auto* gen = b->add_subcommand("generate",
                                "Per-step time with/without the prefix cache, CFG "
                                "cost, images/s per sampler, text tokens/s");
  tfs::cli::addModelOptions(gen, a->gen);
  gen->add_option("--preset", a->preset, "Time a randomly initialised preset instead of a run");
  gen->add_option("--repeats", a->repeats, "Timed repetitions per measurement")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(1), int64_t(1000)));
  gen->add_flag("--compare-precisions", a->comparePrecisions,
                "Measure in fp32 and then in bf16 (instead of --precision's one)");
  gen->add_flag("--json", a->json, "Print JSON instead of a table");

  auto* att = b->add_subcommand("attention",
                                "Transfusion-mask attention vs plain causal "
                                "attention at several lengths");
  att->add_option("--lengths", a->lengths, "Sequence lengths (comma-separated)")
      ->delimiter(',')
      ->capture_default_str()
      ->check(CLI::Range(int64_t(2), int64_t(65536)));
  att->add_option("--heads", a->heads, "Heads")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(1), int64_t(256)));
  att->add_option("--head-dim", a->headDim, "Head size")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(1), int64_t(1024)));
  att->add_option("--patches", a->patches, "Patches per image in the layout")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(1), int64_t(65536)));
  att->add_option("--repeats", a->repeats, "Timed repetitions (best of)")->capture_default_str();
  att->add_flag("--no-backward", a->noBackward, "Time the forward pass only");
  att->add_option("--precision", a->precision,
                  "fp32 | bf16 | auto | both (fp32 and bf16 side by side)")
      ->check(CLI::IsMember({"fp32", "bf16", "auto", "both"}))
      ->capture_default_str();
  att->add_flag("--json", a->json, "Print JSON instead of a table");
  b->footer("Run with --threads 1 for per-core numbers; the README lists the machine's.");
  return [a, train, gen, att] {
    if (train->parsed()) return runBenchTrain(*a);
    if (gen->parsed()) return runBenchGenerate(*a);
    if (att->parsed()) return runBenchAttention(*a);
    return 2;
  };
}

const bool registeredBench = tfs::cli::registerCommand("bench", 72, setupBench);

}  // namespace
