#pragma once

#include <torch/torch.h>

#include <string>

#include "core/data/data_source.h"

namespace tfs {

// A labelled image set held in memory: what a classifier trains and is scored on.
struct LabelledImages {
  torch::Tensor images;  // [N, C, H, W] float32 in [-1, 1]
  torch::Tensor labels;  // [N] int64
  int64_t size() const { return images.defined() ? images.size(0) : 0; }
};

// Reads up to `limit` labelled examples (limit <= 0: all) from the source, skipping records
// without an image or label. Throws DataError when nothing usable came out.
LabelledImages collectLabelledImages(ExampleSource& source, int64_t limit = 0);

// Fashion-MNIST ("train" | "test") as [N, 1, 28, 28]; dir "" = defaultFashionMnistDir().
LabelledImages loadFashionMnist(const std::string& split, int64_t limit = 0,
                                const std::string& dir = "");

}  // namespace tfs
