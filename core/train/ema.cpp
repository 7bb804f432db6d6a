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

void Ema::copyFrom(const torch::nn::Module& model) {
  torch::NoGradGuard ng;
  auto src = model.named_parameters();
  for (auto& kv : shadow_->named_parameters()) {
    auto* s = src.find(kv.key());
    if (!s) throw CheckpointError("EMA: model has no parameter \"" + kv.key() + "\"");
    kv.value().copy_(*s);
  }
  auto srcb = model.named_buffers();
  for (auto& kv : shadow_->named_buffers()) {
    if (auto* s = srcb.find(kv.key())) kv.value().copy_(*s);
  }
}

void Ema::update(const torch::nn::Module& model) {
  torch::NoGradGuard ng;
  const double d = currentDecay();
  auto src = model.named_parameters();
  for (auto& kv : shadow_->named_parameters()) {
    auto* s = src.find(kv.key());
    if (!s) throw CheckpointError("EMA: model has no parameter \"" + kv.key() + "\"");
    kv.value().mul_(d).add_(s->detach().to(kv.value().dtype()), 1.0 - d);
  }
  auto srcb = model.named_buffers();
  for (auto& kv : shadow_->named_buffers()) {
    if (auto* s = srcb.find(kv.key())) kv.value().copy_(*s);
  }
  ++updates_;
}

}  // namespace tfs
