#include "core/eval/feature_classifier.h"

#include "core/base/error.h"
#include "core/model/weights_io.h"

namespace tfs {
namespace {

namespace nn = torch::nn;
namespace F = torch::nn::functional;

constexpr const char* kKind = "feature-classifier";

nn::Conv2d conv3(int64_t in, int64_t out) {
  return nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1));
}

// Generated images may differ from the classifier's input in channels or size: adapt, not refuse.
torch::Tensor adaptInputs(const torch::Tensor& x, const FeatureClassifierConfig& cfg) {
  if (x.dim() != 4)
    throw DataError("the feature classifier takes images [N, C, H, W]; got " +
                    std::to_string(x.dim()) + " dimensions");
  auto y = x.to(torch::kFloat32);
  if (y.size(1) != cfg.channels) {
    if (cfg.channels == 1)
      y = y.mean(1, true);
    else if (y.size(1) == 1)
      y = y.expand({y.size(0), cfg.channels, y.size(2), y.size(3)});
    else
      throw DataError("the feature classifier takes " + std::to_string(cfg.channels) +
                      "-channel images, got " + std::to_string(y.size(1)) + " channels");
  }
  if (y.size(2) != cfg.imageSize || y.size(3) != cfg.imageSize)
    y = F::interpolate(y, F::InterpolateFuncOptions()
                              .size(std::vector<int64_t>{cfg.imageSize, cfg.imageSize})
                              .mode(torch::kBilinear)
                              .align_corners(false)
                              .antialias(true));
  return y;
}

template <typename Fn>
torch::Tensor batched(FeatureClassifier& model, const torch::Tensor& images, int64_t batchSize,
                      Fn fn) {
  torch::NoGradGuard ng;
  const bool wasTraining = model->is_training();
  model->eval();
  const auto device = model->parameters().front().device();
  std::vector<torch::Tensor> outs;
  for (int64_t i = 0; i < images.size(0); i += batchSize) {
    auto x =
        adaptInputs(images.slice(0, i, std::min(i + batchSize, images.size(0))), model->config())
            .to(device);
    outs.push_back(fn(x).to(torch::kCPU));
  }
  if (wasTraining) model->train();
  if (outs.empty()) throw DataError("the feature classifier got no images; give at least one");
  return torch::cat(outs);
}

}  // namespace

void FeatureClassifierConfig::validate() const {
  if (imageSize < 8)
    throw ConfigError("feature classifier imageSize must be >= 8, got " +
                      std::to_string(imageSize));
  if (channels != 1 && channels != 3)
    throw ConfigError("feature classifier channels must be 1 or 3, got " +
                      std::to_string(channels));
  if (classes < 2)
    throw ConfigError("feature classifier needs classes >= 2, got " + std::to_string(classes));
  if (featureDim < 1)
    throw ConfigError("feature classifier featureDim must be >= 1, got " +
                      std::to_string(featureDim));
  if (!classNames.empty() && int64_t(classNames.size()) != classes)
    throw ConfigError("feature classifier has " + std::to_string(classNames.size()) +
                      " classNames for " + std::to_string(classes) +
                      " classes; give one name per class or none");
}

nlohmann::json FeatureClassifierConfig::toJson() const {
  return {{"imageSize", imageSize},   {"channels", channels}, {"classes", classes},
          {"featureDim", featureDim}, {"dataset", dataset},   {"classNames", classNames}};
}

FeatureClassifierConfig FeatureClassifierConfig::fromJson(const nlohmann::json& j) {
  FeatureClassifierConfig c;
  try {
    for (const auto& [k, v] : j.items()) {
      if (k == "imageSize")
        c.imageSize = v.get<int64_t>();
      else if (k == "channels")
        c.channels = v.get<int64_t>();
      else if (k == "classes")
        c.classes = v.get<int64_t>();
      else if (k == "featureDim")
        c.featureDim = v.get<int64_t>();
      else if (k == "dataset")
        c.dataset = v.get<std::string>();
      else if (k == "classNames")
        c.classNames = v.get<std::vector<std::string>>();
      else
        throw ConfigError("unknown feature classifier config key '" + k + "'");
    }
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError(std::string("feature classifier config has a value of the wrong type: ") +
                      e.what());
  }
  c.validate();
  return c;
}

FeatureClassifierImpl::FeatureClassifierImpl(const FeatureClassifierConfig& cfg) : cfg_(cfg) {
  cfg_.validate();
  body_ = register_module(
      "body", nn::Sequential(conv3(cfg.channels, 32), nn::ReLU(), nn::MaxPool2d(2), conv3(32, 64),
                             nn::ReLU(), nn::MaxPool2d(2), conv3(64, 64), nn::ReLU(),
                             nn::AdaptiveAvgPool2d(nn::AdaptiveAvgPool2dOptions(3))));
  feature_ = register_module("feature", nn::Linear(64 * 3 * 3, cfg.featureDim));
  head_ = register_module("head", nn::Linear(cfg.featureDim, cfg.classes));
}

torch::Tensor FeatureClassifierImpl::features(const torch::Tensor& images) {
  return torch::relu(feature_->forward(body_->forward(images).flatten(1)));
}

torch::Tensor FeatureClassifierImpl::forward(const torch::Tensor& images) {
  return head_->forward(features(images));
}

torch::Tensor classifierFeatures(FeatureClassifier& model, const torch::Tensor& images,
                                 int64_t batchSize) {
  return batched(model, images, batchSize,
                 [&](const torch::Tensor& x) { return model->features(x); });
}

torch::Tensor classifierPredict(FeatureClassifier& model, const torch::Tensor& images,
                                int64_t batchSize) {
  return batched(model, images, batchSize,
                 [&](const torch::Tensor& x) { return model->forward(x).argmax(1); });
}

double classifierAccuracy(FeatureClassifier& model, const torch::Tensor& images,
                          const torch::Tensor& labels, int64_t batchSize) {
  if (images.size(0) != labels.size(0))
    throw DataError("classifier accuracy: " + std::to_string(images.size(0)) + " images but " +
                    std::to_string(labels.size(0)) + " labels; give one label per image");
  const auto pred = classifierPredict(model, images, batchSize);
  return pred.eq(labels.to(torch::kCPU, torch::kInt64)).to(torch::kFloat64).mean().item<double>();
}

void saveFeatureClassifier(const FeatureClassifier& model, const std::string& path,
                           const nlohmann::json& extraMeta) {
  nlohmann::json meta = extraMeta.is_object() ? extraMeta : nlohmann::json::object();
  meta["kind"] = kKind;
  meta["config"] = model->config().toJson();
  saveWeights(*model, path, meta);
}

FeatureClassifier loadFeatureClassifier(const std::string& path) {
  const auto meta = readWeightsMeta(path);
  if (meta.value("kind", std::string()) != kKind || !meta.contains("config"))
    throw CheckpointError("'" + path +
                          "' is not a feature classifier (no kind=feature-classifier metadata); "
                          "train one with `transfusion eval train-classifier`");
  auto cfg = FeatureClassifierConfig::fromJson(meta["config"]);
  FeatureClassifier model(cfg);
  loadWeights(*model, path, cfg.toJson());
  model->eval();
  return model;
}

}  // namespace tfs
