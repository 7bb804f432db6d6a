#pragma once

#include <nlohmann/json.hpp>

#include <functional>

#include "core/data/data_source.h"
#include "core/model/transfusion_model.h"
#include "core/text/tokenizer.h"

namespace tfs {

struct TextPerplexityOptions {
  int64_t maxDocuments = 1000;  // lines of the text source scored (<= 0: all)
  int64_t rowLength = 0;        // positions per packed row; 0 = the model's maxSeqLen
  int64_t docsPerBatch = 32;    // documents packed into one forward pass
  std::function<void(int64_t documents)> onBatch;  // progress; may throw Cancelled
};

struct TextPerplexityResult {
  double perplexity = 0;
  double nllPerToken = 0;  // nats
  int64_t tokens = 0;      // scored next-token predictions
  int64_t documents = 0;
  int64_t truncated = 0;  // documents cut to fit a row
  nlohmann::json toJson() const;
};

// Perplexity of held-out text under the model: each line becomes [BOS] text [EOS] (cut to a row)
// and is scored with the model's own LM loss, so the numbers match training's lm loss exactly.
// Perplexity is per token of the run's tokenizer: only comparable between runs sharing it.
TextPerplexityResult textPerplexity(TransfusionModel& model, const Tokenizer& tok,
                                    ExampleSource& text, const TextPerplexityOptions& opts = {});

}  // namespace tfs
