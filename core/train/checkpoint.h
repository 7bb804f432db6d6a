#pragma once

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/run_layout.h"  // checkpointName, completeCheckpoints, latestCheckpoint

namespace tfs {

// What a training checkpoint holds. Any pointer may be null (then that file is not written /
// not read).
struct CheckpointContent {
  const torch::nn::Module* model = nullptr;      // → model.safetensors
  const torch::nn::Module* ema = nullptr;        // → ema.safetensors
  torch::optim::Optimizer* optimizer = nullptr;  // → optimizer.pt (torch::save)
  nlohmann::json state;        // → state.json (step, RNG, builder cursors, guard, config hashes)
  nlohmann::json weightsMeta;  // metadata for the .safetensors files ("kind", "config")
  // Reading: an ema set but no ema.safetensors in the folder is a CheckpointError, unless this is
  // set (then the state gains "emaRebuilt": true and the caller starts the EMA from the model).
  bool rebuildMissingEma = false;
};

// Writes checkpoints/step-N atomically: files go to .tmp-step-N/, are fsynced, DONE is written
// (checkpointMarker: each file's size and CRC-32),
// the folder is renamed into place and fsynced, then `latest` is replaced atomically; only then
// are complete checkpoints beyond `keep` deleted (oldest first). A failure (disk full) throws
// IoError naming the path and leaves every earlier checkpoint untouched. Returns the folder.
std::string writeCheckpoint(const std::string& checkpointsDir, int64_t step,
                            const CheckpointContent& content, int64_t keep);

// Loads the pieces into what content points at (state is returned, not read from content).
// Verifies the DONE marker's sizes and checksums first: a damaged folder is a CheckpointError
// naming the file, before anything is loaded. verify = false for a caller that has just run
// checkpointDamage on the folder itself (so the files are not hashed twice).
nlohmann::json readCheckpoint(const std::string& folder, CheckpointContent& content,
                              bool verify = true);

// Generator state ↔ text for state.json (base64 of the generator's state bytes).
std::string encodeBytes(const torch::Tensor& byteTensor);
torch::Tensor decodeBytes(const std::string& text);

}  // namespace tfs
