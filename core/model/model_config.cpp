#include "core/model/model_config.h"

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "core/base/config_fields.h"
#include "core/base/error.h"

namespace tfs {

namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

[[noreturn]] void fail(const std::string& field, const std::string& why, const std::string& fix) {
  throw ConfigError("model config: " + field + " " + why + "; " + fix);
}

void requireRange(const std::string& field, int64_t v, int64_t lo, int64_t hi) {
  if (v < lo || v > hi)
    fail(field, "is " + std::to_string(v),
         "use a value in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
}

bool isPow2In(int64_t v, std::initializer_list<int64_t> allowed) {
  for (auto a : allowed)
    if (v == a) return true;
  return false;
}

// One entry per JSON key (core/base/config_fields.h), ordered so toJson() reads like the struct.
const ConfigFields<ModelConfig>& fields() {
  using F = ConfigFields<ModelConfig>;
  static const F f("model config",
                   {
                       {"name", F::string(&ModelConfig::name)},
                       {"vocabSize", F::integer(&ModelConfig::vocabSize)},
                       {"dModel", F::integer(&ModelConfig::dModel)},
                       {"nLayers", F::integer(&ModelConfig::nLayers)},
                       {"nHeads", F::integer(&ModelConfig::nHeads)},
                       {"ffnHidden", F::integer(&ModelConfig::ffnHidden)},
                       {"maxSeqLen", F::integer(&ModelConfig::maxSeqLen)},
                       {"ropeTheta", F::number(&ModelConfig::ropeTheta)},
                       {"qkNorm", F::boolean(&ModelConfig::qkNorm)},
                       {"imageSize", F::integer(&ModelConfig::imageSize)},
                       {"imageChannels", F::integer(&ModelConfig::imageChannels)},
                       {"vaeFactor", F::integer(&ModelConfig::vaeFactor)},
                       {"latentChannels", F::integer(&ModelConfig::latentChannels)},
                       {"latentScale", F::number(&ModelConfig::latentScale)},
                       {"vaeChannels", F::integers(&ModelConfig::vaeChannels)},
                       {"patchSize", F::integer(&ModelConfig::patchSize)},
                       {"patchEncoder", F::string(&ModelConfig::patchEncoder)},
                       {"unetChannels", F::integers(&ModelConfig::unetChannels)},
                       {"unetSkips", F::boolean(&ModelConfig::unetSkips)},
                       {"diffusionSteps", F::integer(&ModelConfig::diffusionSteps)},
                       {"lambda", F::number(&ModelConfig::lambda)},
                       {"captionDropout", F::number(&ModelConfig::captionDropout)},
                       {"noiseLimit", F::integer(&ModelConfig::noiseLimit)},
                       {"minSnrGamma", F::number(&ModelConfig::minSnrGamma)},
                       {"patchPositions", F::string(&ModelConfig::patchPositions)},
                       {"bidirectionalImages", F::boolean(&ModelConfig::bidirectionalImages)},
                   });
  return f;
}

ModelConfig paper(const std::string& name, int64_t layers, int64_t d, int64_t heads, bool unet) {
  ModelConfig c;
  c.name = name;
  c.nLayers = layers;
  c.dModel = d;
  c.nHeads = heads;
  c.patchEncoder = unet ? "unet" : "linear";
  return c;
}

std::map<std::string, ModelConfig> buildPresets() {
  std::map<std::string, ModelConfig> p;
  struct Size {
    const char* tag;
    int64_t layers, d, heads;
  };
  // Table 2 of the paper.
  const Size sizes[] = {{"0.16b", 16, 768, 12},
                        {"0.37b", 24, 1024, 16},
                        {"0.76b", 24, 1536, 24},
                        {"1.4b", 24, 2048, 16},
                        {"7b", 32, 4096, 32}};
  for (const auto& s : sizes) {
    std::string base = std::string("paper-") + s.tag;
    p[base] = paper(base, s.layers, s.d, s.heads, false);
    p[base + "-unet"] = paper(base + "-unet", s.layers, s.d, s.heads, true);
  }
  // Fashion-MNIST in pixel space (the paper's early experiments used raw pixels): 14×14 = 196
  // patches of 2×2×1, so a caption + image row fits in 256 positions; ~2.2M parameters.
  ModelConfig f;
  f.name = "fmnist-small";
  f.vocabSize = 512;  // a BPE tokenizer of this size is trained on the run's captions and corpus
  f.dModel = 192;
  f.nLayers = 4;
  f.nHeads = 6;
  f.maxSeqLen = 256;
  f.imageSize = 28;
  f.imageChannels = 1;
  f.vaeFactor = 1;
  f.latentChannels = 1;
  f.vaeChannels = {};
  f.patchSize = 2;
  p[f.name] = f;
  // The shipped demo: Fashion-MNIST with 4×4 patches (7×7 = 49 per image), so two caption + image
  // documents fit a 128-position row and a CPU trains it in under an hour; ~3.4M parameters.
  ModelConfig demo = f;
  demo.name = "fmnist-demo";
  demo.dModel = 256;
  demo.nLayers = 4;
  demo.nHeads = 8;
  demo.maxSeqLen = 128;
  demo.patchSize = 4;
  p[demo.name] = demo;
  // The chat model: the demo's architecture (so it can start from the demo's weights: RoPE has no
  // learned positions) with a 512-position context, room for 10 images of 51 positions.
  ModelConfig chat = demo;
  chat.name = "fmnist-chat";
  chat.maxSeqLen = 512;
  p[chat.name] = chat;
  // Shapes 64×64 RGB through a ×4 VAE with 8 channels: 16×16×8 latents, 8×8 = 64 patches.
  ModelConfig s;
  s.name = "shapes-small";
  s.vocabSize = 512;
  s.dModel = 256;
  s.nLayers = 6;
  s.nHeads = 8;
  s.maxSeqLen = 256;
  s.imageSize = 64;
  s.imageChannels = 3;
  s.vaeFactor = 4;
  s.latentChannels = 8;
  s.vaeChannels = {32, 64, 128};
  s.patchSize = 2;
  p[s.name] = s;
  // Shapes in pixel space at 32×32 (no VAE to train first): 8×8 = 64 patches of 4×4×3, so an
  // editing document (two images and an instruction, ~150 positions) fits a 256-position row and a
  // CPU trains it in under an hour; ~3.4M transformer parameters. Linear patches: they draw
  // ragged blocks, but in the prompt's colours (two prompts, same seed: 30 % RMSE apart). U-Net
  // patches drew clean shapes that ignored the prompt, with skips (3 % RMSE) and without (5 %):
  // at 32×32 the codec's convolutions see the whole image and it learns an unconditional prior.
  ModelConfig sd = demo;
  sd.name = "shapes-demo";
  sd.vocabSize = 320;  // shapes captions only; byte fallback alone takes 256 + the special pieces
  sd.maxSeqLen = 256;
  sd.imageSize = 32;
  sd.imageChannels = 3;
  sd.latentChannels = 3;
  sd.patchSize = 4;
  sd.patchEncoder = "linear";
  p[sd.name] = sd;
  // The shipped editing model: shapes-demo's pixel space and patches, trained from scratch on
  // shapes-edit triplets and shapes captions (train preset shapes-edit); its vocabulary has room
  // for the instructions' words.
  // Min-SNR-5 loss weights, and 2-D patch positions so that an output patch finds the input patch
  // it copies (without them, after 3600 steps, edits smeared copies of the input's shapes along
  // the rows: 0 / 12 right, PSNR of the unedited part 21 dB).
  ModelConfig se = sd;
  se.name = "shapes-edit";
  se.vocabSize = 384;
  se.minSnrGamma = 5.0;
  se.patchPositions = "sincos2d";
  p[se.name] = se;
  // For unit tests: 8×8 RGB pixels, 16 patches of 2×2×3, a few thousand parameters per layer.
  ModelConfig t;
  t.name = "tiny-test";
  t.vocabSize = 300;  // the smallest tokenizer with byte fallback a test run can train
  t.dModel = 32;
  t.nLayers = 2;
  t.nHeads = 4;
  t.ffnHidden = 64;
  t.maxSeqLen = 64;
  t.imageSize = 8;
  t.imageChannels = 3;
  t.vaeFactor = 1;
  t.latentChannels = 3;
  t.vaeChannels = {};
  t.patchSize = 2;
  p[t.name] = t;
  return p;
}

const std::map<std::string, ModelConfig>& presets() {
  static const auto p = buildPresets();
  return p;
}

}  // namespace

int64_t ModelConfig::ffnHiddenSize() const {
  if (ffnHidden > 0) return ffnHidden;
  const int64_t raw = (2 * 4 * dModel) / 3;
  return (raw + 255) / 256 * 256;
}

void ModelConfig::validate() const {
  requireRange("vocabSize", vocabSize, 6, int64_t(1) << 24);  // 6 = pad, unk, bos, eos, boi, eoi
  requireRange("dModel", dModel, 1, 65536);
  requireRange("nLayers", nLayers, 1, 1024);
  requireRange("nHeads", nHeads, 1, 1024);
  if (dModel % nHeads != 0)
    fail("dModel",
         "(" + std::to_string(dModel) + ") is not divisible by nHeads (" + std::to_string(nHeads) +
             ")",
         "choose nHeads dividing dModel");
  if (headDim() % 2 != 0)
    fail("dModel / nHeads", "is odd (" + std::to_string(headDim()) + ")",
         "RoPE needs an even head size");
  requireRange("ffnHidden", ffnHidden, 0, 1 << 20);
  requireRange("maxSeqLen", maxSeqLen, 2, 1 << 24);
  if (!(ropeTheta > 0)) fail("ropeTheta", "must be positive", "use 10000");
  requireRange("imageSize", imageSize, 1, 8192);
  requireRange("imageChannels", imageChannels, 1, 4);
  if (!isPow2In(vaeFactor, {1, 4, 8}))
    fail("vaeFactor", "is " + std::to_string(vaeFactor), "use 1 (pixel space), 4 or 8");
  requireRange("latentChannels", latentChannels, 1, 64);
  if (vaeFactor == 1 && latentChannels != imageChannels)
    fail("latentChannels",
         "(" + std::to_string(latentChannels) + ") differs from imageChannels (" +
             std::to_string(imageChannels) + ") in pixel space (vaeFactor 1)",
         "set latentChannels = imageChannels");
  if (!(latentScale > 0)) fail("latentScale", "must be positive", "use 1.0 or the VAE's scale");
  if (vaeFactor > 1 && vaeChannels.empty())
    fail("vaeChannels", "is empty but vaeFactor > 1", "list the VAE widths, e.g. [64, 128, 256]");
  for (auto c : vaeChannels) requireRange("vaeChannels entry", c, 1, 4096);
  if (!isPow2In(patchSize, {1, 2, 4, 8}))
    fail("patchSize", "is " + std::to_string(patchSize), "use 1, 2, 4 or 8");
  if (imageSize % (vaeFactor * patchSize) != 0)
    fail("imageSize",
         "(" + std::to_string(imageSize) + ") is not divisible by vaeFactor × patchSize (" +
             std::to_string(vaeFactor) + " × " + std::to_string(patchSize) + ")",
         "pick an image size that is a multiple of " + std::to_string(vaeFactor * patchSize));
  if (patchEncoder != "linear" && patchEncoder != "unet")
    fail("patchEncoder", "is '" + patchEncoder + "'", "use \"linear\" or \"unet\"");
  for (auto c : unetChannels) requireRange("unetChannels entry", c, 1, 8192);
  requireRange("diffusionSteps", diffusionSteps, 2, 100000);
  if (!(lambda >= 0)) fail("lambda", "must be >= 0", "use 5 (the paper)");
  if (!(captionDropout >= 0 && captionDropout <= 1))
    fail("captionDropout", "must be in [0, 1]", "use 0.1");
  requireRange("noiseLimit", noiseLimit, 0, diffusionSteps - 1);
  if (patchPositions != "none" && patchPositions != "sincos2d")
    fail("patchPositions", "is '" + patchPositions + "'", "use \"none\" or \"sincos2d\"");
  if (!(minSnrGamma >= 0 && minSnrGamma <= 1e6))
    fail("minSnrGamma", "must be in [0, 1e6]", "use 0 (off) or 5 (Min-SNR-5)");
  if (patchesPerImage() + 4 > maxSeqLen)
    fail("maxSeqLen",
         "(" + std::to_string(maxSeqLen) + ") cannot hold one image of " +
             std::to_string(patchesPerImage()) + " patches plus BOS/BOI/EOI/EOS",
         "raise maxSeqLen or the patch size");
}

nlohmann::json ModelConfig::toJson() const {
  return fields().write(*this);
}

ModelConfig ModelConfig::fromJson(const nlohmann::json& j) {
  return fromJson(j, ModelConfig());
}

ModelConfig ModelConfig::fromJson(const nlohmann::json& j, const ModelConfig& base) {
  ModelConfig c = base;
  fields().read(c, j);
  c.validate();
  return c;
}

ModelConfig modelConfigForNewRun(const nlohmann::json& j, std::string* basedOn) {
  if (j.is_object() && j.contains("name") && j["name"].is_string() &&
      presets().count(j["name"].get<std::string>())) {
    const std::string name = j["name"].get<std::string>();
    if (basedOn) *basedOn = name;
    return ModelConfig::fromJson(j, preset(name));
  }
  if (basedOn) basedOn->clear();
  std::vector<std::string> missing;
  if (j.is_object())
    for (const char* k : {"dModel", "nLayers", "nHeads", "imageSize", "patchSize"})
      if (!j.contains(k)) missing.push_back(k);
  if (!missing.empty())
    throw ConfigError("model config: " + joined(missing) +
                      " missing; give them, or set \"name\" to a preset to start from (" +
                      joined(presetNames()) + ")");
  return ModelConfig::fromJson(j);
}

std::vector<std::string> presetNames() {
  std::vector<std::string> names;
  for (const auto& [k, v] : presets()) names.push_back(k);
  return names;
}

ModelConfig preset(const std::string& name) {
  auto it = presets().find(name);
  if (it == presets().end())
    throw ConfigError("unknown model preset '" + name + "'; available: " + joined(presetNames()));
  return it->second;
}

ModelConfig loadModelConfig(const std::string& path) {
  nlohmann::json j = readConfigFile(path, "model config");
  if (j.is_object() && j.contains("model") && j["model"].is_object()) j = j["model"];
  try {
    return ModelConfig::fromJson(j);
  } catch (const ConfigError& e) {
    throw ConfigError(path + ": " + e.what());
  }
}

}  // namespace tfs
