#include "core/data/shapes.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <tuple>

namespace tfs {

namespace {

const char* const kKindNames[kShapeKinds] = {"circle", "square", "triangle"};
const char* const kColourNames[kShapeColours] = {"red",    "green",  "blue",
                                                 "yellow", "purple", "orange"};
// Far apart in RGB so small noise never moves a pixel to another colour.
const std::array<uint8_t, 3> kPalette[kShapeColours] = {
    {{220, 20, 20}},  {{20, 160, 40}},  {{30, 60, 220}},
    {{240, 220, 30}}, {{140, 40, 180}}, {{250, 140, 0}},
};

}  // namespace

std::string kindName(ShapeKind k) {
  return kKindNames[int(k)];
}
std::string kindPlural(ShapeKind k) {
  return kindName(k) + "s";
}
std::string colourName(ShapeColour c) {
  return kColourNames[int(c)];
}
std::string sizeName(ShapeSize s) {
  return s == ShapeSize::Small ? "small" : "large";
}
std::array<uint8_t, 3> colourRgb(ShapeColour c) {
  return kPalette[int(c)];
}

std::string relationPhrase(Relation r) {
  switch (r) {
    case Relation::LeftOf:
      return "to the left of";
    case Relation::RightOf:
      return "to the right of";
    case Relation::Above:
      return "above";
    case Relation::Below:
      return "below";
  }
  return "";
}

std::optional<ShapeKind> parseKind(const std::string& word) {
  for (int k = 0; k < kShapeKinds; ++k)
    if (word == kKindNames[k] || word == std::string(kKindNames[k]) + "s") return ShapeKind(k);
  return std::nullopt;
}

std::optional<ShapeColour> parseColour(const std::string& word) {
  for (int c = 0; c < kShapeColours; ++c)
    if (word == kColourNames[c]) return ShapeColour(c);
  return std::nullopt;
}

int shapeRadius(ShapeSize s, int imageSize) {
  int small = std::max(3, int(std::lround(imageSize * 0.09)));
  if (s == ShapeSize::Small) return small;
  return std::max(small + 2, int(std::lround(imageSize * 0.16)));
}

bool ShapeObject::operator==(const ShapeObject& o) const {
  return kind == o.kind && colour == o.colour && size == o.size && x == o.x && y == o.y;
}

bool ShapeObject::operator<(const ShapeObject& o) const {
  return std::make_tuple(x, y, int(kind), int(colour), int(size)) <
         std::make_tuple(o.x, o.y, int(o.kind), int(o.colour), int(o.size));
}

std::string ShapeObject::toString() const {
  return sizeName(size) + " " + colourName(colour) + " " + kindName(kind) + " at (" +
         std::to_string(x) + "," + std::to_string(y) + ")";
}

void Scene::canonicalise() {
  std::sort(objects.begin(), objects.end());
}

bool Scene::operator==(const Scene& o) const {
  if (imageSize != o.imageSize || objects.size() != o.objects.size()) return false;
  auto a = objects, b = o.objects;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

std::string Scene::toString() const {
  std::ostringstream s;
  s << "[";
  for (size_t i = 0; i < objects.size(); ++i) s << (i ? "; " : "") << objects[i].toString();
  s << "]";
  return s.str();
}

}  // namespace tfs
