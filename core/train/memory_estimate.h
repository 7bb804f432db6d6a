#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>

#include "core/model/model_config.h"
#include "core/train/train_config.h"

namespace tfs {

// What a training run will hold in memory, estimated from its configs before anything is
// allocated (so a 1e9-row batch or a 8192 × 1024-layer model is refused with numbers instead of
// std::bad_alloc or a raw LibTorch message half-way through).
//   weights, gradients: 4 bytes per parameter each (fp32 master weights, also under bf16);
//   AdamW: two fp32 moments; EMA: one more copy of the weights;
//   activations kept for backward, per micro-batch: rows × L × (layers × (10·d + 4·ffn + 2·heads·L)
//   + 3·vocab) values of 4 bytes (the block's saved inputs, q/k/v, projections and SwiGLU halves,
//   the attention probabilities, the logits with their softmax and gradient).
// An estimate: the caching allocator, the data pipeline and LibTorch's own buffers come on top.
struct TrainMemoryEstimate {
  int64_t parameters = 0;
  double weightsBytes = 0, gradientBytes = 0, optimizerBytes = 0, emaBytes = 0;
  double activationBytes = 0;
  double total() const {
    return weightsBytes + gradientBytes + optimizerBytes + emaBytes + activationBytes;
  }
  std::string describe() const;  // "3.2 GiB: weights 0.5, gradients 0.5, AdamW 1.0, …"
};
TrainMemoryEstimate estimateTrainMemory(const ModelConfig& model, const TrainConfig& train);

// Memory the device can still give this process: MemAvailable of /proc/meminfo on the CPU; -1 when
// unknown (other systems, CUDA on LibTorch 1.13).
double availableMemoryBytes(const torch::Device& device);

// ConfigError naming the estimate, the free memory and what to lower when the estimate does not
// fit into what is available (with 10 % to spare). Does nothing when the free memory is unknown.
void checkTrainingFits(const ModelConfig& model, const TrainConfig& train,
                       const torch::Device& device);

}  // namespace tfs
