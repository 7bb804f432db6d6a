#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/generate/model_bundle.h"

namespace tfs {

struct GenerateBenchOptions {
  std::vector<int64_t> prefixes = {16, 64, 256};  // prompt lengths before BOI
  int64_t repeats = 5;                            // timed repetitions per measurement
  int64_t slowSteps = 250;                        // DDPM, the paper's setting
  int64_t fastSteps = 20;                         // DPM-Solver++(2M)
  int64_t textTokens = 32;                        // decoded for tokens/s
  std::vector<int64_t> batchSizes = {1, 8, 32};   // text-to-image images per batch (images/s)
  uint64_t seed = 0;
};

// Timings of the generation paths on one model (random weights are fine for timing): per-step
// denoising with and without the prefix cache, batched CFG vs a single pass, images/s at 250 DDPM
// vs 20 DPM++ steps (and how far the fast samples land from a 250-step DDIM reference),
// time-to-first-token and tokens/s. Returns JSON; prints nothing.
nlohmann::json benchGenerate(ModelBundle& bundle, const GenerateBenchOptions& options);

// The JSON above as an aligned text table.
std::string formatGenerateBench(const nlohmann::json& result);

}  // namespace tfs
