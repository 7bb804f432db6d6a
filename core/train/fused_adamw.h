#pragma once

#include <torch/torch.h>

namespace tfs {

// torch::optim::AdamW with the same state, options and checkpoint format (optimizer.pt), whose
// step updates a float32 CPU parameter in one pass over its data: weight decay, both moments, the
// bias-corrected denominator and the update, where the reference takes nine passes and two
// temporaries per tensor (4.5 % of a bf16 fmnist-demo step). Parameters on other devices or of
// other dtypes, and amsgrad, go through torch::optim::AdamW's own step; TFS_FUSED_OPS=0 sends
// everything there (core/model/fused_ops.h).
class FusedAdamW : public torch::optim::AdamW {
 public:
  using torch::optim::AdamW::AdamW;
  torch::Tensor step(LossClosure closure = nullptr) override;
};

}  // namespace tfs
