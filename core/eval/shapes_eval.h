#pragma once

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/data/shapes.h"

namespace tfs {

// ShapesEval: GenEval's six task kinds on the shapes world, checked by exact scene analysis
// instead of an object detector. Categories: single_object ("a circle"), two_object ("a circle
// and a square"), counting ("two squares"), colours ("a red circle"), position ("a red circle to
// the left of a blue square"), colour_attr ("a red circle and a blue square").
std::vector<std::string> shapesEvalCategories();

struct ShapesRequirement {
  ShapeKind kind = ShapeKind::Circle;
  std::optional<ShapeColour> colour;  // unset: any colour
  int count = 1;                      // exact for counting, "at least one" otherwise
};

struct ShapesPrompt {
  std::string id;
  std::string category;
  std::string text;
  std::vector<ShapesRequirement> objects;
  std::optional<Relation> relation;  // objects[0] relation objects[1]
  Scene source;                      // the known scene the prompt was read from (it passes)
  nlohmann::json toJson() const;
  static ShapesPrompt fromJson(const nlohmann::json& j);  // DataError naming the bad field
};

// `perCategory` prompts of each category read from random scenes (seeded, deterministic).
std::vector<ShapesPrompt> makeShapesPrompts(int perCategory, uint64_t seed, int imageSize = 64);

struct ShapesCheck {
  bool ok = false;
  bool presence = false;         // every named kind is there
  bool colour = false;           // ... in the named colour (true when none is named)
  bool count = false;            // exact count (true outside counting)
  std::optional<bool> position;  // only for prompts with a relation
  double fidelity = 0;           // sceneFidelity of the image and the scene read from it
  bool clean = false;            // fidelity >= kMinSceneFidelity: a scene, not clutter
  std::string reason;            // what failed, "" when ok
  Scene found;                   // what analyseScene read
};

// Checks one image ([3, S, S] in [-1, 1]) against its prompt. The image must also be a clean
// scene (GenEval's detector sees objects, not blobs): colour clutter that happens to contain a
// blob of the right colour fails.
ShapesCheck checkShapesImage(const ShapesPrompt& prompt, const torch::Tensor& image);

struct ShapesEvalReport {
  std::map<std::string, double> categoryAccuracy;  // category → fraction of its images passing
  std::map<std::string, int64_t> categoryCount;
  std::map<std::string, double> checkAccuracy;  // clean / presence / colour / count / position
  double overall = 0;        // mean of the category accuracies (GenEval's overall score)
  double imageAccuracy = 0;  // fraction of all images passing
  int64_t images = 0;
  nlohmann::json toJson() const;
};

// Accumulates checks; report() summarises them.
class ShapesEvaluator {
 public:
  void add(const ShapesPrompt& prompt, const ShapesCheck& check);
  ShapesEvalReport report() const;

 private:
  struct Tally {
    int64_t n = 0, passed = 0;
  };
  std::map<std::string, Tally> categories_, checks_;
  int64_t images_ = 0, passed_ = 0;
};

}  // namespace tfs
