#include "core/generate/token_sampler.h"

#include <ATen/CPUGeneratorImpl.h>

#include <limits>

#include "core/base/error.h"

namespace tfs {

void TokenSamplingOptions::validate() const {
  if (!(temperature >= 0.0)) throw UsageError("temperature must be >= 0 (0 = greedy)");
  if (topK < 0) throw UsageError("top-k must be >= 0 (0 = off)");
  if (!(topP > 0.0 && topP <= 1.0)) throw UsageError("top-p must lie in (0, 1] (1 = off)");
  if (maxTokens < 0) throw UsageError("max tokens must be >= 0");
  for (const auto& s : stop) {
    if (s.empty()) throw UsageError("a stop string must not be empty");
  }
}

TokenSampler::TokenSampler(TokenSamplingOptions options, uint64_t seed)
    : options_(std::move(options)), gen_(at::detail::createCPUGenerator(seed)) {
  options_.validate();
}

int64_t TokenSampler::sample(const torch::Tensor& logits, const std::vector<int64_t>& banned) {
  auto l = logits.detach().reshape({-1}).to(torch::kCPU, torch::kFloat64).clone();
  const int64_t v = l.size(0);
  for (int64_t id : banned) {
    if (id >= 0 && id < v) l[id] = -std::numeric_limits<double>::infinity();
  }
  if (options_.temperature <= 0.0) return l.argmax().item<int64_t>();
  l = l / options_.temperature;
  if (options_.topK > 0 && options_.topK < v) {
    auto kth = std::get<0>(l.topk(options_.topK)).index({options_.topK - 1});
    l = l.masked_fill(l < kth, -std::numeric_limits<double>::infinity());
  }
  if (options_.topP < 1.0) {
    auto sorted = l.sort(/*dim=*/0, /*descending=*/true);
    auto values = std::get<0>(sorted), order = std::get<1>(sorted);
    auto cum = values.softmax(0).cumsum(0);
    // Keep the smallest prefix whose mass reaches topP (the first token always stays).
    auto drop = (cum - values.softmax(0)) >= options_.topP;
    auto mask = torch::zeros_like(drop).scatter(0, order, drop);
    l = l.masked_fill(mask, -std::numeric_limits<double>::infinity());
  }
  auto probs = l.softmax(0);
  return at::multinomial(probs, 1, false, gen_).item<int64_t>();
}

size_t findStop(const std::string& text, const std::vector<std::string>& stops) {
  size_t best = std::string::npos;
  for (const auto& s : stops) {
    if (s.empty()) continue;
    size_t p = text.find(s);
    if (p != std::string::npos && (best == std::string::npos || p < best)) best = p;
  }
  return best;
}

}  // namespace tfs
