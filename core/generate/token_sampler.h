#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tfs {

struct TokenSamplingOptions {
  double temperature = 0.0;       // 0 = greedy (the paper)
  int64_t topK = 0;               // 0 = off
  double topP = 1.0;              // 1 = off
  int64_t maxTokens = 256;        // text tokens per reply
  std::vector<std::string> stop;  // the reply ends before the first occurrence of any of these
  void validate() const;          // UsageError naming the option and its valid range
};

// Picks the next text token from a logits row. Seeded: the same seed and logits give the same ids.
class TokenSampler {
 public:
  TokenSampler(TokenSamplingOptions options, uint64_t seed);
  // logits [V] (any device/dtype). banned ids get −inf (e.g. PAD, or BOI right after a skipped
  // image).
  int64_t sample(const torch::Tensor& logits, const std::vector<int64_t>& banned = {});
  const TokenSamplingOptions& options() const { return options_; }

 private:
  TokenSamplingOptions options_;
  at::Generator gen_;
};

// Offset of the earliest stop string in text, or std::string::npos.
size_t findStop(const std::string& text, const std::vector<std::string>& stops);

}  // namespace tfs
