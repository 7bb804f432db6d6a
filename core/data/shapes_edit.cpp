#include "core/data/shapes.h"

#include <algorithm>

#include "core/base/error.h"
#include "core/data/shapes_detail.h"

namespace tfs {

using namespace shapes_detail;

std::string editOpName(EditOp op) {
  switch (op) {
    case EditOp::Recolour:
      return "recolour";
    case EditOp::Move:
      return "move";
    case EditOp::Add:
      return "add";
    case EditOp::Remove:
      return "remove";
    case EditOp::Resize:
      return "resize";
  }
  return "";
}

std::optional<std::string> objectReference(const Scene& scene, int index) {
  const auto& t = scene.objects[size_t(index)];
  auto countIf = [&](auto pred) {
    return std::count_if(scene.objects.begin(), scene.objects.end(), pred);
  };
  if (countIf([&](const ShapeObject& o) { return o.kind == t.kind; }) == 1) return kindName(t.kind);
  if (countIf([&](const ShapeObject& o) { return o.kind == t.kind && o.colour == t.colour; }) == 1)
    return colourName(t.colour) + " " + kindName(t.kind);
  if (countIf([&](const ShapeObject& o) {
        return o.kind == t.kind && o.colour == t.colour && o.size == t.size;
      }) == 1)
    return sizeName(t.size) + " " + colourName(t.colour) + " " + kindName(t.kind);
  return std::nullopt;
}

int shapesMoveStep(int imageSize) {
  return imageSize / 4;
}

ShapeEdit randomEdit(uint64_t seed, int imageSize) {
  Rng rng(mixSeed(seed, 0x45444954ull));
  for (int attempt = 0; attempt < 1000; ++attempt) {
    ShapeEdit e;
    e.input = sceneFromRng(rng, imageSize, 1, 3);
    e.op = EditOp(rng.below(5));
    e.output = e.input;
    const int n = int(e.input.objects.size());
    if (e.op == EditOp::Add) {
      if (n >= 3) continue;
      ShapeObject o = randomObject(rng);
      if (!placeRandom(rng, e.output, o)) continue;
      const bool withSize = rng.coin();
      e.added = e.output.objects.back();
      e.addedSizeNamed = withSize;
      const std::string np = nounPhrase(e.output.objects.back(), withSize);
      const char* const forms[] = {"add {}", "add {} to the picture", "draw {} as well"};
      std::string tpl = forms[rng.below(3)];
      e.instruction = tpl.replace(tpl.find("{}"), 2, np);
      e.output.canonicalise();
      return e;
    }
    e.target = rng.below(n);
    auto ref = objectReference(e.input, e.target);
    if (!ref) continue;
    const std::string the = "the " + *ref;
    auto& obj = e.output.objects[size_t(e.target)];
    std::string text;
    switch (e.op) {
      case EditOp::Recolour: {
        ShapeColour c =
            ShapeColour((int(obj.colour) + 1 + rng.below(kShapeColours - 1)) % kShapeColours);
        obj.colour = c;
        const char* const forms[] = {"make {t} {c}", "change the colour of {t} to {c}",
                                     "colour {t} {c}", "turn {t} {c}"};
        text = forms[rng.below(4)];
        text.replace(text.find("{c}"), 3, colourName(c));
        break;
      }
      case EditOp::Move: {
        const int dir = rng.below(4), step = shapesMoveStep(imageSize);
        const int dx[4] = {-step, step, 0, 0}, dy[4] = {0, 0, -step, step};
        obj.x += dx[dir];
        obj.y += dy[dir];
        if (!placementOk(e.output, obj, e.target)) continue;
        const char* const moves[4][2] = {{"move {t} to the left", "move {t} left"},
                                         {"move {t} to the right", "move {t} right"},
                                         {"move {t} up", "move {t} upwards"},
                                         {"move {t} down", "move {t} downwards"}};
        text = moves[dir][rng.below(2)];
        break;
      }
      case EditOp::Remove: {
        if (n < 2) continue;
        e.output.objects.erase(e.output.objects.begin() + e.target);
        const char* const forms[] = {"remove {t}", "delete {t}", "take away {t}"};
        text = forms[rng.below(3)];
        break;
      }
      case EditOp::Resize: {
        const bool grow = obj.size == ShapeSize::Small;
        obj.size = grow ? ShapeSize::Large : ShapeSize::Small;
        if (!placementOk(e.output, obj, e.target)) continue;
        const char* const bigger[] = {"make {t} bigger", "make {t} larger", "enlarge {t}"};
        const char* const smaller[] = {"make {t} smaller", "shrink {t}", "make {t} small"};
        text = grow ? bigger[rng.below(3)] : smaller[rng.below(3)];
        break;
      }
      case EditOp::Add:
        break;
    }
    text.replace(text.find("{t}"), 3, the);
    e.instruction = text;
    e.output.canonicalise();
    return e;
  }
  throw DataError("could not generate a shapes edit for seed " + std::to_string(seed) +
                  " (image size " + std::to_string(imageSize) + " too small?)");
}

}  // namespace tfs
