#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "core/dist/dist_group.h"
#include "core/model/model_config.h"
#include "core/train/train_config.h"

namespace tfs {

// Training FLOPs of one optimiser step, as the benchmark and the ablation tables state them:
// dense = 6 · N · positions, N = parameters outside the token embedding (a lookup, not a matmul);
// attention = 12 · layers · d · L per position (QKᵀ and AV over the full L×L masked matrix,
// 2 FLOPs per multiply-add, ×3 for forward + backward). Padding positions count: they are computed.
struct TrainFlops {
  double dense = 0, attention = 0;
  double total() const { return dense + attention; }
};
int64_t flopParameters(const ModelConfig& cfg);  // the N above
TrainFlops trainStepFlops(const ModelConfig& cfg, int64_t rows, int64_t rowLength);

// The process's peak resident memory (VmHWM of /proc/self/status) in bytes; 0 where unavailable.
int64_t peakRssBytes();
// Starts a new peak (writes 5 to /proc/self/clear_refs); false where the kernel does not allow it.
bool resetPeakRss();

struct TrainBenchOptions {
  std::string preset;  // model preset; the training shape comes from trainPreset(preset)
  int64_t warmupSteps = 2;
  int64_t steps = 8;
  int64_t captionTokens = 8;  // per image document (Fashion-MNIST captions are 5-8 tokens)
  std::string device = "cpu";
  std::string precision = "fp32";  // fp32 | bf16 | auto (TrainConfig::precision)
  // "fused": RMSNorm, silu·mul and AdamW through core/model/fused_ops.h and FusedAdamW;
  // "reference": the same formulas as plain tensor ops (the obvious way).
  std::string kernels = "fused";
  double gemmGflops = 0;      // the measured fp32 ceiling; 0 = measure here
  double gemmBf16Gflops = 0;  // the measured bf16 ceiling; 0 = measure here
  uint64_t seed = 0;
  // After the timed steps, this many more under LibTorch's autograd profiler (not timed: the
  // profiler slows every op); the result gains "profile": the top ops by self time per step.
  int64_t profileSteps = 0;
  int64_t profileTop = 15;
  // One rank of a multi-process job (core/dist): each rank times its own steps on its own
  // synthetic rows; the result (rank 0's) gains the job's throughput and the all-reduce times.
  std::shared_ptr<DistGroup> dist;
  double bucketMB = 0;  // the gradient buckets' size; 0 = the train config's (25)
};

// Times Trainer::step on synthetic batches shaped like the preset's training (caption + image
// documents packed into rows, random latents: the VAE encode is cached in real runs, so it is not
// timed). Returns JSON; prints nothing.
nlohmann::json benchTrain(const TrainBenchOptions& options);
std::string formatTrainBench(const nlohmann::json& result);
// The same preset in several precisions, side by side (speed-up against the first).
std::string formatTrainBenchComparison(const std::vector<nlohmann::json>& results);
// 1 rank × 1 thread, 1 rank × n threads, n ranks × 1 thread (labels name them) side by side:
// tokens/s, the all-reduce on its own, what the steps waited for, the hidden share; and a
// projection of the all-reduce time for paper-0.16b on 8 GPUs (a formula, not a measurement).
std::string formatTrainScaling(const std::vector<nlohmann::json>& runs,
                               const std::vector<std::string>& labels);

}  // namespace tfs
