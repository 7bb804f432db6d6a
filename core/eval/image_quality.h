#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/eval/feature_classifier.h"
#include "core/eval/labelled_images.h"
#include "core/generate/generator.h"

namespace tfs {

// Brings images [N, C, H, W] in [-1, 1] to the classifier's input: through the model's resolution
// first (so real and generated images lose the same detail), then to the classifier's size and
// channel count (RGB → grey by the mean; grey → RGB by repetition).
torch::Tensor toClassifierInput(const torch::Tensor& images, int64_t modelSize,
                                const FeatureClassifierConfig& classifier);

struct ImageQualityOptions {
  int64_t n = 500;            // generated images, spread evenly over the classes
  int64_t realImages = 2000;  // real test images for the reference statistics
  GenerateOptions generate;   // sampler, steps, CFG
  std::function<std::string(int64_t label, uint64_t variant)> prompt;  // class → caption
  std::function<void(int64_t done, int64_t total)> onImage;
};

struct ImageQualityResult {
  std::string label;             // "Fréchet distance on fmnist-classifier features (not COCO FID)"
  double frechet = 0;            // generated vs real
  double frechetRealHalves = 0;  // n real images vs the other real ones: the floor at this n
  double classAccuracy = 0;      // generated image classified as its prompt's class
  double realAccuracy = 0;       // the classifier on the real images (how far to trust it)
  std::vector<double> perClassAccuracy;
  int64_t generated = 0, real = 0;
  nlohmann::json toJson() const;
};

// Text-to-image samples for every class, scored against real labelled images in the classifier's
// feature space. Not COCO FID: a different feature extractor, data set and sample size.
ImageQualityResult evaluateImageQuality(Generator& generator, FeatureClassifier& classifier,
                                        const LabelledImages& real,
                                        const ImageQualityOptions& opts);

}  // namespace tfs
