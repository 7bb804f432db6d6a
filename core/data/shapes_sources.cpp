#include "core/data/shapes.h"

#include "core/base/error.h"
#include "core/data/shapes_detail.h"

namespace tfs {

using namespace shapes_detail;

namespace shapes_detail {

void checkShapesOptions(const SourceOptions& opts) {
  if (opts.imageSize < 24)
    throw UsageError("shapes need an image size of at least 24 pixels, got " +
                     std::to_string(opts.imageSize));
  if (opts.channels != 1 && opts.channels != 3)
    throw UsageError("shapes images have 1 or 3 channels, got " + std::to_string(opts.channels));
}

torch::Tensor toChannels(torch::Tensor rgb, int64_t channels) {
  if (channels == 3) return rgb;
  auto w = torch::tensor({0.299f, 0.587f, 0.114f}).view({3, 1, 1});
  return (rgb * w).sum(0, true);
}

}  // namespace shapes_detail

ShapesSource::ShapesSource(SourceOptions opts) : opts_(opts) {
  checkShapesOptions(opts_);
  reset(opts_.seed);
}

void ShapesSource::reset(uint64_t seed) {
  opts_.seed = seed;
  index_ = 0;
}

Scene ShapesSource::sceneAt(uint64_t index) const {
  return randomScene(mixSeed(opts_.seed, index), int(opts_.imageSize));
}

std::optional<Example> ShapesSource::next() {
  const uint64_t i = index_++;
  Scene s = sceneAt(i);
  Example e;
  e.id = "shapes-" + std::to_string(opts_.seed) + "-" + std::to_string(i);
  e.text = sceneCaption(s, mixSeed(opts_.seed ^ 0xC0FFEEull, i));
  e.image = toChannels(renderScene(s), opts_.channels);
  return e;
}

std::string ShapesSource::describe() const {
  return "shapes (seed " + std::to_string(opts_.seed) + ", " + std::to_string(opts_.imageSize) +
         "x" + std::to_string(opts_.imageSize) + ", infinite)";
}

ShapesEditSource::ShapesEditSource(SourceOptions opts) : opts_(opts) {
  checkShapesOptions(opts_);
  reset(opts_.seed);
}

void ShapesEditSource::reset(uint64_t seed) {
  opts_.seed = seed;
  index_ = 0;
}

ShapeEdit ShapesEditSource::editAt(uint64_t index) const {
  return randomEdit(mixSeed(opts_.seed, index), int(opts_.imageSize));
}

std::optional<EditExample> ShapesEditSource::next() {
  const uint64_t i = index_++;
  ShapeEdit s = editAt(i);
  EditExample e;
  e.id = "shapes-edit-" + std::to_string(opts_.seed) + "-" + std::to_string(i);
  e.input = toChannels(renderScene(s.input), opts_.channels);
  e.instruction = s.instruction;
  e.output = toChannels(renderScene(s.output), opts_.channels);
  return e;
}

std::string ShapesEditSource::describe() const {
  return "shapes editing triplets (seed " + std::to_string(opts_.seed) + ", " +
         std::to_string(opts_.imageSize) + "x" + std::to_string(opts_.imageSize) + ", infinite)";
}

}  // namespace tfs
