#include "core/data/shapes.h"

#include <algorithm>
#include <cstdlib>

#include "core/base/error.h"
#include "core/data/shapes_detail.h"

namespace tfs {

using namespace shapes_detail;

Relation relationOf(const ShapeObject& a, const ShapeObject& b) {
  const int dx = a.x - b.x, dy = a.y - b.y;
  if (std::abs(dx) >= std::abs(dy)) return dx < 0 ? Relation::LeftOf : Relation::RightOf;
  return dy < 0 ? Relation::Above : Relation::Below;
}

bool placementOk(const Scene& scene, const ShapeObject& o, int ignoreIndex) {
  const int r = shapeRadius(o.size, scene.imageSize);
  if (o.x - r < 1 || o.y - r < 1 || o.x + r > scene.imageSize - 1 || o.y + r > scene.imageSize - 1)
    return false;
  for (int i = 0; i < int(scene.objects.size()); ++i) {
    if (i == ignoreIndex) continue;
    const auto& p = scene.objects[size_t(i)];
    const int gap = r + shapeRadius(p.size, scene.imageSize) + 2;
    if (std::abs(p.x - o.x) < gap && std::abs(p.y - o.y) < gap) return false;
  }
  return true;
}

namespace shapes_detail {

bool placeRandom(Rng& rng, Scene& scene, ShapeObject o) {
  const int r = shapeRadius(o.size, scene.imageSize);
  const int lo = r + 1, hi = scene.imageSize - r - 1;
  if (hi < lo) return false;
  for (int attempt = 0; attempt < 100; ++attempt) {
    o.x = lo + rng.below(hi - lo + 1);
    o.y = lo + rng.below(hi - lo + 1);
    if (placementOk(scene, o)) {
      scene.objects.push_back(o);
      return true;
    }
  }
  return false;
}

ShapeObject randomObject(Rng& rng) {
  ShapeObject o;
  o.kind = ShapeKind(rng.below(kShapeKinds));
  o.colour = ShapeColour(rng.below(kShapeColours));
  o.size = rng.coin() ? ShapeSize::Large : ShapeSize::Small;
  return o;
}

Scene sceneFromRng(Rng& rng, int imageSize, int minObjects, int maxObjects) {
  if (imageSize < 24) throw UsageError("shapes need an image size of at least 24 pixels");
  Scene s;
  s.imageSize = imageSize;
  const int n = minObjects + rng.below(std::max(1, maxObjects - minObjects + 1));
  for (int i = 0; i < n; ++i) {
    for (int attempt = 0; attempt < 10; ++attempt)
      if (placeRandom(rng, s, randomObject(rng))) break;
  }
  s.canonicalise();
  return s;
}

}  // namespace shapes_detail

Scene randomScene(uint64_t seed, int imageSize, int minObjects, int maxObjects) {
  Rng rng(mixSeed(seed, 0x5343454E45ull));
  return sceneFromRng(rng, imageSize, minObjects, maxObjects);
}

}  // namespace tfs
