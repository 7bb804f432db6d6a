#include "core/data/shapes.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "core/data/shapes_detail.h"

namespace tfs {

using namespace shapes_detail;

namespace {

std::string article(const std::string& word) {
  return std::string("aeiou").find(word[0]) != std::string::npos ? "an" : "a";
}

const char* countWord(size_t n) {
  return n == 2 ? "two" : n == 3 ? "three" : "one";
}

// A relation is stated in a caption only when one axis clearly dominates.
bool clearRelation(const ShapeObject& a, const ShapeObject& b) {
  int dx = std::abs(a.x - b.x), dy = std::abs(a.y - b.y);
  return std::max(dx, dy) >= 2 * std::min(dx, dy);
}

}  // namespace

namespace shapes_detail {

// "a small red circle" / "an orange square".
std::string nounPhrase(const ShapeObject& o, bool withSize) {
  std::string rest = (withSize ? sizeName(o.size) + " " : std::string()) + colourName(o.colour) +
                     " " + kindName(o.kind);
  return article(rest) + " " + rest;
}

}  // namespace shapes_detail

std::string sceneCaption(const Scene& scene, uint64_t variant) {
  Rng rng(mixSeed(variant, 0x43415054ull));
  const bool withSize = rng.coin();
  const auto& objs = scene.objects;
  if (objs.empty()) return "an empty white picture";
  std::string body;
  // Groups of identical colour and kind are counted ("two green triangles").
  std::vector<std::vector<int>> groups;
  for (int i = 0; i < int(objs.size()); ++i) {
    bool placed = false;
    for (auto& g : groups) {
      const auto& f = objs[size_t(g[0])];
      if (f.kind == objs[size_t(i)].kind && f.colour == objs[size_t(i)].colour) {
        g.push_back(i);
        placed = true;
        break;
      }
    }
    if (!placed) groups.push_back({i});
  }
  auto groupPhrase = [&](const std::vector<int>& g) {
    const auto& f = objs[size_t(g[0])];
    if (g.size() == 1) return nounPhrase(f, withSize);
    bool sameSize =
        std::all_of(g.begin(), g.end(), [&](int i) { return objs[size_t(i)].size == f.size; });
    return std::string(countWord(g.size())) + " " +
           (withSize && sameSize ? sizeName(f.size) + " " : std::string()) + colourName(f.colour) +
           " " + kindPlural(f.kind);
  };
  if (objs.size() == 2 && groups.size() == 2 && rng.below(3) != 0 &&
      clearRelation(objs[0], objs[1])) {
    const int a = rng.below(2), b = 1 - a;
    body = nounPhrase(objs[size_t(a)], withSize) + " " +
           relationPhrase(relationOf(objs[size_t(a)], objs[size_t(b)])) + " " +
           nounPhrase(objs[size_t(b)], withSize);
  } else {
    // Mention groups in a seeded order.
    for (size_t i = groups.size(); i > 1; --i)
      std::swap(groups[i - 1], groups[size_t(rng.below(int(i)))]);
    for (size_t i = 0; i < groups.size(); ++i) {
      if (i > 0) body += i + 1 == groups.size() ? " and " : ", ";
      body += groupPhrase(groups[i]);
    }
  }
  switch (rng.below(4)) {
    case 1:
      return "a picture of " + body;
    case 2:
      return body + " on a white background";
    default:
      return body;
  }
}

}  // namespace tfs
