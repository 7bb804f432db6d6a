#include "core/model/param_count.h"

#include "core/model/patch_linear.h"
#include "core/model/patch_unet.h"
#include "core/model/vae.h"

namespace tfs {

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
  c.patchCodec = cfg.patchEncoder == "unet" ? countPatchUNetParameters(cfg)
                                            : PatchLinearImpl::parameterCount(cfg);
  c.vae = countVaeParameters(cfg);
  c.total = c.transformer + c.embeddings + c.patchCodec + c.vae;
  return c;
}

}  // namespace tfs
