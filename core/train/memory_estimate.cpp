#include "core/train/memory_estimate.h"

#include <cstdio>

#include "core/base/error.h"
#include "core/base/proc_status.h"
#include "core/model/param_count.h"

namespace tfs {

namespace {

std::string gib(double bytes) {
  char buf[32];
  const double g = bytes / (1024.0 * 1024.0 * 1024.0);
  std::snprintf(buf, sizeof buf, g >= 100 ? "%.0f" : (g >= 1 ? "%.1f" : "%.2f"), g);
  return buf;
}

}  // namespace

std::string TrainMemoryEstimate::describe() const {
  return gib(total()) + " GiB (weights " + gib(weightsBytes) + ", gradients " + gib(gradientBytes) +
         ", AdamW " + gib(optimizerBytes) + ", EMA " + gib(emaBytes) + ", activations " +
         gib(activationBytes) + ")";
}

TrainMemoryEstimate estimateTrainMemory(const ModelConfig& m, const TrainConfig& t) {
  TrainMemoryEstimate e;
  e.parameters = countParameters(m).total;
  const double p = double(e.parameters);
  e.weightsBytes = 4 * p;
  e.gradientBytes = 4 * p;
  e.optimizerBytes = 8 * p;
  e.emaBytes = t.emaDecay > 0 ? 4 * p : 0;
  const double L = double(t.rowLength), d = double(m.dModel), ffn = double(m.ffnHiddenSize()),
               heads = double(m.nHeads), layers = double(m.nLayers), vocab = double(m.vocabSize);
  const double perPosition = layers * (10 * d + 4 * ffn + 2 * heads * L) + 3 * vocab;
  e.activationBytes = 4 * double(t.batchRows) * L * perPosition;
  return e;
}

double availableMemoryBytes(const torch::Device& device) {
  if (!device.is_cpu()) return -1;
  return double(procKilobytesField("/proc/meminfo", "MemAvailable"));
}

void checkTrainingFits(const ModelConfig& model, const TrainConfig& train,
                       const torch::Device& device) {
  const auto e = estimateTrainMemory(model, train);
  const double free = availableMemoryBytes(device);
  if (free <= 0 || e.total() * 1.1 <= free) return;
  const bool activations = e.activationBytes > e.total() / 2;
  throw ConfigError(
      "training this config needs about " + e.describe() + " but " + device.str() + " has " +
      gib(free) + " GiB free: " +
      (activations ? "lower batchRows (" + std::to_string(train.batchRows) + ") or rowLength (" +
                         std::to_string(train.rowLength) + "), or raise gradAccum instead"
                   : "the model itself is too large (" + std::to_string(e.parameters) +
                         " parameters): lower dModel (" + std::to_string(model.dModel) +
                         ") or nLayers (" + std::to_string(model.nLayers) +
                         "), or pick a smaller preset (`transfusion presets`)"));
}

}  // namespace tfs
