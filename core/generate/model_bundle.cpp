#include "core/generate/model_bundle.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/base/resources.h"
#include "core/base/run_layout.h"
#include "core/base/runtime.h"
#include "core/data/image_io.h"
#include "core/model/weights_io.h"

namespace tfs {

namespace fs = std::filesystem;

torch::Dtype parseDtype(const std::string& name) {
  if (name == "float32" || name == "fp32") return torch::kFloat32;
  if (name == "bfloat16" || name == "bf16") return torch::kBFloat16;
  if (name == "float16" || name == "fp16") return torch::kFloat16;
  throw UsageError("unknown dtype '" + name + "': use float32, bfloat16 or float16");
}

std::string findInferenceWeights(const std::string& runDir) {
  std::vector<std::string> damaged;
  const std::string chosen = runInferenceWeights(runDir, &damaged);
  for (const auto& d : damaged) spdlog::warn("skipping damaged checkpoint {}", d);
  if (chosen.empty()) {
    if (!damaged.empty())
      throw CheckpointError("run " + runDir + " has no intact checkpoint (" + damaged.front() +
                                "); resume its training to write a new one, or name a weights "
                                "file",
                            "weights");
    throw CheckpointError("run " + runDir +
                              " has no complete checkpoint (checkpoints/step-*/DONE): "
                              "train it first, or name a weights file",
                          "weights");
  }
  return chosen;
}

bool runTrainedForEditing(const std::string& runDir) {
  std::ifstream in(fs::path(runDir) / "config.json");
  if (!in) return true;
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return true;
  if (j.contains("base")) return true;
  const auto train = j.value("train", nlohmann::json::object());
  return train.is_object() && train.value("editProb", 0.0) > 0.0;
}

const std::vector<std::string>& shippedModelNames(ModelUse use) {
  static const std::vector<std::string> chat = {"fmnist-chat", "fmnist-demo"};
  static const std::vector<std::string> edit = {"shapes-edit"};
  return use == ModelUse::Edit ? edit : chat;
}

std::string shippedModelFor(ModelUse use) {
  for (const auto& n : shippedModelNames(use)) {
    auto d = shippedModelDir(n);
    if (!d.empty()) return d;
  }
  return "";
}

std::string shippedModelDir(const std::string& name) {
  if (name.empty()) return shippedModelFor(ModelUse::Chat);
  const auto config = findShippedResource(name + "/config.json");
  return config.empty() ? std::string() : fs::path(config).parent_path().string();
}

std::string defaultRunDir(const std::string& given, ModelUse use) {
  if (!given.empty()) return given;
  auto d = shippedModelFor(use);
  if (d.empty()) {
    std::string names;
    for (const auto& n : shippedModelNames(use)) names += (names.empty() ? "" : " or ") + n;
    throw UsageError("no run folder named and no shipped model (resources/models/" + names +
                         ") is there: name the run folder of a trained model (runs/<name>)" +
                         (use == ModelUse::Edit ? " (scripts/make_edit_model.sh makes one)" : ""),
                     "runDir");
  }
  return d;
}

ModelBundle::ModelBundle(const ModelConfig& cfg, torch::Device device, torch::Dtype dtype,
                         bool allocate)
    : config_(cfg), device_(device), dtype_(dtype) {
  config_.validate();
  if (device.is_cpu() && dtype != torch::kFloat32 && dtype != torch::kBFloat16)
    throw UsageError("float16 is not supported on the CPU: use float32 or bfloat16");
  if (!allocate) return;
  model_ = TransfusionModel(config_);
  if (config_.vaeFactor > 1) {
    vae_ = VAE(config_);
  }
}

std::shared_ptr<ModelBundle> ModelBundle::random(const ModelConfig& cfg, uint64_t seed,
                                                 torch::Device device, torch::Dtype dtype,
                                                 std::optional<Tokenizer> tokenizer) {
  torch::manual_seed(seed);
  std::shared_ptr<ModelBundle> b(new ModelBundle(cfg, device, dtype));
  b->tokenizer_ = std::move(tokenizer);
  if (b->tokenizer_) {
    b->special_ = SpecialTokens{b->tokenizer_->pad(), b->tokenizer_->bos(), b->tokenizer_->eos(),
                                b->tokenizer_->boi(), b->tokenizer_->eoi()};
  }
  b->model_->to(device, dtype);
  b->model_->eval();
  if (b->vae_) {
    b->vae_->to(device, dtype);
    b->vae_->eval();
  }
  b->runDir_ = "(random)";
  return b;
}

std::shared_ptr<ModelBundle> ModelBundle::fromModules(const ModelConfig& cfg,
                                                      TransfusionModel model,
                                                      std::optional<Tokenizer> tokenizer, VAE vae,
                                                      const std::string& runDir) {
  if (!model) throw UsageError("ModelBundle::fromModules needs a model");
  auto p = model->parameters();
  const auto device = p.empty() ? torch::Device(torch::kCPU) : p.front().device();
  const auto dtype = p.empty() ? torch::kFloat32 : p.front().scalar_type();
  std::shared_ptr<ModelBundle> b(new ModelBundle(cfg, device, dtype, false));
  b->model_ = model;
  if (cfg.vaeFactor > 1 && !vae)
    throw ConfigError("model '" + cfg.name + "' works in a VAE latent space but no VAE was given");
  b->vae_ = vae;
  b->tokenizer_ = std::move(tokenizer);
  if (b->tokenizer_) {
    b->special_ = SpecialTokens{b->tokenizer_->pad(), b->tokenizer_->bos(), b->tokenizer_->eos(),
                                b->tokenizer_->boi(), b->tokenizer_->eoi()};
  }
  b->runDir_ = runDir.empty() ? "(in memory)" : runDir;
  return b;
}

std::shared_ptr<ModelBundle> ModelBundle::load(const std::string& runDir, const LoadOptions& opts) {
  if (!fs::is_directory(runDir))
    throw IoError("run folder " + runDir + " does not exist: name a trained run's folder",
                  "runDir");
  const auto configPath = (fs::path(runDir) / "config.json").string();
  if (!fs::exists(configPath))
    throw ConfigError(runDir + " has no config.json: it is not a run folder (train one first)");
  ModelConfig cfg = loadModelConfig(configPath);
  const auto tokPath = (fs::path(runDir) / "tokenizer.model").string();
  if (!fs::exists(tokPath))
    throw IoError(runDir + " has no tokenizer.model: the run is incomplete; re-run training");
  auto tok = Tokenizer::load(tokPath);
  if (tok.vocabSize() > cfg.vocabSize)
    throw ConfigError("the tokenizer has " + std::to_string(tok.vocabSize()) +
                      " ids but the model only " + std::to_string(cfg.vocabSize) +
                      ": tokenizer.model does not belong to this run");
  const auto weights = opts.weights.empty() ? findInferenceWeights(runDir) : opts.weights;
  torch::Device device = parseDevice(opts.device);
  std::shared_ptr<ModelBundle> b(new ModelBundle(cfg, device, parseDtype(opts.dtype)));
  b->tokenizer_ = tok;
  b->special_ = SpecialTokens{tok.pad(), tok.bos(), tok.eos(), tok.boi(), tok.eoi()};
  // The weights record the config they were trained with: a config.json edited since (imageSize,
  // diffusionSteps, …: fields that change no tensor shape) would load and generate nonsense.
  {
    const auto meta = readWeightsMeta(weights);
    if (meta.contains("config") && meta["config"].is_object()) {
      const auto mine = cfg.toJson();
      std::string diffs;
      for (const auto& [k, v] : meta["config"].items()) {
        if (k == "name" || !mine.contains(k) || mine[k] == v) continue;
        diffs += (diffs.empty() ? "" : ", ") + k + " " + mine[k].dump() + " vs " + v.dump();
      }
      if (!diffs.empty()) {
        const std::string msg = "run " + runDir + ": config.json and the weights " + weights +
                                " disagree (config.json vs weights: " + diffs + ")";
        if (opts.weights.empty())
          throw ConfigError(
              msg +
                  "; config.json was edited or the checkpoint belongs to another run: "
                  "restore config.json, or name the weights file on purpose",
              "weights");
        spdlog::warn("{}; using them as asked (weights named on purpose)", msg);
      }
    }
  }
  loadWeights(*b->model_, weights);
  if (b->vae_) {
    const auto vaePath = (fs::path(runDir) / "vae.safetensors").string();
    if (!fs::exists(vaePath))
      throw IoError(runDir +
                    " has no vae.safetensors but the model works in a VAE latent space: "
                    "train the VAE stage or copy it in");
    loadWeights(*b->vae_, vaePath);
    b->vae_->to(device, b->dtype_);
    b->vae_->eval();
  }
  b->model_->to(device, b->dtype_);
  b->model_->eval();
  b->runDir_ = runDir;
  b->weightsPath_ = weights;
  b->precision_ = resolvePrecision(opts.precision, device);
  spdlog::info("loaded {} ({}) from {} on {}{}", b->modelName(), weights, runDir, device.str(),
               b->precision_ == Precision::Bf16 ? ", bf16 autocast" : "");
  return b;
}

std::vector<double> ModelBundle::alphaBar() const {
  auto a = model_->schedule().alphaBar().to(torch::kCPU, torch::kFloat64).contiguous();
  return std::vector<double>(a.data_ptr<double>(), a.data_ptr<double>() + a.numel());
}

torch::Tensor ModelBundle::prepareImage(const torch::Tensor& image, const std::string& what) const {
  if (!image.defined() || image.dim() != 3 || image.numel() == 0)
    throw DataError(what + " is not an image: expected a [C, H, W] tensor");
  auto img = image.to(torch::kCPU, torch::kFloat32);
  const int64_t c = img.size(0), want = config_.imageChannels;
  if (c == 4) img = img.narrow(0, 0, 3);  // alpha dropped
  if (img.size(0) != want) {
    if (img.size(0) == 1 && want == 3) {
      img = img.expand({3, -1, -1}).contiguous();
    } else if (img.size(0) == 3 && want == 1) {
      img = (0.299 * img[0] + 0.587 * img[1] + 0.114 * img[2]).unsqueeze(0);
    } else {
      throw DataError(what + " has " + std::to_string(c) + " channels; the model takes " +
                      std::to_string(want));
    }
  }
  if (img.size(1) != config_.imageSize || img.size(2) != config_.imageSize) {
    spdlog::info("{} is {}x{}: centre-cropped and resized to the model's {}x{}", what, img.size(2),
                 img.size(1), config_.imageSize, config_.imageSize);
    img = centreCropResize(img, config_.imageSize);
  }
  return img;
}

torch::Tensor ModelBundle::loadImageFile(const std::string& path) const {
  return prepareImage(decodeImageFile(path, config_.imageChannels), path);
}

torch::Tensor ModelBundle::imagesToLatents(const torch::Tensor& images) {
  torch::NoGradGuard ng;
  auto x = images.to(device_, torch::kFloat32);
  if (vae_) return vae_->encode(x.to(dtype_)).to(torch::kFloat32);
  return x * config_.latentScale;
}

torch::Tensor ModelBundle::latentsToImages(const torch::Tensor& latents) {
  torch::NoGradGuard ng;
  if (vae_) return vae_->decode(latents.to(device_, dtype_)).to(torch::kFloat32);
  return latents.to(device_, torch::kFloat32) / config_.latentScale;
}

const LatentPreview& ModelBundle::preview() {
  if (preview_.valid()) return preview_;
  if (config_.vaeFactor <= 1) {
    preview_ = LatentPreview(
        LatentPreview::identity(config_.latentChannels).weight() / config_.latentScale,
        torch::zeros({3}));
  } else {
    preview_ = LatentPreview::fit([this](const torch::Tensor& z) { return latentsToImages(z); },
                                  config_.latentChannels, config_.vaeFactor, config_.latentSize());
  }
  return preview_;
}

std::string ModelBundle::decode(const std::vector<int64_t>& ids) const {
  if (tokenizer_) return tokenizer_->decode(ids);
  std::string s;
  for (auto id : ids) s += piece(id);
  return s;
}

std::vector<int64_t> ModelBundle::encode(const std::string& text) const {
  if (!tokenizer_) throw UsageError("this model has no tokenizer: text prompts need a trained run");
  return tokenizer_->encode(text);
}

std::string ModelBundle::piece(int64_t id) const {
  if (tokenizer_) return tokenizer_->decode({id});
  return "<" + std::to_string(id) + ">";
}

}  // namespace tfs
