#pragma once

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tfs {

struct FeatureClassifierConfig {
  int64_t imageSize = 28;
  int64_t channels = 1;
  int64_t classes = 10;
  int64_t featureDim = 128;        // the penultimate layer: the Fréchet-distance features
  std::string dataset = "fmnist";  // names the extractor in outputs ("fmnist-classifier")
  std::vector<std::string> classNames;
  void validate() const;  // throws ConfigError naming the field
  nlohmann::json toJson() const;
  static FeatureClassifierConfig fromJson(const nlohmann::json& j);
  std::string extractorName() const { return dataset + "-classifier"; }
};

// A small CNN trained on a data set's own labels, our stand-in for Inception: three conv blocks
// (32, 64, 64 channels), a 3×3 adaptive average pool, a ReLU feature layer and a linear head.
// Inputs are images in [-1, 1] of the configured size and channels.
class FeatureClassifierImpl : public torch::nn::Module {
 public:
  explicit FeatureClassifierImpl(const FeatureClassifierConfig& cfg);
  const FeatureClassifierConfig& config() const { return cfg_; }
  torch::Tensor features(const torch::Tensor& images);  // [N, C, H, W] → [N, featureDim]
  torch::Tensor forward(const torch::Tensor& images);   // → logits [N, classes]

 private:
  FeatureClassifierConfig cfg_;
  torch::nn::Sequential body_{nullptr};
  torch::nn::Linear feature_{nullptr}, head_{nullptr};
};
TORCH_MODULE(FeatureClassifier);

// Batched, no-grad passes in eval mode on the model's device; inputs may live anywhere.
torch::Tensor classifierFeatures(FeatureClassifier& model, const torch::Tensor& images,
                                 int64_t batchSize = 256);  // [N, featureDim] float32 CPU
torch::Tensor classifierPredict(FeatureClassifier& model, const torch::Tensor& images,
                                int64_t batchSize = 256);  // [N] int64 CPU
double classifierAccuracy(FeatureClassifier& model, const torch::Tensor& images,
                          const torch::Tensor& labels, int64_t batchSize = 256);

// Weights file kind "feature-classifier"; the config travels in the metadata.
void saveFeatureClassifier(const FeatureClassifier& model, const std::string& path,
                           const nlohmann::json& extraMeta = {});
FeatureClassifier loadFeatureClassifier(const std::string& path);

}  // namespace tfs
