#include "core/data/shapes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/base/error.h"
#include "core/data/image_io.h"

namespace tfs {

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
      int d = dist(colourRgb(ShapeColour(c)));
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

}  // namespace tfs
