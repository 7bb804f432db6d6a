#include "core/generate/generation_request.h"

#include <algorithm>

#include "core/base/error.h"
#include "core/generate/cfg.h"
#include "core/generate/sampler.h"

namespace tfs {

ImageOptions editImageOptions() {
  ImageOptions o;
  o.sampler = "ddpm";
  o.steps = 100;
  return o;
}

void ImageOptions::validate(int64_t trainSteps) const {
  auto names = samplerNames();
  if (std::find(names.begin(), names.end(), sampler) == names.end() && sampler != "dpmpp")
    throw UsageError("unknown sampler '" + sampler + "': use ddpm, ddim or dpmpp-2m");
  if (steps < 1)
    throw UsageError("steps must be at least 1 (got " + std::to_string(steps) +
                     "); typical: 20 for dpmpp-2m, 50 for ddim, 250 for ddpm");
  if (steps >= trainSteps)
    throw UsageError("steps must be below the model's " + std::to_string(trainSteps) +
                     " training steps (got " + std::to_string(steps) + ")");
  validateGuidanceScale(cfgScale);
  if (!(eta >= 0.0 && eta <= 1.0)) throw UsageError("eta must lie in [0, 1]");
  if (previewEvery < 0) throw UsageError("preview interval must be >= 0 (0 = no previews)");
  if (decodeEvery < 0) throw UsageError("decode interval must be >= 0 (0 = never)");
  if (!(editStrength > 0.0 && editStrength <= 1.0))
    throw UsageError("edit strength must lie in (0, 1] (1 = from pure noise; got " +
                     std::to_string(editStrength) + ")");
}

std::string finishReasonName(FinishReason r) {
  switch (r) {
    case FinishReason::Eos:
      return "eos";
    case FinishReason::MaxTokens:
      return "max-tokens";
    case FinishReason::StopString:
      return "stop-string";
    case FinishReason::ImageDone:
      return "image-done";
    case FinishReason::Cancelled:
      return "cancelled";
    case FinishReason::Length:
      return "context-full";
  }
  return "?";
}

}  // namespace tfs

namespace tfs {

double highFrequencyRatio(const torch::Tensor& image) {
  torch::NoGradGuard ng;
  auto x = image.to(torch::kCPU, torch::kFloat32);
  if (x.dim() == 2) x = x.unsqueeze(0);
  if (x.dim() != 3 || x.size(1) < 3 || x.size(2) < 3) return 0.0;
  const double var = x.var().item<double>();
  if (var < 1e-8) return 0.0;  // a flat image is not noise
  auto blurred = torch::avg_pool2d(x.unsqueeze(0), 3, 1, 1, false, false).squeeze(0);
  return (x - blurred).pow(2).mean().item<double>() / var;
}

}  // namespace tfs
