#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tfs {

// The architecture of one Transfusion model (transformer, patch codec, VAE shape, diffusion).
// Missing JSON keys keep these defaults; the defaults are the paper's 0.16B model.
struct ModelConfig {
  std::string name;
  int64_t vocabSize = 32000;
  int64_t dModel = 768, nLayers = 16, nHeads = 12;
  int64_t ffnHidden = 0;  // 0 = Llama rule, see ffnHiddenSize()
  int64_t maxSeqLen = 4096;
  double ropeTheta = 10000.0;
  bool qkNorm = false;
  int64_t imageSize = 256, imageChannels = 3;
  int64_t vaeFactor = 8;       // 1 = pixel space (no VAE, latent = image); 4 or 8
  int64_t latentChannels = 8;  // must equal imageChannels when vaeFactor == 1
  double latentScale = 1.0;    // latent = z * latentScale
  std::vector<int64_t> vaeChannels = {64, 128, 256};
  int64_t patchSize = 2;
  std::string patchEncoder = "linear";     // "linear" | "unet"
  std::vector<int64_t> unetChannels = {};  // U-Net widths (empty = default for size)
  // Skip connections from the U-Net's down blocks to its up blocks. With them the codec sees the
  // noisy image around the transformer; off, everything the up blocks get has passed through it.
  // (At 32×32 a U-Net codec ignored the prompt either way: see docs/ARCHITECTURE.md.)
  bool unetSkips = true;
  // Where a patch sits in its image, added to every patch vector (clean and noisy images alike):
  // "none" (the paper: RoPE's 1-D positions only) or "sincos2d" (fixed 2-D sine–cosine
  // embeddings of the patch's row and column, half the width each, as in MAE/DiT; no parameters).
  // With it an edit's output patch finds the input patch it copies by the same embedding instead
  // of a RoPE offset the model must resolve to one patch.
  std::string patchPositions = "none";
  int64_t diffusionSteps = 1000;
  double lambda = 5.0;
  double captionDropout = 0.1;
  int64_t noiseLimit = 500;
  // Diffusion loss weight per image: min(SNR_t, γ)/SNR_t with SNR_t = ᾱ_t/(1-ᾱ_t) (Min-SNR-γ,
  // Hang et al. 2023). It stops the nearly clean steps, which an ε loss weighs as much as the
  // noisy ones, from crowding out the noisy steps where an image's layout is decided. 0 = off
  // (the paper's unweighted ε loss); 5 is the published choice.
  double minSnrGamma = 0.0;
  bool bidirectionalImages = true;

  int64_t latentSize() const { return imageSize / vaeFactor; }
  int64_t patchesPerSide() const { return latentSize() / patchSize; }
  int64_t patchesPerImage() const { return patchesPerSide() * patchesPerSide(); }
  int64_t patchDim() const { return latentChannels * patchSize * patchSize; }
  int64_t headDim() const { return dModel / nHeads; }
  // Llama: 2/3 · 4d rounded up to a multiple of 256 (768 → 2048, 4096 → 11008).
  int64_t ffnHiddenSize() const;

  void validate() const;  // throws ConfigError naming the field and the fix
  nlohmann::json toJson() const;
  static ModelConfig fromJson(const nlohmann::json& j);  // unknown key / wrong type → ConfigError
  // The keys of j over `base` (the others keep base's values).
  static ModelConfig fromJson(const nlohmann::json& j, const ModelConfig& base);
};

std::vector<std::string> presetNames();
ModelConfig preset(const std::string& name);  // unknown → ConfigError listing the names
// A model config file: either the ModelConfig object or a run's config.json holding it under
// "model".
ModelConfig loadModelConfig(const std::string& path);
// A model config a user wrote for a new run: when "name" is a preset, the preset's fields with the
// given ones over them (said in `basedOn`); otherwise the architecture (dModel, nLayers, nHeads,
// imageSize, patchSize) must be given — ConfigError naming what is missing, never a silent
// 768-wide default.
ModelConfig modelConfigForNewRun(const nlohmann::json& j, std::string* basedOn = nullptr);

}  // namespace tfs
