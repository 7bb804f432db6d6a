#include "app/cli/generation_cli.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "core/generate/sampler.h"

namespace tfs::cli {

void addModelOptions(CLI::App* c, GenArgs& a) {
  c->add_option("--run", a.run, "Trained run folder (default: the shipped demo model)");
  c->add_option("--weights", a.weights,
                "A .safetensors to use instead of the run's latest checkpoint");
  c->add_option("--device", a.device, "auto | cpu | cuda | cuda:N")->capture_default_str();
  c->add_option("--dtype", a.dtype, "float32 | bfloat16 | float16 (half types on CUDA)")
      ->capture_default_str();
  c->add_option("--precision", a.precision,
                "fp32 | bf16 | auto: bf16 runs the matmuls under autocast (faster on a CPU with "
                "AVX512-BF16/AMX; the pixels differ slightly from fp32's), auto = bf16 where "
                "the device has it")
      ->check(CLI::IsMember({"fp32", "bf16", "auto"}))
      ->capture_default_str();
  c->add_option("--seed", a.seed, "Seed: the same request and seed give the same pixels")
      ->capture_default_str();
  c->add_flag("--no-cache", a.noCache,
              "Recompute the whole prefix at every step (slow; for comparison)");
  c->add_flag("--quiet", a.quiet, "No per-step progress");
}

void addImageOptions(CLI::App* c, GenArgs& a) {
  c->add_option("--sampler", a.sampler,
                "ddpm | ddim | dpmpp-2m (default: dpmpp-2m; ddpm for edits, which keeps the "
                "unedited part where the deterministic samplers lose it)")
      ->check(CLI::IsMember({"ddpm", "ddim", "dpmpp-2m", "dpmpp"}));
  c->add_option("--steps", a.steps,
                "Denoising steps (default: 20; 100 for edits. Paper: 250 with ddpm; 20 with "
                "dpmpp-2m)")
      ->check(CLI::Range(int64_t(1), int64_t(100000)));
  c->add_option("--cfg", a.cfg, "Classifier-free guidance scale (1 = off; paper: 3 or 5)")
      ->capture_default_str();
  c->add_option("--negative", a.negative,
                "Unconditional prompt for CFG (default: the caption-dropped one)");
  c->add_option("--eta", a.eta, "DDIM eta: 0 deterministic … 1 DDPM-like")->capture_default_str();
}

void addEditOptions(CLI::App* c, GenArgs& a) {
  c->add_option("--strength", a.strength,
                "Share of the denoising steps run, from the input image noised to the first of "
                "them (SDEdit; 1 = from pure noise)")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1.0));
}

void addTextOptions(CLI::App* c, GenArgs& a) {
  c->add_option("--temperature", a.temperature, "0 = greedy (the paper)")->capture_default_str();
  c->add_option("--top-k", a.topK, "Keep the k most likely tokens (0 = off)")
      ->capture_default_str();
  c->add_option("--top-p", a.topP, "Nucleus sampling mass (1 = off)")->capture_default_str();
  c->add_option("--max-tokens", a.maxTokens, "Text tokens per reply")->capture_default_str();
}

std::shared_ptr<ModelBundle> loadBundle(const GenArgs& a, ModelUse use) {
  LoadOptions lo;
  lo.device = a.device;
  lo.dtype = a.dtype;
  lo.weights = a.weights;
  lo.precision = a.precision;
  return ModelBundle::load(defaultRunDir(a.run, use), lo);
}

GenerateOptions generateOptions(const GenArgs& a, ModelUse use) {
  GenerateOptions o;
  if (use == ModelUse::Edit) o.image = editImageOptions();
  o.seed = a.seed;
  o.useKvCache = !a.noCache;
  if (!a.sampler.empty()) o.image.sampler = a.sampler == "dpmpp" ? "dpmpp-2m" : a.sampler;
  if (a.steps > 0) o.image.steps = a.steps;
  o.image.cfgScale = a.cfg;
  o.image.eta = a.eta;
  o.image.negativePrompt = a.negative;
  o.image.editStrength = a.strength;
  o.image.previewEvery = 0;
  o.text.temperature = a.temperature;
  o.text.topK = a.topK;
  o.text.topP = a.topP;
  o.text.maxTokens = a.maxTokens;
  return o;
}

void CliGenerationObserver::onToken(const TokenEvent& e) {
  if (!streamText_) return;
  std::cout << e.piece << std::flush;
}

void CliGenerationObserver::onStep(const DenoiseStepEvent& e) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "image %lld  step %lld/%lld  t=%lld  %.0f ms/step",
                static_cast<long long>(e.image + 1), static_cast<long long>(e.step + 1),
                static_cast<long long>(e.steps), static_cast<long long>(e.t), e.seconds * 1000);
  line_.update(e.step + 1, e.steps, buf, e.step + 1 == e.steps);
}

void CliGenerationObserver::onImage(const ImageDoneEvent& e) {
  line_.finish();
  if (e.skipped) std::cerr << "image " << e.image + 1 << " skipped\n";
}

namespace {
std::atomic<CancelToken*> gToken{nullptr};
volatile std::sig_atomic_t gPresses = 0;
extern "C" void onInterrupt(int) {
  auto* t = gToken.load();
  if (!t) return;
  if (gPresses++ == 0)
    t->stopAfterImage();
  else
    t->stopNow();
}
}  // namespace

CancelOnInterrupt::CancelOnInterrupt(CancelToken& token) {
  gToken = &token;
  gPresses = 0;
  std::signal(SIGINT, onInterrupt);
}

CancelOnInterrupt::~CancelOnInterrupt() {
  std::signal(SIGINT, SIG_DFL);
  gToken = nullptr;
}

}  // namespace tfs::cli
