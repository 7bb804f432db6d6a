#pragma once

#include <torch/torch.h>

#include <string>

namespace tfs {

// One training record as a data source yields it. Images are float32 [C, H, W] in [-1, 1],
// already centre-cropped and resized to the size the source was asked for; text may be empty
// (image-only) and the image may be undefined (text-only corpus line).
struct Example {
  std::string id;       // stable key: file name, tar member, "fmnist-train-00042", "shapes-7-123"
  std::string text;     // caption or corpus text
  torch::Tensor image;  // [C, H, W] float32 in [-1, 1], or undefined
  int64_t label = -1;   // class index where the source has one (Fashion-MNIST), else -1
};

// An instruction-editing record: input image, instruction, output image (same shape as input).
struct EditExample {
  std::string id;
  torch::Tensor input;  // [C, H, W] float32 in [-1, 1]
  std::string instruction;
  torch::Tensor output;  // [C, H, W] float32 in [-1, 1]
};

}  // namespace tfs
