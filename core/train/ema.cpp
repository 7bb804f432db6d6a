#include "core/train/ema.h"

#include <algorithm>

#include "core/base/error.h"

namespace tfs {

Ema::Ema(std::shared_ptr<torch::nn::Module> shadow, double decay)
    : shadow_(std::move(shadow)), decay_(decay) {
  if (!shadow_) throw ConfigError("EMA needs a shadow model");
  for (auto& p : shadow_->parameters()) p.set_requires_grad(false);
}

double Ema::currentDecay() const {
  const double n = static_cast<double>(updates_);
  return std::min(decay_, (1.0 + n) / (10.0 + n));
}

void Ema::bind(const torch::nn::Module& model) {
  if (bound_ == &model) return;
  shadowParams_.clear();
  modelParams_.clear();
  shadowBuffers_.clear();
  modelBuffers_.clear();
  auto src = model.named_parameters();
  for (auto& kv : shadow_->named_parameters()) {
    auto* s = src.find(kv.key());
    if (!s) throw CheckpointError("EMA: model has no parameter \"" + kv.key() + "\"");
    if (s->sizes() != kv.value().sizes())
      throw CheckpointError("EMA: parameter \"" + kv.key() + "\" has another shape in the model");
    shadowParams_.push_back(kv.value());
    modelParams_.push_back(*s);
  }
  auto srcb = model.named_buffers();
  for (auto& kv : shadow_->named_buffers()) {
    if (auto* s = srcb.find(kv.key())) {
      shadowBuffers_.push_back(kv.value());
      modelBuffers_.push_back(*s);
    }
  }
  bound_ = &model;
}

void Ema::copyFrom(const torch::nn::Module& model) {
  torch::NoGradGuard ng;
  bound_ = nullptr;  // the model's tensors may have been replaced: look them up again
  bind(model);
  for (size_t i = 0; i < shadowParams_.size(); ++i) shadowParams_[i].copy_(modelParams_[i]);
  for (size_t i = 0; i < shadowBuffers_.size(); ++i) shadowBuffers_[i].copy_(modelBuffers_[i]);
}

void Ema::update(const torch::nn::Module& model) {
  torch::NoGradGuard ng;
  const double d = currentDecay();
  // The tensor lists are looked up once (named_parameters builds string-keyed dictionaries);
  // the two passes are one multi-tensor op each (fused on CUDA, a loop on the CPU).
  bind(model);
  std::vector<torch::Tensor> src;
  src.reserve(modelParams_.size());
  for (size_t i = 0; i < modelParams_.size(); ++i)
    src.push_back(modelParams_[i].dtype() == shadowParams_[i].dtype()
                      ? modelParams_[i].detach()
                      : modelParams_[i].detach().to(shadowParams_[i].dtype()));
  at::_foreach_mul_(shadowParams_, d);
  at::_foreach_add_(shadowParams_, src, 1.0 - d);
  for (size_t i = 0; i < shadowBuffers_.size(); ++i) shadowBuffers_[i].copy_(modelBuffers_[i]);
  ++updates_;
}

}  // namespace tfs
