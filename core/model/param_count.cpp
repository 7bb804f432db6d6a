#include "core/model/param_count.h"

#include <torch/torch.h>

#include "core/model/patch_linear.h"

#if __has_include("core/model/patch_unet.h")
#include "core/model/patch_unet.h"
#define TFS_COUNT_UNET 1
#endif
#if __has_include("core/model/vae.h")
#include "core/model/vae.h"
#define TFS_COUNT_VAE 1
#endif

namespace tfs {

namespace {

[[maybe_unused]] int64_t allocatedCount(const torch::nn::Module& m) {
  int64_t n = 0;
  for (const auto& p : m.parameters()) n += p.numel();
  return n;
}

}  // namespace

ParamCount countParameters(const ModelConfig& cfg) {
  cfg.validate();
  ParamCount c;
  const int64_t d = cfg.dModel, h = cfg.ffnHiddenSize();
  const int64_t perLayer = 2 * d                                   // attention and FFN RMSNorms
                           + 4 * d * d                             // q, k, v, o (no biases)
                           + (cfg.qkNorm ? 2 * cfg.headDim() : 0)  // per-head q/k RMSNorm
                           + 3 * d * h;                            // SwiGLU gate, up, down
  c.transformer = cfg.nLayers * perLayer + d;                      // + final RMSNorm
  c.embeddings = 2 * cfg.vocabSize * d;                            // embedding + untied LM head
  if (cfg.patchEncoder == "unet") {
#ifdef TFS_COUNT_UNET
    // The U-Net is at most a few hundred million parameters: counted on a real instance.
    c.patchCodec = allocatedCount(*PatchUNet(cfg));
#endif
  } else {
    c.patchCodec = PatchLinearImpl::parameterCount(cfg);
  }
#ifdef TFS_COUNT_VAE
  if (cfg.vaeFactor > 1) c.vae = allocatedCount(*VAE(cfg));
#endif
  c.total = c.transformer + c.embeddings + c.patchCodec + c.vae;
  return c;
}

}  // namespace tfs
