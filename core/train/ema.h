#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace tfs {

// Exponential moving average of a model's parameters, kept in a second module of the same
// architecture (so it saves and loads like any model). Early updates use the warm-up decay
// min(decay, (1+n)/(10+n)) so the average does not stay glued to the random initialisation.
class Ema {
 public:
  // shadow must have the same parameter names and shapes as the model it will follow; it is
  // overwritten with the model's current values on the first update (n = 0).
  Ema(std::shared_ptr<torch::nn::Module> shadow, double decay);

  // shadow = d·shadow + (1−d)·model; buffers are copied. n (updates so far) advances by one.
  void update(const torch::nn::Module& model);
  // The decay the next update will use.
  double currentDecay() const;
  void copyFrom(const torch::nn::Module& model);  // shadow = model, n unchanged

  torch::nn::Module& shadow() { return *shadow_; }
  const torch::nn::Module& shadow() const { return *shadow_; }
  int64_t updates() const { return updates_; }
  void setUpdates(int64_t n) { updates_ = n; }
  double decay() const { return decay_; }

 private:
  // Pairs shadow/model tensors by name once per model (again after copyFrom).
  void bind(const torch::nn::Module& model);

  std::shared_ptr<torch::nn::Module> shadow_;
  double decay_;
  int64_t updates_ = 0;
  const torch::nn::Module* bound_ = nullptr;
  std::vector<torch::Tensor> shadowParams_, modelParams_, shadowBuffers_, modelBuffers_;
};

}  // namespace tfs
