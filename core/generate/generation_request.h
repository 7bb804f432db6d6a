#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/data/conversation.h"
#include "core/generate/token_sampler.h"

namespace tfs {

// How images are denoised for one request.
struct ImageOptions {
  std::string sampler = "dpmpp-2m";  // ddpm | ddim | dpmpp-2m
  int64_t steps = 20;
  double eta = 0.0;            // ddim only: 0 deterministic, 1 = DDPM
  double cfgScale = 3.0;       // 1 = no guidance (no unconditional pass)
  std::string negativePrompt;  // CFG's unconditional text; empty = caption dropped [BOS][BOI]
  int64_t previewEvery = 1;    // latent→RGB previews every N steps (0 = none)
  int64_t decodeEvery = 0;     // full VAE decode of x̂0 every N steps (0 = never)
  // Text-to-image: images denoised together in one batch (each keeps its own seed's noise, so
  // the pixels equal one-at-a-time generation up to float rounding). 1 = one after another, as
  // the studio's queue does so that one image can be skipped.
  int64_t batch = 1;
  // Editing: the share of the sampler's steps that are run, starting from the input image noised
  // to the first of them (SDEdit; 1 = from pure noise, as the model was trained). Lower keeps more
  // of the input's layout and colours; too low cannot change what the instruction asks.
  double editStrength = 1.0;
  // UsageError for steps outside [1, trainSteps − 1], negative CFG, an unknown sampler, ...
  void validate(int64_t trainSteps) const;
};

// What an edit samples with unless told otherwise: DDPM, 100 steps, CFG 3. Measured on the
// shapes-edit model (`eval edit`, 12 held-out triplets, same weights): the deterministic samplers
// lose the input's unedited part (PSNR 10.7 dB with dpmpp-2m, 10.3 with ddim, both 100 steps)
// where DDPM, which draws fresh noise at every step, keeps it (15.4 dB). Text-to-image and chat
// keep ImageOptions' own defaults (dpmpp-2m, 20 steps).
ImageOptions editImageOptions();

struct GenerateOptions {
  TokenSamplingOptions text;
  ImageOptions image;
  uint64_t seed = 0;       // every request has one: same request, same pixels
  int64_t maxImages = 4;   // per reply; afterwards BOI is not sampled any more
  bool useKvCache = true;  // false recomputes the whole prefix at every step (for comparison)
  std::map<int64_t, double> logitBias;  // added to the logits of these token ids before sampling
};

enum class FinishReason { Eos, MaxTokens, StopString, ImageDone, Cancelled, Length };
std::string finishReasonName(FinishReason r);

// How much of an image [C, H, W] is pixel-to-pixel noise: the energy left after a 3×3 box blur
// over the image's variance (white noise ≈ 0.9, drawn garments and scenes ≈ 0.05–0.3).
double highFrequencyRatio(const torch::Tensor& image);
constexpr double kNoiseRatio = 0.5;  // above: "mostly noise"

struct GeneratedImage {
  torch::Tensor image;   // [C, H, W] float32 in [-1, 1] on the CPU
  torch::Tensor latent;  // [C, h, w] float32 on the CPU (the model's clean latent)
  uint64_t seed = 0;
  int64_t index = 0;  // position among the images of the request
};

struct GenerationResult {
  Message reply{Role::Model, {}};  // the model's text and images in order
  std::string text;                // all text parts joined
  std::vector<int64_t> tokens;     // every token the model produced or was given (BOI, EOI)
  std::vector<GeneratedImage> images;
  int64_t skippedImages = 0;
  FinishReason reason = FinishReason::Eos;
  double seconds = 0.0;
  int64_t droppedMessages = 0;  // oldest messages left out to fit the context (reply())
  std::string notice;           // why, for the user ("" when nothing was dropped)
  // What a user should know about the reply: an empty one, an image that is mostly noise.
  std::vector<std::string> warnings;
};

}  // namespace tfs
