#include "core/eval/perplexity.h"

#include <cmath>
#include <string>

#include "core/base/error.h"

namespace tfs {

double perplexity(double summedNll, int64_t tokens) {
  if (tokens <= 0)
    throw DataError(
        "perplexity needs at least one scored token; give held-out text that is "
        "longer than one token");
  if (!std::isfinite(summedNll))
    throw DataError("perplexity: the summed NLL is not finite (" + std::to_string(summedNll) +
                    "); the model diverged or its weights are broken");
  return std::exp(summedNll / static_cast<double>(tokens));
}

void PerplexityMeter::add(double meanNll, int64_t tokens) {
  if (tokens <= 0) return;
  nll_ += meanNll * static_cast<double>(tokens);
  tokens_ += tokens;
}

double PerplexityMeter::meanNll() const {
  if (tokens_ <= 0) throw DataError("perplexity: no tokens were scored; give held-out text");
  return nll_ / static_cast<double>(tokens_);
}

double PerplexityMeter::value() const {
  return perplexity(nll_, tokens_);
}

}  // namespace tfs
