#pragma once

#include <cstdint>

namespace tfs {

// exp(summed NLL / tokens), NLL in nats. Throws DataError when tokens <= 0 or the NLL is not
// finite.
double perplexity(double summedNll, int64_t tokens);

// Accumulates per-batch losses: add(meanNll, tokens) with the model's mean LM loss over its tokens.
class PerplexityMeter {
 public:
  void add(double meanNll, int64_t tokens);
  double summedNll() const { return nll_; }
  int64_t tokens() const { return tokens_; }
  double meanNll() const;  // nats per token
  double value() const;    // perplexity

 private:
  double nll_ = 0;
  int64_t tokens_ = 0;
};

}  // namespace tfs
