#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "app/cli/progress.h"
#include "core/generate/cancel_token.h"
#include "core/generate/generator.h"

namespace tfs::cli {

// Options every generating command shares: which model, how to denoise, how to decode text.
struct GenArgs {
  std::string run, weights, device = "auto", dtype = "float32", precision = "fp32";
  std::string sampler, negative;  // sampler "" / steps 0: the use's default (generateOptions)
  int64_t steps = 0;
  double cfg = 3.0, eta = 0.0;
  double strength = 1.0;  // editing only (SDEdit): ImageOptions::editStrength
  uint64_t seed = 0;
  double temperature = 0.0, topP = 1.0;
  int64_t topK = 0, maxTokens = 64;
  bool noCache = false;
  bool quiet = false;
};

void addModelOptions(CLI::App* c, GenArgs& a);
void addImageOptions(CLI::App* c, GenArgs& a);
void addTextOptions(CLI::App* c, GenArgs& a);
// --strength (editing: start from the noised input).
void addEditOptions(CLI::App* c, GenArgs& a);

// The model of --run, else the shipped model for `use`.
std::shared_ptr<ModelBundle> loadBundle(const GenArgs& a, ModelUse use = ModelUse::Chat);
// The options of the command line over the defaults of the use: an edit samples with
// editImageOptions() (DDPM, 100 steps), everything else with ImageOptions' (dpmpp-2m, 20 steps).
GenerateOptions generateOptions(const GenArgs& a, ModelUse use = ModelUse::Chat);

// Prints denoising progress and streamed text; Ctrl-C once = stop after the current image.
class CliGenerationObserver : public GenerationObserver {
 public:
  explicit CliGenerationObserver(bool streamText) : streamText_(streamText), line_(1000000) {}
  void onToken(const TokenEvent& e) override;
  void onStep(const DenoiseStepEvent& e) override;
  void onImage(const ImageDoneEvent& e) override;

 private:
  bool streamText_;
  ProgressLine line_;
};

// Ctrl-C → cancel: first press stops after the current image, a second stops now.
class CancelOnInterrupt {
 public:
  explicit CancelOnInterrupt(CancelToken& token);
  ~CancelOnInterrupt();
};

}  // namespace tfs::cli
