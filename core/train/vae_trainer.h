#pragma once

#include <nlohmann/json.hpp>

#include <memory>

#include <functional>
#include <string>
#include <unordered_set>

#include "core/data/data_source.h"
#include "core/model/model_config.h"
#include "core/model/vae.h"
#include "core/train/run_dir.h"
#include "core/train/run_lock.h"
#include "core/train/train_observer.h"

namespace tfs {

struct VaeTrainConfig {
  int64_t steps = 2000;
  int64_t batchSize = 16;
  double lr = 1e-3;        // Adam
  double klWeight = 1e-6;  // L = L1 + klWeight · KL
  int64_t heldOut = 64;    // first records of the source, never trained on, for PSNR
  int64_t logEvery = 50;
  uint64_t seed = 1234;
  std::string device = "auto";
  std::string precision = "fp32";  // fp32 | bf16 | auto: the convolutions under autocast

  // Throws ConfigError naming the field and what to do.
  void validate() const;
  nlohmann::json toJson() const;
  // Partial JSON over this config (unknown key or wrong type → ConfigError), then validate().
  void merge(const nlohmann::json& j);
};

struct VaeTrainResult {
  int64_t steps = 0;
  double seconds = 0;
  double psnrBefore = 0, psnr = 0;  // held-out reconstruction PSNR (dB, images in [-1, 1])
  std::string path;                 // the saved vae.safetensors
  bool stopped = false;
};

// PSNR in dB of images in [-1, 1] (peak-to-peak 2).
double psnr(const torch::Tensor& reference, const torch::Tensor& reconstruction);

// Trains the model config's VAE on an image source with Adam on L1 + KL, reports PSNR on held-out
// images and writes runs/<name>/vae.safetensors.
class VaeTrainer {
 public:
  VaeTrainer(const ModelConfig& model, const VaeTrainConfig& cfg, ExampleSource* source,
             const RunDir& run);
  // Reports every step to observer->onVaeStep (TrainObserver, as the trainer reports its steps).
  VaeTrainResult run(TrainObserver* observer = nullptr, TrainControl* control = nullptr);
  double heldOutPsnr();
  VAE& vae() { return vae_; }

 private:
  torch::Tensor nextBatch();

  ModelConfig model_;
  VaeTrainConfig cfg_;
  ExampleSource* source_;
  RunDir run_;
  std::unique_ptr<RunLock> lock_;  // the run folder's one writer
  torch::Device device_;
  VAE vae_{nullptr};
  torch::Tensor heldOut_;
  std::unordered_set<std::string> heldOutIds_;
  int64_t epoch_ = 0;
};

}  // namespace tfs
