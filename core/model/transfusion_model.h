#pragma once

#include <torch/torch.h>

#include <vector>

#include "core/model/batch.h"
#include "core/model/image_encoding.h"
#include "core/model/kv_cache.h"
#include "core/model/model_config.h"
#include "core/model/noise_schedule.h"
#include "core/model/param_count.h"
#include "core/model/patch_linear.h"
#include "core/model/patch_unet.h"
#include "core/model/rms_norm.h"
#include "core/model/transformer_block.h"

namespace tfs {

// Normalisers of the two losses for a batch that is one share of a larger one (data parallelism):
// the LM loss is its cross-entropy sum over lmTokens, the diffusion loss its weighted sum over
// diffusionWeight — the whole global batch's counts — so the sum of the ranks' losses is the loss
// of the whole batch in one process. 0 = this batch's own count (the mean).
struct LossNorm {
  double lmTokens = 0;
  double diffusionWeight = 0;
};

// What LossNorm counts in a batch: LM targets and the diffusion weight of its images.
LossNorm lossCounts(const Batch& batch);

struct Losses {
  torch::Tensor total, lm, diffusion;  // scalars; total = lm + λ·diffusion
  int64_t lmTokens = 0;
  int64_t diffusionImages = 0;
};

struct AttentionCapture {
  std::vector<torch::Tensor> probs;  // per layer [B,H,Lq,Lk]
};

// One transformer over mixed sequences: token embedding in, LM head out for text; a patch codec
// (linear or U-Net) in and out for images.
// MAE's fixed 2-D sine–cosine patch embeddings for a side×side grid in raster order: [side², dim].
torch::Tensor sincos2dPatchPositions(int64_t side, int64_t dim);

class TransfusionModelImpl : public torch::nn::Module {
 public:
  explicit TransfusionModelImpl(const ModelConfig& cfg);
  const ModelConfig& config() const { return cfg_; }
  const NoiseSchedule& schedule() const { return schedule_; }

  // q_sample(latents, noise, timesteps) before patchifying; L = lm + λ·diffusion.
  Losses loss(const Batch& batch, const LossNorm& norm = {});
  torch::Tensor embedTokens(const torch::Tensor& tokens);  // [B,L] → [B,L,D]
  ImageEncoding encodeImages(const torch::Tensor& noisyLatents, const torch::Tensor& t);
  torch::Tensor decodeImages(const torch::Tensor& hidden, const ImageEncoding& enc);
  // x [B,L,D], positions [B,L], mask [B,L,Lc+L] → hidden [B,L,D] after the final RMSNorm.
  torch::Tensor forwardHidden(const torch::Tensor& x, const torch::Tensor& positions,
                              const torch::Tensor& mask, KVCache* cache = nullptr,
                              bool commit = true, AttentionCapture* capture = nullptr);
  torch::Tensor logits(const torch::Tensor& hidden);  // [...,D] → [...,V]

  // The input row of a batch: token embeddings with the encoded images written at their patch
  // positions. Also returns the encoding and the flat patch positions (image-major, raster).
  torch::Tensor embedBatch(const Batch& batch, const torch::Tensor& noisyLatents,
                           ImageEncoding* enc, torch::Tensor* patchIndex);

  torch::nn::Embedding tokEmbed{nullptr};
  torch::nn::ModuleList blocks{nullptr};
  RMSNorm finalNorm{nullptr};
  torch::nn::Linear lmHead{nullptr};
  PatchLinear patchLinear{nullptr};
  PatchUNet patchUNet{nullptr};

 private:
  void initWeights();
  ModelConfig cfg_;
  NoiseSchedule schedule_;
  torch::Tensor patchPositions_;  // [P, D] float (patchPositions "sincos2d"), else undefined
  std::vector<TransformerBlock> blockList_;
};
TORCH_MODULE(TransfusionModel);

}  // namespace tfs
