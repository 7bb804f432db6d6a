#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/generate/generation_request.h"
#include "core/generate/generator.h"
#include "core/generate/png_params.h"

namespace tfs {

// The parameters a generated image carries (PNG "parameters" chunk).
ImageParams imageParams(const ModelBundle& bundle, const std::string& prompt,
                        const GenerateOptions& options, uint64_t seed,
                        const std::string& mode = "generate");

// Writes the image [C, H, W] in [-1, 1] as PNG with its parameters (folders created). IoError.
void saveImageWithParams(const torch::Tensor& image, const ImageParams& params,
                         const std::string& path);

// Images [C, H, W] side by side in rows of `columns`, 2-pixel gaps filled with -1 (black).
torch::Tensor tileImages(const std::vector<torch::Tensor>& images, int64_t columns);

// A training run's periodic samples: one image per prompt (seed 0, 1, …), saved as
// samplesDir/step-NNNNNNN-k.png, plus the row of them as samplesDir/step-NNNNNNN.png (returned
// last). The model is switched to eval for the duration and back.
std::vector<std::string> writeTrainingSamples(Generator& generator,
                                              const std::vector<std::string>& prompts, int64_t step,
                                              const std::string& samplesDir,
                                              const GenerateOptions& options);

}  // namespace tfs
