#pragma once

// Internal to the shapes world (core/data/shapes_*.cpp): the seeded generator every random
// scene and edit draws from, and the helpers more than one of those files uses.

#include <cstdint>
#include <string>

#include "core/data/data_source.h"
#include "core/data/shapes.h"

namespace tfs::shapes_detail {

struct Rng {
  uint64_t state;
  explicit Rng(uint64_t seed) : state(seed) {}
  uint64_t next() { return splitMix64(state); }
  int below(int n) { return int(next() % uint64_t(n)); }
  bool coin() { return next() & 1; }
};

// "a small red circle" / "an orange square" (captions and add-instructions).
std::string nounPhrase(const ShapeObject& o, bool withSize);
// A random kind, colour and size (position unset).
ShapeObject randomObject(Rng& rng);
// Places o at a random position where placementOk holds (100 tries); false if none was found.
bool placeRandom(Rng& rng, Scene& scene, ShapeObject o);
// minObjects..maxObjects shapes, canonicalised; UsageError below 24 pixels.
Scene sceneFromRng(Rng& rng, int imageSize, int minObjects, int maxObjects);
// A source's options checked (size >= 24, 1 or 3 channels): UsageError otherwise.
void checkShapesOptions(const SourceOptions& opts);
// [3,S,S] RGB → the source's channel count (1: luma).
torch::Tensor toChannels(torch::Tensor rgb, int64_t channels);

}  // namespace tfs::shapes_detail
