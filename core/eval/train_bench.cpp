#include "core/eval/train_bench.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/base/error.h"
#include "core/base/op_profile.h"
#include "core/base/precision.h"
#include "core/base/proc_status.h"
#include "core/base/runtime.h"
#include "core/eval/text_table.h"
#include "core/model/fused_ops.h"
#include "core/model/mixed_sequence.h"
#include "core/model/param_count.h"
#include "core/train/batch_stream.h"
#include "core/train/run_dir.h"
#include "core/train/trainer.h"

namespace tfs {

int64_t flopParameters(const ModelConfig& cfg) {
  const auto p = countParameters(cfg);
  return p.transformer + p.patchCodec + p.embeddings - cfg.vocabSize * cfg.dModel;
}

TrainFlops trainStepFlops(const ModelConfig& cfg, int64_t rows, int64_t rowLength) {
  const double positions = double(rows) * double(rowLength);
  TrainFlops f;
  f.dense = 6.0 * double(flopParameters(cfg)) * positions;
  f.attention = 12.0 * double(cfg.nLayers) * double(cfg.dModel) * double(rowLength) * positions;
  return f;
}

int64_t peakRssBytes() {
  return std::max<int64_t>(0, procKilobytesField("/proc/self/status", "VmHWM"));
}

bool resetPeakRss() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return bool(out);
}

namespace {

// Caption + image documents with random tokens and latents, rows filled to the last position.
class SyntheticBatches : public BatchStream {
 public:
  SyntheticBatches(const ModelConfig& m, const TrainConfig& t, int64_t captionTokens, uint64_t seed)
      : m_(m), t_(t), caption_(captionTokens), rng_(seed) {}
  Batch next() override {
    std::uniform_int_distribution<int64_t> tok(6, m_.vocabSize - 1), ts(0, m_.diffusionSteps - 1);
    const int64_t P = m_.patchesPerImage();
    const SpecialTokens sp;
    std::vector<Document> docs;
    auto text = [&](int64_t n) {
      std::vector<int64_t> ids(size_t(std::max<int64_t>(n, 0)));
      for (auto& id : ids) id = tok(rng_);
      return ids;
    };
    for (int64_t r = 0; r < t_.batchRows; ++r) {
      int64_t used = 0;
      while (true) {
        Document d;
        d.patchesPerImage = P;
        auto cap = text(caption_);
        cap.insert(cap.begin(), sp.bos);
        d.addText(cap);
        d.addLatent(torch::randn({m_.latentChannels, m_.latentSize(), m_.latentSize()}) * 0.5,
                    ts(rng_), sp);
        d.addText({sp.eos});
        if (used + d.length() > t_.rowLength) break;
        used += d.length();
        docs.push_back(std::move(d));
      }
      if (t_.rowLength - used >= 3) {
        Document filler;
        auto ids = text(t_.rowLength - used - 2);
        ids.insert(ids.begin(), sp.bos);
        ids.push_back(sp.eos);
        filler.addText(ids);
        docs.push_back(std::move(filler));
      }
    }
    PackOptions po;
    po.rowLength = t_.rowLength;
    po.patchSize = m_.patchSize;
    po.rows = t_.batchRows;
    return packDocuments(docs, po);
  }
  nlohmann::json state() const override { return nlohmann::json::object(); }
  void restore(const nlohmann::json&) override {}

 private:
  ModelConfig m_;
  TrainConfig t_;
  int64_t caption_;
  std::mt19937_64 rng_;
};

}  // namespace

nlohmann::json benchTrain(const TrainBenchOptions& o) {
  ModelConfig mc;
  try {
    mc = preset(o.preset);
  } catch (const ConfigError& e) {
    throw UsageError(e.what());
  }
  if (o.kernels != "fused" && o.kernels != "reference")
    throw UsageError("kernels must be fused or reference, got '" + o.kernels + "'");
  struct KernelsScope {
    bool was = fusedOpsEnabled();
    ~KernelsScope() { setFusedOpsEnabled(was); }
  } kernelsScope;
  setFusedOpsEnabled(o.kernels == "fused");
  TrainConfig tc = trainPreset(o.preset);
  tc.device = o.device;
  tc.precision = o.precision;
  tc.steps = o.warmupSteps + o.steps + std::max<int64_t>(0, o.profileSteps);
  tc.warmupSteps = 1;
  tc.checkpointEvery = 0;
  tc.sampleEvery = 0;
  tc.logEvery = 1000000;
  if (o.bucketMB > 0) tc.bucketMB = o.bucketMB;
  if (o.steps < 1 || o.warmupSteps < 0) throw UsageError("bench train needs steps >= 1", "steps");
  if (mc.patchesPerImage() + o.captionTokens + 4 > tc.rowLength)
    throw UsageError("preset " + o.preset + ": one image document (" +
                     std::to_string(mc.patchesPerImage()) + " patches) does not fit a row of " +
                     std::to_string(tc.rowLength) + " positions");
  const auto dir =
      std::filesystem::temp_directory_path() / ("tfs-bench-train-" + std::to_string(::getpid()));
  struct Cleanup {
    std::filesystem::path p;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(p, ec);
    }
  } cleanup{dir};
  resetPeakRss();
  const int world = o.dist ? o.dist->world() : 1;
  auto stream = std::make_shared<SyntheticBatches>(
      mc, tc, o.captionTokens, o.seed + static_cast<uint64_t>(o.dist ? o.dist->rank() : 0));
  Trainer trainer(mc, tc, stream, RunDir(dir.string()), o.dist);
  const bool bf16 = trainer.precision() == Precision::Bf16;
  const auto device = parseDevice(o.device);
  const double fp32Ceiling = o.gemmGflops > 0 ? o.gemmGflops : measureGemm(device, 1024).gflops;
  const double bf16Ceiling = o.gemmBf16Gflops > 0
                                 ? o.gemmBf16Gflops
                                 : measureGemm(device, 1024, 0.5, torch::kBFloat16).gflops;
  const double gemm = bf16 ? bf16Ceiling : fp32Ceiling;
  for (int64_t i = 0; i < o.warmupSteps; ++i) trainer.step();
  std::vector<double> seconds;
  int64_t tokens = 0, images = 0;
  double allreduceWait = 0;
  for (int64_t i = 0; i < o.steps; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const StepMetrics m = trainer.step();
    allreduceWait += m.allreduceWaitS;
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    tokens += m.tokens;
    images += m.images;
  }
  double total = 0;
  for (double s : seconds) total += s;
  std::sort(seconds.begin(), seconds.end());
  const TrainFlops f = trainStepFlops(mc, tc.batchRows, tc.rowLength);
  const double stepS = total / double(o.steps);
  const double achieved = f.total() * world / stepS / 1e9;
  nlohmann::json j;
  j["world"] = world;
  if (o.dist) {
    // The all-reduce on its own (every bucket at once, after the fact) against what the steps
    // waited for after backward: the difference was hidden behind backward.
    auto* reducer = const_cast<GradReducer*>(trainer.reducer());
    const double alone = reducer->timeAllReduce(3);
    const double wait = allreduceWait / double(o.steps);
    j["backend"] = o.dist->backend();
    j["gradient_mib"] = double(reducer->stats().bytes) / (1024.0 * 1024.0);
    j["buckets"] = reducer->stats().buckets;
    j["buckets_launched_in_backward"] = reducer->stats().launchedInBackward;  // of the last step
    j["bucket_mb"] = tc.bucketMB;
    j["allreduce_s"] = alone;
    j["allreduce_wait_s_mean"] = wait;
    j["allreduce_hidden_fraction"] = alone > 0 ? std::clamp(1.0 - wait / alone, 0.0, 1.0) : 0.0;
  }
  j["preset"] = o.preset;
  j["device"] = o.device;
  j["precision"] = precisionName(trainer.precision());
  j["kernels"] = o.kernels;
  j["threads"] = at::get_num_threads();
  j["parameters_N"] = flopParameters(mc);
  j["rows"] = tc.batchRows;
  j["row_length"] = tc.rowLength;
  j["patches_per_image"] = mc.patchesPerImage();
  j["steps_timed"] = o.steps;
  j["step_s_mean"] = stepS;
  j["step_s_median"] = seconds[seconds.size() / 2];
  j["tokens_per_s"] = double(tokens) / total;
  j["images_per_s"] = double(images) / total;
  j["flops_per_step"] = {{"dense_6N", f.dense}, {"attention", f.attention}, {"total", f.total()}};
  j["formula"] =
      "6*N*positions + 12*layers*d*L*positions (N = params outside the token embedding, "
      "positions = rows*L incl. padding, fwd+bwd)";
  j["achieved_gflops"] = achieved;
  j["gemm_ceiling_gflops"] = gemm;  // of the precision the step ran in
  j["gemm_fp32_gflops"] = fp32Ceiling;
  j["gemm_bf16_gflops"] = bf16Ceiling;
  j["fraction_of_ceiling"] = gemm > 0 ? achieved / (gemm * world) : 0.0;  // each rank's ceiling
  j["peak_rss_mib"] = double(peakRssBytes()) / (1024.0 * 1024.0);
  j["data"] = "synthetic caption+image documents (random latents; VAE encode not timed)";
  if (o.profileSteps > 0) {
    OpProfiler profiler;
    for (int64_t i = 0; i < o.profileSteps; ++i) trainer.step();
    const OpProfile p = profiler.stop();
    const double n = double(o.profileSteps);
    nlohmann::json ops = nlohmann::json::array(), scopes = nlohmann::json::array();
    for (const auto& op : p.ops) {
      nlohmann::json e = {{"name", op.name},
                          {"calls_per_step", double(op.calls) / n},
                          {"self_ms_per_step", op.selfMs / n},
                          {"total_ms_per_step", op.totalMs / n}};
      if (op.name.rfind("tfs::", 0) == 0) scopes.push_back(e);
      if (int64_t(ops.size()) < o.profileTop) ops.push_back(e);
    }
    std::sort(scopes.begin(), scopes.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
      return a["total_ms_per_step"].get<double>() > b["total_ms_per_step"].get<double>();
    });
    j["profile"] = {{"steps", o.profileSteps},
                    {"wall_ms_per_step", p.wallMs / n},
                    {"op_self_ms_per_step", p.selfMsSum() / n},
                    {"distinct_ops", p.ops.size()},
                    {"top_ops", ops},
                    {"scopes", scopes}};
  }
  return j;
}

std::string formatTrainScaling(const std::vector<nlohmann::json>& runs,
                               const std::vector<std::string>& labels) {
  std::ostringstream s;
  TextTable t(
      {"configuration", "step ms", "tokens/s", "vs first", "all-reduce ms", "waited ms", "hidden"});
  const double base = runs.empty() ? 0 : runs[0].value("tokens_per_s", 0.0);
  for (size_t i = 0; i < runs.size(); ++i) {
    const auto& r = runs[i];
    const bool dist = r.contains("allreduce_s");
    t.add({labels[i], fmtNumber(r["step_s_mean"].get<double>() * 1e3, 1),
           fmtNumber(r["tokens_per_s"].get<double>(), 0),
           base > 0 ? fmtNumber(r["tokens_per_s"].get<double>() / base, 2) + "x" : "-",
           dist ? fmtNumber(r["allreduce_s"].get<double>() * 1e3, 2) : "-",
           dist ? fmtNumber(r["allreduce_wait_s_mean"].get<double>() * 1e3, 2) : "-",
           dist ? fmtNumber(100 * r["allreduce_hidden_fraction"].get<double>(), 0) + " %" : "-"});
  }
  s << t.render();
  for (const auto& r : runs)
    if (r.contains("gradient_mib"))
      s << "gradients: " << fmtNumber(r["gradient_mib"].get<double>(), 1) << " MiB in "
        << r["buckets"].get<int64_t>()
        << " bucket(s) of <= " << fmtNumber(r["bucket_mb"].get<double>(), 0) << " MB over "
        << r["backend"].get<std::string>()
        << "; the global batch grows with the ranks (batchRows per rank)\n";
  // The projection is a formula with this machine's inputs, not a measurement.
  const double n = 8, params = flopParameters(preset("paper-0.16b"));
  const double bytes = 4 * params, busGBs = 100;
  s << "projection, not a measurement: a ring all-reduce moves 2(n-1)/n x gradient bytes per GPU; "
       "for paper-0.16b (N = "
    << fmtNumber(params / 1e6, 0) << " M, fp32 gradients " << fmtNumber(bytes / 1e9, 2)
    << " GB) on n = 8 GPUs at a bus bandwidth B of " << busGBs
    << " GB/s: T_ar = 2(n-1)/n x 4N / B = "
    << fmtNumber(2 * (n - 1) / n * bytes / (busGBs * 1e9) * 1e3, 1)
    << " ms per step, hidden behind backward to the extent that T_backward > T_ar (the hidden "
       "share measured above); speed-up = n x T_step / (T_step + max(0, T_ar - hidden))\n";
  return s.str();
}

std::string formatTrainBench(const nlohmann::json& r) {
  std::ostringstream s;
  s << "bench train: preset " << r["preset"].get<std::string>() << " on "
    << r["device"].get<std::string>() << " in " << r.value("precision", "fp32") << ", "
    << r.value("kernels", "fused") << " kernels (" << r["threads"].get<int>() << " threads), "
    << r["rows"].get<int64_t>() << " rows x " << r["row_length"].get<int64_t>()
    << " positions, N = " << r["parameters_N"].get<int64_t>() << " parameters\n";
  TextTable t({"measure", "value"});
  t.add({"step time (mean / median)", fmtNumber(r["step_s_mean"].get<double>() * 1e3, 1) + " / " +
                                          fmtNumber(r["step_s_median"].get<double>() * 1e3, 1) +
                                          " ms"});
  t.add({"tokens/s (non-pad positions)", fmtNumber(r["tokens_per_s"].get<double>(), 0)});
  t.add({"images/s", fmtNumber(r["images_per_s"].get<double>(), 1)});
  const auto& f = r["flops_per_step"];
  t.add({"FLOPs/step 6N + attention", fmtNumber(f["dense_6N"].get<double>() / 1e9, 2) + " + " +
                                          fmtNumber(f["attention"].get<double>() / 1e9, 2) +
                                          " GFLOP"});
  t.add({"achieved", fmtNumber(r["achieved_gflops"].get<double>(), 1) + " GFLOP/s"});
  t.add({"GEMM ceiling fp32 / bf16 (1024²)",
         fmtNumber(r.value("gemm_fp32_gflops", 0.0), 1) + " / " +
             fmtNumber(r.value("gemm_bf16_gflops", 0.0), 1) + " GFLOP/s"});
  t.add({"fraction of the " + r.value("precision", std::string("fp32")) + " ceiling",
         fmtNumber(100 * r["fraction_of_ceiling"].get<double>(), 1) + " %"});
  t.add({"peak memory (VmHWM)", fmtNumber(r["peak_rss_mib"].get<double>(), 0) + " MiB"});
  s << t.render() << "formula: " << r["formula"].get<std::string>() << "\n"
    << "data: " << r["data"].get<std::string>() << "\n";
  if (r.contains("profile")) {
    const auto& p = r["profile"];
    const double wall = p["wall_ms_per_step"].get<double>();
    s << "profile (LibTorch autograd profiler, " << p["steps"].get<int64_t>()
      << " more steps, per step; the profiler's own cost inflates the times): wall "
      << fmtNumber(wall, 1) << " ms, in " << p["distinct_ops"].get<size_t>() << " distinct ops\n";
    TextTable ops({"op (top by self time)", "calls", "self ms", "of wall", "total ms"});
    for (const auto& e : p["top_ops"])
      ops.add(
          {e["name"].get<std::string>(), fmtNumber(e["calls_per_step"].get<double>(), 0),
           fmtNumber(e["self_ms_per_step"].get<double>(), 2),
           fmtNumber(100 * e["self_ms_per_step"].get<double>() / std::max(wall, 1e-9), 1) + " %",
           fmtNumber(e["total_ms_per_step"].get<double>(), 2)});
    s << ops.render();
    TextTable sc({"phase (tfs:: scope)", "total ms", "of wall"});
    for (const auto& e : p["scopes"])
      sc.add(
          {e["name"].get<std::string>(), fmtNumber(e["total_ms_per_step"].get<double>(), 2),
           fmtNumber(100 * e["total_ms_per_step"].get<double>() / std::max(wall, 1e-9), 1) + " %"});
    s << sc.render();
  }
  return s.str();
}

std::string formatTrainBenchComparison(const std::vector<nlohmann::json>& results) {
  if (results.empty()) return {};
  TextTable t({"precision", "kernels", "step (median)", "tokens/s", "images/s", "GFLOP/s",
               "ceiling", "fraction", "peak RSS", "speed-up"});
  const double base = results.front()["step_s_median"].get<double>();
  for (const auto& r : results) {
    const double step = r["step_s_median"].get<double>();
    t.add({r.value("precision", std::string("fp32")), r.value("kernels", std::string("fused")),
           fmtNumber(step * 1e3, 1) + " ms", fmtNumber(r["tokens_per_s"].get<double>(), 0),
           fmtNumber(r["images_per_s"].get<double>(), 1),
           fmtNumber(r["achieved_gflops"].get<double>(), 1),
           fmtNumber(r["gemm_ceiling_gflops"].get<double>(), 1),
           fmtNumber(100 * r["fraction_of_ceiling"].get<double>(), 1) + " %",
           fmtNumber(r["peak_rss_mib"].get<double>(), 0) + " MiB",
           fmtNumber(base / std::max(step, 1e-12), 2) + "x"});
  }
  return "side by side (same preset, data and thread count; fraction against the ceiling of the "
         "precision used):\n" +
         t.render();
}

}  // namespace tfs
