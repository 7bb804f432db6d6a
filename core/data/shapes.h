#pragma once

#include <torch/torch.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/data/data_source.h"

namespace tfs {

// The shapes world: solid shapes on a white background, drawn exactly, so analyseScene can read
// a rendered image back into the Scene that made it (ShapesEval, editing accuracy).
enum class ShapeKind { Circle, Square, Triangle };
enum class ShapeColour { Red, Green, Blue, Yellow, Purple, Orange };
enum class ShapeSize { Small, Large };
enum class Relation { LeftOf, RightOf, Above, Below };

constexpr int kShapeKinds = 3;
constexpr int kShapeColours = 6;
constexpr std::array<uint8_t, 3> kShapesBackground = {255, 255, 255};

std::string kindName(ShapeKind k);                            // "circle"
std::string kindPlural(ShapeKind k);                          // "circles"
std::string colourName(ShapeColour c);                        // "red"
std::string sizeName(ShapeSize s);                            // "small" / "large"
std::string relationPhrase(Relation r);                       // "to the left of", "above", ...
std::optional<ShapeKind> parseKind(const std::string& word);  // singular or plural
std::optional<ShapeColour> parseColour(const std::string& word);
std::array<uint8_t, 3> colourRgb(ShapeColour c);
// Half the side of the bounding box in pixels for an image of side imageSize.
int shapeRadius(ShapeSize s, int imageSize);

struct ShapeObject {
  ShapeKind kind = ShapeKind::Circle;
  ShapeColour colour = ShapeColour::Red;
  ShapeSize size = ShapeSize::Small;
  int x = 0;  // centre in pixel-corner coordinates: the box is [x-r, x+r) × [y-r, y+r)
  int y = 0;
  bool operator==(const ShapeObject& o) const;
  bool operator!=(const ShapeObject& o) const { return !(*this == o); }
  bool operator<(const ShapeObject& o) const;  // canonical order: x, y, kind, colour, size
  std::string toString() const;                // "small red circle at (20,31)"
};

struct Scene {
  int imageSize = 64;
  std::vector<ShapeObject> objects;
  void canonicalise();                    // sorts objects into canonical order
  bool operator==(const Scene& o) const;  // same objects regardless of order
  bool operator!=(const Scene& o) const { return !(*this == o); }
  std::string toString() const;
};

// Where a is relative to b along the dominant axis (|dx| >= |dy| → left/right). Image y grows down.
Relation relationOf(const ShapeObject& a, const ShapeObject& b);
// True when the two shapes do not overlap and keep a 2-pixel gap, both inside the image.
bool placementOk(const Scene& scene, const ShapeObject& o, int ignoreIndex = -1);

// 1–3 non-overlapping shapes, a pure function of the seed.
Scene randomScene(uint64_t seed, int imageSize = 64, int minObjects = 1, int maxObjects = 3);
// [3, S, S] float in [-1, 1], palette colours exactly.
torch::Tensor renderScene(const Scene& scene);
// A caption in one of several phrasings, chosen by variant; always names every object's colour
// and kind (or a count of them), and any relation it states is true.
std::string sceneCaption(const Scene& scene, uint64_t variant);

// Reads objects back from an image ([3, S, S] in [-1, 1] or uint8 [S, S, 3]): pixels snap to the
// nearest palette colour, 4-connected components per colour become objects, kind from fill ratio,
// size from width. Exact on rendered scenes; tolerant of small noise. Objects in canonical order.
Scene analyseScene(const torch::Tensor& image);

// Share of pixels whose colour class (background, one palette colour, or neither) is the same in
// the image and in renderScene(scene). 1 for a rendered scene and its analysis; low where the image
// holds what the scene does not explain: clutter, textured blobs, off-palette colour, shapes
// whose outline is not the kind they were read as.
double sceneFidelity(const torch::Tensor& image, const Scene& scene);
// Below this, an image is not a clean shapes scene: ShapesEval and editing accuracy fail it.
constexpr double kMinSceneFidelity = 0.9;
// The reason both checks give for such an image: "not a clean scene (62% of pixels explained,
// ...)".
std::string uncleanSceneReason(double fidelity);

enum class EditOp { Recolour, Move, Add, Remove, Resize };
std::string editOpName(EditOp op);

struct ShapeEdit {
  Scene input;
  EditOp op = EditOp::Recolour;
  std::string instruction;  // "make the circle green", "move the square to the right", ...
  Scene output;
  int target = -1;  // index into input.objects (-1 for Add)
  // Add: the new object. Its place is the generator's choice (the instruction names none), and
  // its size too unless the instruction names it: a check accepts it anywhere it fits.
  std::optional<ShapeObject> added;
  bool addedSizeNamed = false;
};
// The phrase that picks out exactly one object of the scene ("circle", "red circle",
// "small red circle"), or nullopt when none does.
std::optional<std::string> objectReference(const Scene& scene, int index);
// Moves shift by this many pixels (imageSize / 4).
int shapesMoveStep(int imageSize);
// A random input scene and one feasible edit of it; a pure function of the seed.
ShapeEdit randomEdit(uint64_t seed, int imageSize = 64);

// "shapes[:seed]": infinite captioned scenes; id "shapes-<seed>-<index>".
class ShapesSource : public ExampleSource {
 public:
  explicit ShapesSource(SourceOptions opts);
  std::optional<Example> next() override;
  void reset(uint64_t seed) override;
  std::string describe() const override;
  Scene sceneAt(uint64_t index) const;  // the scene behind example `index` of this seed

 private:
  SourceOptions opts_;
  uint64_t index_ = 0;
};

// "shapes-edit[:seed]": infinite editing triplets; id "shapes-edit-<seed>-<index>".
class ShapesEditSource : public EditSource {
 public:
  explicit ShapesEditSource(SourceOptions opts);
  std::optional<EditExample> next() override;
  void reset(uint64_t seed) override;
  std::string describe() const override;
  ShapeEdit editAt(uint64_t index) const;

 private:
  SourceOptions opts_;
  uint64_t index_ = 0;
};

}  // namespace tfs
