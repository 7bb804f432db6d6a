#include "core/data/shapes.h"

#include <algorithm>
#include <cstdlib>

#include "core/data/image_io.h"

namespace tfs {

namespace {

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

}  // namespace

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

}  // namespace tfs
