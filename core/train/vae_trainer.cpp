#include "core/train/vae_trainer.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>

#include "core/base/config_fields.h"
#include "core/base/error.h"
#include "core/base/precision.h"
#include "core/base/runtime.h"
#include "core/model/weights_io.h"
#include "core/train/batch_builder.h"

namespace tfs {

double psnr(const torch::Tensor& reference, const torch::Tensor& reconstruction) {
  const double mse =
      (reference.to(torch::kFloat64) - reconstruction.to(torch::kFloat64).clamp(-1, 1))
          .pow(2)
          .mean()
          .item<double>();
  return mse <= 0 ? 100.0 : 10.0 * std::log10(4.0 / mse);
}

namespace {

// One entry per JSON key (core/base/config_fields.h), ordered like the struct.
const ConfigFields<VaeTrainConfig>& vaeFields() {
  using F = ConfigFields<VaeTrainConfig>;
  static const F f("VAE config", {
                                     {"steps", F::integer(&VaeTrainConfig::steps)},
                                     {"batchSize", F::integer(&VaeTrainConfig::batchSize)},
                                     {"lr", F::number(&VaeTrainConfig::lr)},
                                     {"klWeight", F::number(&VaeTrainConfig::klWeight)},
                                     {"heldOut", F::integer(&VaeTrainConfig::heldOut)},
                                     {"logEvery", F::integer(&VaeTrainConfig::logEvery)},
                                     {"seed", F::integer(&VaeTrainConfig::seed)},
                                     {"device", F::string(&VaeTrainConfig::device)},
                                     {"precision", F::string(&VaeTrainConfig::precision)},
                                 });
  return f;
}

}  // namespace

void VaeTrainConfig::validate() const {
  auto fail = [](const std::string& field, const std::string& fix) {
    throw ConfigError("VAE config: " + field + " " + fix);
  };
  if (steps < 1) fail("steps", "must be at least 1");
  if (batchSize < 1) fail("batchSize", "must be at least 1");
  if (!(lr > 0) || lr > 1) fail("lr", "must be in (0, 1]; 1e-3 works for the shipped presets");
  if (!(klWeight >= 0)) fail("klWeight", "must be >= 0 (the KL term's weight; 1e-6 by default)");
  if (heldOut < 1) fail("heldOut", "must be at least 1 (held-out images for PSNR)");
  if (logEvery < 1) fail("logEvery", "must be at least 1");
  if (!isDeviceName(device))
    fail("device", "must be \"auto\", \"cpu\" or \"cuda[:N]\" (got \"" + device + "\")");
  if (!isPrecisionName(precision))
    fail("precision", "must be \"fp32\", \"bf16\" or \"auto\" (got \"" + precision + "\")");
}

nlohmann::json VaeTrainConfig::toJson() const {
  return vaeFields().write(*this);
}

void VaeTrainConfig::merge(const nlohmann::json& j) {
  vaeFields().read(*this, j);
  validate();
}

VaeTrainer::VaeTrainer(const ModelConfig& model, const VaeTrainConfig& cfg, ExampleSource* source,
                       const RunDir& run)
    : model_(model), cfg_(cfg), source_(source), run_(run), device_(parseDevice(cfg.device)) {
  model_.validate();
  if (model_.vaeFactor == 1)
    throw ConfigError("model \"" + model_.name +
                      "\" works in pixel space (vaeFactor 1) and has no VAE to train; pick a "
                      "preset with vaeFactor 4 or 8");
  cfg_.validate();
  lock_ = std::make_unique<RunLock>(run_.root());
  run_.create();
  torch::manual_seed(cfg_.seed);
  vae_ = VAE(model_);
  vae_->to(device_);
  source_->reset(mixSeed(cfg_.seed, 0));
  std::vector<torch::Tensor> held;
  while (static_cast<int64_t>(held.size()) < cfg_.heldOut) {
    auto ex = source_->next();
    if (!ex) break;
    if (!ex->image.defined()) continue;
    checkImage(model_, ex->image, ex->id);
    heldOutIds_.insert(ex->id);
    held.push_back(ex->image);
  }
  if (held.empty())
    throw DataError("the image source " + source_->describe() +
                    " gave no images to train the VAE on");
  heldOut_ = torch::stack(held);
}

torch::Tensor VaeTrainer::nextBatch() {
  std::vector<torch::Tensor> imgs;
  int empty = 0;
  while (static_cast<int64_t>(imgs.size()) < cfg_.batchSize) {
    auto ex = source_->next();
    if (!ex) {
      if (++empty > 2)
        throw DataError("the image source " + source_->describe() +
                            " has no images besides the held-out ones; give more data or hold out "
                            "fewer (heldOut)",
                        "heldOut");
      source_->reset(mixSeed(cfg_.seed, static_cast<uint64_t>(++epoch_)));
      continue;
    }
    if (!ex->image.defined() || heldOutIds_.count(ex->id)) continue;
    checkImage(model_, ex->image, ex->id);
    imgs.push_back(ex->image);
  }
  return torch::stack(imgs).to(device_);
}

double VaeTrainer::heldOutPsnr() {
  torch::NoGradGuard ng;
  vae_->eval();
  double sum = 0;
  int64_t n = 0;
  for (int64_t i = 0; i < heldOut_.size(0); i += cfg_.batchSize) {
    auto x = heldOut_.slice(0, i, std::min(i + cfg_.batchSize, heldOut_.size(0))).to(device_);
    auto y = vae_->decode(vae_->encode(x));
    sum += psnr(x, y) * x.size(0);
    n += x.size(0);
  }
  vae_->train();
  return sum / n;
}

VaeTrainResult VaeTrainer::run(TrainObserver* observer, TrainControl* control) {
  VaeTrainResult r;
  r.psnrBefore = heldOutPsnr();
  const Precision precision = resolvePrecision(cfg_.precision, device_);
  torch::optim::Adam opt(vae_->parameters(), torch::optim::AdamOptions(cfg_.lr));
  vae_->train();
  const auto start = std::chrono::steady_clock::now();
  for (int64_t s = 0; s < cfg_.steps; ++s) {
    if (control) {
      control->waitWhilePaused();
      if (control->stopRequested()) {
        r.stopped = true;
        break;
      }
    }
    const auto t0 = std::chrono::steady_clock::now();
    auto x = nextBatch();
    opt.zero_grad();
    VaeLosses l;
    {
      AutocastScope autocast(device_, precision);
      l = vae_->loss(x, cfg_.klWeight);
    }
    l.total.backward();
    torch::nn::utils::clip_grad_norm_(vae_->parameters(), 1.0);
    opt.step();
    VaeStepMetrics m;
    m.step = s + 1;
    m.totalSteps = cfg_.steps;
    m.recon = l.recon.item<double>();
    m.kl = l.kl.item<double>();
    m.total = l.total.item<double>();
    m.imagesPerS =
        x.size(0) /
        std::max(1e-9,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    if (observer) observer->onVaeStep(m);
    if (m.step % cfg_.logEvery == 0)
      spdlog::debug("vae step {}/{} L1 {:.4f} KL {:.2f}", m.step, cfg_.steps, m.recon, m.kl);
    r.steps = m.step;
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.psnr = heldOutPsnr();
  nlohmann::json meta = {{"kind", "vae"},          {"config", model_.toJson()},
                         {"train", cfg_.toJson()}, {"steps", r.steps},
                         {"psnr", r.psnr},         {"precision", precisionName(precision)}};
  saveWeights(*vae_, run_.vaePath(), meta);
  r.path = run_.vaePath();
  spdlog::info("VAE: held-out PSNR {:.2f} dB (was {:.2f} dB) after {} steps; saved {}", r.psnr,
               r.psnrBefore, r.steps, r.path);
  return r;
}

}  // namespace tfs
