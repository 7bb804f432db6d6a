#pragma once

#include <torch/torch.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/precision.h"
#include "core/generate/latent_preview.h"
#include "core/model/mixed_sequence.h"
#include "core/model/model_config.h"
#include "core/model/transfusion_model.h"
#include "core/model/vae.h"
#include "core/text/tokenizer.h"

namespace tfs {

struct LoadOptions {
  std::string device = "auto";    // cpu | cuda | cuda:N | auto
  std::string dtype = "float32";  // float32 | bfloat16 | float16 (half types only on CUDA)
  std::string weights;            // a .safetensors to use instead of the run's latest checkpoint
  // Compute precision of the forward passes: fp32 | bf16 (autocast; the weights stay fp32) | auto
  // (bf16 where the device has native bf16). fp32 by default so that a PNG's parameters give the
  // same pixels on every machine; the precision used is written into them when it is not fp32.
  std::string precision = "fp32";
};

// Everything inference needs from a run: config, tokenizer, model weights (EMA when present), VAE.
class ModelBundle {
 public:
  // Loads runDir (the layout of core/train/run_dir.h). Missing or corrupt pieces →
  // CheckpointError/ConfigError/IoError naming the file and what to do.
  static std::shared_ptr<ModelBundle> load(const std::string& runDir, const LoadOptions& opts = {});
  // A randomly initialised model (benchmarks, tests); no tokenizer unless one is given.
  static std::shared_ptr<ModelBundle> random(const ModelConfig& cfg, uint64_t seed,
                                             torch::Device device = torch::kCPU,
                                             torch::Dtype dtype = torch::kFloat32,
                                             std::optional<Tokenizer> tokenizer = std::nullopt);

  // Inference over modules that already exist (a training run's EMA model, for its samples). The
  // modules are shared, not copied; vae may be null for pixel-space models.
  static std::shared_ptr<ModelBundle> fromModules(const ModelConfig& cfg, TransfusionModel model,
                                                  std::optional<Tokenizer> tokenizer, VAE vae,
                                                  const std::string& runDir = "");
  const ModelConfig& config() const { return config_; }
  TransfusionModel& model() { return model_; }
  const std::optional<Tokenizer>& tokenizer() const { return tokenizer_; }
  const SpecialTokens& special() const { return special_; }
  torch::Device device() const { return device_; }
  torch::Dtype dtype() const { return dtype_; }
  Precision precision() const { return precision_; }
  void setPrecision(Precision p) { precision_ = p; }
  const std::string& runDir() const { return runDir_; }
  const std::string& weightsPath() const { return weightsPath_; }
  std::string modelName() const { return config_.name.empty() ? "model" : config_.name; }
  // ᾱ_t of the model's schedule, t = 0 … T−1.
  std::vector<double> alphaBar() const;

  // Checks and fits a user image [C, H, W] in [-1, 1] to the model: grey ↔ RGB converted,
  // non-square centre-cropped, other sizes resized. DataError when it is not an image tensor.
  torch::Tensor prepareImage(const torch::Tensor& image, const std::string& what = "image") const;
  torch::Tensor loadImageFile(const std::string& path) const;
  // images [N, Cimg, H, W] in [-1, 1] ↔ latents [N, Clat, h, w] (identity in pixel space).
  torch::Tensor imagesToLatents(const torch::Tensor& images);
  torch::Tensor latentsToImages(const torch::Tensor& latents);
  const LatentPreview& preview();

  std::string decode(const std::vector<int64_t>& ids) const;
  std::vector<int64_t> encode(const std::string& text) const;
  std::string piece(int64_t id) const;

 private:
  ModelBundle(const ModelConfig& cfg, torch::Device device, torch::Dtype dtype,
              bool allocate = true);

  ModelConfig config_;
  TransfusionModel model_{nullptr};
  VAE vae_{nullptr};
  std::optional<Tokenizer> tokenizer_;
  SpecialTokens special_;
  torch::Device device_;
  torch::Dtype dtype_;
  Precision precision_ = Precision::Fp32;
  std::string runDir_, weightsPath_;
  LatentPreview preview_;
};

torch::Dtype parseDtype(const std::string& name);  // UsageError on anything else

// The weights file inference uses in runDir: checkpoints/latest (else the newest folder with a
// DONE marker), its ema.safetensors, else model.safetensors. CheckpointError when there is none.
std::string findInferenceWeights(const std::string& runDir);

// True when the run in runDir was trained to edit: an editing fine-tune (its config.json names
// the "base" run) or a training run with editing triplets mixed in (train.editProb > 0). True
// also when config.json cannot be read (unknown: no warning).
bool runTrainedForEditing(const std::string& runDir);

// What a shipped model is looked up for: drawing, captioning and chat (Fashion-MNIST), or
// instruction editing (the shapes world, where an edit can be checked exactly).
enum class ModelUse { Chat, Edit };
// The shipped models for a use, the default first: for Chat the chat model, then the demo; for
// Edit the editing model.
const std::vector<std::string>& shippedModelNames(ModelUse use = ModelUse::Chat);
// The run folder of a model shipped with Transfusion Studio (resources/models/NAME in the source
// tree, or share/transfusion/models/NAME when installed; $TFS_MODELS_DIR first). "" when absent.
// With no name: the first of shippedModelNames() that is there.
std::string shippedModelDir(const std::string& name = "");
// The first of shippedModelNames(use) that is there; "" when none is.
std::string shippedModelFor(ModelUse use);
// The run a command uses when the user names none: the default shipped model for the use.
// UsageError when there is none, saying how to get one.
std::string defaultRunDir(const std::string& given, ModelUse use = ModelUse::Chat);

}  // namespace tfs
