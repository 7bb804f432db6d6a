#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>

#include "core/generate/generation_request.h"

namespace tfs {

struct TokenEvent {
  int64_t id = 0;
  std::string piece;  // the token's text ("<id>" without a tokenizer)
  std::string text;   // the current text run so far
};

struct DenoiseStepEvent {
  int64_t image = 0;  // index of the image within the request
  int64_t step = 0;   // 0-based
  int64_t steps = 0;
  int64_t t = 0;            // training timestep the model was evaluated at
  torch::Tensor xtPreview;  // [h, w, 3] uint8 (latent→RGB projection), undefined when not due
  torch::Tensor x0Preview;  // [h, w, 3] uint8
  torch::Tensor decoded;  // [C, H, W] float in [-1, 1]: full decode of x̂0 when due, else undefined
  double seconds = 0.0;   // wall time of this step
};

struct ImageDoneEvent {
  int64_t image = 0;
  GeneratedImage result;  // undefined image when skipped
  bool skipped = false;
};

// Receives progress from a running generation (the CLI prints, the studio draws). Called on the
// generating thread; keep handlers short.
class GenerationObserver {
 public:
  virtual ~GenerationObserver() = default;
  virtual void onToken(const TokenEvent&) {}
  virtual void onStep(const DenoiseStepEvent&) {}
  virtual void onImage(const ImageDoneEvent&) {}
  virtual void onFinished(const GenerationResult&) {}
};

}  // namespace tfs
