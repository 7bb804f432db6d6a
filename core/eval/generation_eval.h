#pragma once

#include <functional>

#include "core/eval/edit_eval.h"
#include "core/eval/shapes_eval.h"
#include "core/generate/generator.h"

namespace tfs {

// Checks that the model draws shapes scenes (RGB, square): DataError saying which model to use.
void requireShapesModel(const ModelBundle& bundle, const std::string& what);

// ShapesEval over a generator: every prompt drawn imagesPerPrompt times (seeds seed, seed+1, …),
// each image checked by exact scene analysis. onImage(done, total) reports progress.
ShapesEvalReport runShapesEval(Generator& generator, const std::vector<ShapesPrompt>& prompts,
                               int64_t imagesPerPrompt, const GenerateOptions& options,
                               const std::function<void(int64_t, int64_t)>& onImage = {});

// The seed of the held-out editing triplets for a user-chosen triplet seed: training draws its
// triplets from the run's seed, and this offset keeps the evaluation's apart.
constexpr uint64_t heldOutEditSeed(uint64_t tripletSeed) {
  return tripletSeed + 0x5EED0E7A1ULL;
}

// Editing accuracy on n triplets of randomEdit(mixSeed(seed, i)): a seed training never used
// (heldOutEditSeed) keeps them held out. failures receives up to 10 "instruction: reason" lines.
EditAccuracy runEditEval(Generator& generator, uint64_t seed, int64_t n,
                         const GenerateOptions& options,
                         std::vector<std::string>* failures = nullptr,
                         const std::function<void(int64_t, int64_t)>& onImage = {});

}  // namespace tfs
