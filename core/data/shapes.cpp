#include "core/data/shapes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <tuple>

#include "core/base/error.h"
#include "core/data/image_io.h"

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

struct Rng {
  uint64_t state;
  explicit Rng(uint64_t seed) : state(seed) {}
  uint64_t next() { return splitMix64(state); }
  int below(int n) { return int(next() % uint64_t(n)); }
  bool coin() { return next() & 1; }
};

std::string article(const std::string& word) {
  return std::string("aeiou").find(word[0]) != std::string::npos ? "an" : "a";
}

// "a small red circle" / "an orange square".
std::string nounPhrase(const ShapeObject& o, bool withSize) {
  std::string rest = (withSize ? sizeName(o.size) + " " : std::string()) + colourName(o.colour) +
                     " " + kindName(o.kind);
  return article(rest) + " " + rest;
}

const char* countWord(size_t n) {
  return n == 2 ? "two" : n == 3 ? "three" : "one";
}

bool inside(ShapeKind kind, int x, int y, int r, int i, int j) {
  const int dx2 = 2 * i + 1 - 2 * x,
            dy2 = 2 * j + 1 - 2 * y;  // twice the offset of the pixel centre
  switch (kind) {
    case ShapeKind::Square:
      return true;
    case ShapeKind::Circle:
      return dx2 * dx2 + dy2 * dy2 <= 4 * r * r;
    case ShapeKind::Triangle:  // apex (x, y-r), base y+r from x-r to x+r
      return 2 * std::abs(dx2) <= dy2 + 2 * r;
  }
  return false;
}

// A relation is stated in a caption only when one axis clearly dominates.
bool clearRelation(const ShapeObject& a, const ShapeObject& b) {
  int dx = std::abs(a.x - b.x), dy = std::abs(a.y - b.y);
  return std::max(dx, dy) >= 2 * std::min(dx, dy);
}

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

namespace {

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

}  // namespace

Scene randomScene(uint64_t seed, int imageSize, int minObjects, int maxObjects) {
  Rng rng(mixSeed(seed, 0x5343454E45ull));
  return sceneFromRng(rng, imageSize, minObjects, maxObjects);
}

torch::Tensor renderScene(const Scene& scene) {
  const int S = scene.imageSize;
  auto img = torch::empty({S, S, 3}, torch::kUInt8);
  auto* px = img.data_ptr<uint8_t>();
  for (int i = 0; i < S * S; ++i)
    for (int c = 0; c < 3; ++c) px[i * 3 + c] = kShapesBackground[size_t(c)];
  for (const auto& o : scene.objects) {
    const int r = shapeRadius(o.size, S);
    const auto rgb = colourRgb(o.colour);
    for (int j = std::max(0, o.y - r); j < std::min(S, o.y + r); ++j)
      for (int i = std::max(0, o.x - r); i < std::min(S, o.x + r); ++i)
        if (inside(o.kind, o.x, o.y, r, i, j))
          for (int c = 0; c < 3; ++c) px[(j * S + i) * 3 + c] = rgb[size_t(c)];
  }
  return fromUint8Hwc(img);
}

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

namespace {

torch::Tensor imageHwc(const torch::Tensor& image, const char* who) {
  torch::Tensor hwc;
  if (image.scalar_type() == torch::kUInt8 && image.dim() == 3 && image.size(2) == 3)
    hwc = image.contiguous();
  else if (image.dim() == 3 && image.size(0) == 3)
    hwc = toUint8Hwc(image);
  else
    throw DataError(std::string(who) +
                    " expects an RGB image [3, S, S] in [-1, 1] or uint8 [S, S, 3]");
  if (hwc.size(0) != hwc.size(1)) throw DataError(std::string(who) + " expects a square image");
  return hwc;
}

constexpr int8_t kBackgroundLabel = -1, kUnknownLabel = -2;

// Each pixel's colour class: the nearest of background and the palette within a tolerance, else
// unknown.
std::vector<int8_t> colourLabels(const torch::Tensor& hwc) {
  const int n = int(hwc.size(0) * hwc.size(1));
  const uint8_t* px = hwc.data_ptr<uint8_t>();
  std::vector<int8_t> label(size_t(n), kUnknownLabel);
  constexpr int kMaxDistance2 = 3 * 50 * 50;
  for (int p = 0; p < n; ++p) {
    auto dist = [&](const std::array<uint8_t, 3>& c) {
      int d = 0;
      for (int k = 0; k < 3; ++k) {
        int e = int(px[p * 3 + k]) - int(c[size_t(k)]);
        d += e * e;
      }
      return d;
    };
    int best = kBackgroundLabel, bestD = dist(kShapesBackground);
    for (int c = 0; c < kShapeColours; ++c) {
      int d = dist(kPalette[c]);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (bestD <= kMaxDistance2) label[size_t(p)] = int8_t(best);
  }
  return label;
}

}  // namespace

double sceneFidelity(const torch::Tensor& image, const Scene& scene) {
  const auto a = colourLabels(imageHwc(image, "sceneFidelity"));
  Scene s = scene;
  s.imageSize = int(std::lround(std::sqrt(double(a.size()))));
  const auto b = colourLabels(imageHwc(renderScene(s), "sceneFidelity"));
  int64_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i] && a[i] != kUnknownLabel;
  return a.empty() ? 0.0 : double(same) / double(a.size());
}

std::string uncleanSceneReason(double fidelity) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "not a clean scene (%.0f%% of pixels explained, need %.0f%%)",
                100 * fidelity, 100 * kMinSceneFidelity);
  return buf;
}

Scene analyseScene(const torch::Tensor& image) {
  const torch::Tensor hwc = imageHwc(image, "analyseScene");
  const int H = int(hwc.size(0)), W = int(hwc.size(1));
  // Background and unrecognisable colours are no object.
  std::vector<int8_t> label = colourLabels(hwc);
  for (auto& l : label) l = l < 0 ? int8_t(-1) : l;
  Scene scene;
  scene.imageSize = H;
  const int rs = shapeRadius(ShapeSize::Small, H), rl = shapeRadius(ShapeSize::Large, H);
  // Smallest real shape is a small triangle (about 2r² pixels); specks below ~40% are noise.
  const int minArea = std::max(4, int(0.4 * 2 * rs * rs));
  std::vector<uint8_t> seen(size_t(H * W), 0);
  std::vector<int> stack;
  for (int start = 0; start < H * W; ++start) {
    if (label[size_t(start)] < 0 || seen[size_t(start)]) continue;
    const int colour = label[size_t(start)];
    int area = 0, x0 = W, x1 = -1, y0 = H, y1 = -1;
    stack.assign(1, start);
    seen[size_t(start)] = 1;
    while (!stack.empty()) {
      int p = stack.back();
      stack.pop_back();
      int i = p % W, j = p / W;
      ++area;
      x0 = std::min(x0, i), x1 = std::max(x1, i), y0 = std::min(y0, j), y1 = std::max(y1, j);
      const int nb[4][2] = {{i - 1, j}, {i + 1, j}, {i, j - 1}, {i, j + 1}};
      for (const auto& n : nb) {
        if (n[0] < 0 || n[0] >= W || n[1] < 0 || n[1] >= H) continue;
        int q = n[1] * W + n[0];
        if (!seen[size_t(q)] && label[size_t(q)] == colour) {
          seen[size_t(q)] = 1;
          stack.push_back(q);
        }
      }
    }
    if (area < minArea) continue;
    const int w = x1 - x0 + 1, h = y1 - y0 + 1;
    ShapeObject o;
    o.colour = ShapeColour(colour);
    o.size = w >= rs + rl ? ShapeSize::Large : ShapeSize::Small;
    const double fill = double(area) / double(w * h);
    o.kind = fill > 0.9 ? ShapeKind::Square : fill > 0.66 ? ShapeKind::Circle : ShapeKind::Triangle;
    const int halfW = int(std::lround(w / 2.0));
    o.x = x0 + halfW;
    // A triangle's apex row holds no pixel centre, so its box starts one row below y - r.
    o.y = o.kind == ShapeKind::Triangle ? y1 + 1 - halfW : y0 + int(std::lround(h / 2.0));
    scene.objects.push_back(o);
  }
  scene.canonicalise();
  return scene;
}

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

ShapesSource::ShapesSource(SourceOptions opts) : opts_(opts) {
  if (opts_.imageSize < 24)
    throw UsageError("shapes need an image size of at least 24 pixels, got " +
                     std::to_string(opts_.imageSize));
  if (opts_.channels != 1 && opts_.channels != 3)
    throw UsageError("shapes images have 1 or 3 channels, got " + std::to_string(opts_.channels));
  reset(opts_.seed);
}

void ShapesSource::reset(uint64_t seed) {
  opts_.seed = seed;
  index_ = 0;
}

Scene ShapesSource::sceneAt(uint64_t index) const {
  return randomScene(mixSeed(opts_.seed, index), int(opts_.imageSize));
}

namespace {
torch::Tensor toChannels(torch::Tensor rgb, int64_t channels) {
  if (channels == 3) return rgb;
  auto w = torch::tensor({0.299f, 0.587f, 0.114f}).view({3, 1, 1});
  return (rgb * w).sum(0, true);
}
}  // namespace

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
  if (opts_.imageSize < 24)
    throw UsageError("shapes need an image size of at least 24 pixels, got " +
                     std::to_string(opts_.imageSize));
  if (opts_.channels != 1 && opts_.channels != 3)
    throw UsageError("shapes images have 1 or 3 channels, got " + std::to_string(opts_.channels));
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
