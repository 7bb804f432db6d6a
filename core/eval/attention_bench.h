#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tfs {

struct AttentionBenchOptions {
  std::vector<int64_t> lengths = {256, 512, 1024, 2048, 4096};
  int64_t heads = 8, headDim = 64;
  int64_t captionTokens = 16;     // text before each image
  int64_t patchesPerImage = 256;  // the paper's 256² image, 8× VAE, 2×2 patches
  int64_t repeats = 3;
  bool backward = true;            // also time forward + backward
  std::string precision = "fp32";  // fp32 | bf16 | auto: the matmuls' precision (CPU autocast)
  uint64_t seed = 0;
};

// The layout the Transfusion mask is measured on: one document of [caption, BOI, patches, EOI]
// blocks repeated to `length` positions. docIds, imageIds as Batch holds them ([1, L]).
void attentionBenchLayout(int64_t length, int64_t captionTokens, int64_t patchesPerImage,
                          std::vector<int64_t>& docIds, std::vector<int64_t>& imageIds);

// Times mask construction and masked attention (forward, and forward + backward) with the
// Transfusion mask vs the plain causal mask, at each length, on the CPU, in one precision; the
// dense reference runs in the same precision.
nlohmann::json benchAttention(const AttentionBenchOptions& options);
std::string formatAttentionBench(const nlohmann::json& result);

}  // namespace tfs
