#pragma once

#include <cstdint>

#include "core/model/model_config.h"

namespace tfs {

// Parameter split of a model, computed from the config without allocating weights.
// The paper's Table 2 sizes are transformer + embeddings (token embedding and untied LM head);
// they exclude the patch codec (the U-Net's 0.27B is quoted separately) and the VAE.
struct ParamCount {
  int64_t transformer = 0;  // blocks + final norm
  int64_t embeddings = 0;   // token embedding + LM head
  int64_t patchCodec = 0;   // patch encoder + decoder (incl. timestep embedding)
  int64_t vae = 0;          // 0 in pixel space
  int64_t total = 0;
  int64_t paperSize() const { return transformer + embeddings; }
};
ParamCount countParameters(const ModelConfig& cfg);  // analytic, no allocation (7B must work)

}  // namespace tfs
