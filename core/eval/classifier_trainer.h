#pragma once

#include <functional>

#include "core/eval/feature_classifier.h"
#include "core/eval/labelled_images.h"

namespace tfs {

struct ClassifierTrainOptions {
  int64_t steps = 3000;
  int64_t batchSize = 128;
  double lr = 2e-3;  // Adam, cosine-decayed to 5% over the steps
  double weightDecay = 0;
  uint64_t seed = 0;
  bool flipAugment = true;  // random horizontal flips (garments are left-right symmetric)
  std::function<void(int64_t step, double loss)> onStep;  // every step; may throw Cancelled
};

struct ClassifierTrainResult {
  double finalLoss = 0;  // mean cross-entropy of the last 50 steps
  double seconds = 0;
  int64_t steps = 0;
};

// Trains the classifier in place on its device (inputs may live anywhere; batches are moved).
ClassifierTrainResult trainFeatureClassifier(FeatureClassifier& model, const LabelledImages& data,
                                             const ClassifierTrainOptions& opts = {});

}  // namespace tfs
