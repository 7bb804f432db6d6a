#include "core/eval/edit_eval.h"

#include <cmath>
#include <cstdlib>

#include <limits>
#include "core/base/error.h"

namespace tfs {

namespace {

// free[i]: expected object i may be anywhere (and freeSize[i]: of either size).
EditCheck checkScene(const Scene& expected, const std::vector<bool>& freePlace,
                     const std::vector<bool>& freeSize, const torch::Tensor& produced,
                     int tolerance) {
  EditCheck c;
  c.found = analyseScene(produced);
  if (tolerance < 0) tolerance = std::max(1, expected.imageSize / 16);
  std::vector<bool> used(c.found.objects.size(), false);
  std::vector<std::string> why;
  // Objects with a fixed place first, so a free one cannot take the match of a fixed one.
  std::vector<size_t> order;
  for (size_t k = 0; k < expected.objects.size(); ++k)
    if (!freePlace[k]) order.push_back(k);
  for (size_t k = 0; k < expected.objects.size(); ++k)
    if (freePlace[k]) order.push_back(k);
  for (size_t k : order) {
    const auto& e = expected.objects[k];
    int best = -1;
    int bestDist = std::numeric_limits<int>::max();
    for (size_t i = 0; i < c.found.objects.size(); ++i) {
      const auto& f = c.found.objects[i];
      if (used[i] || f.kind != e.kind || f.colour != e.colour) continue;
      if (f.size != e.size && !freeSize[k]) continue;
      const int dx = std::abs(f.x - e.x), dy = std::abs(f.y - e.y);
      if (!freePlace[k] && (dx > tolerance || dy > tolerance)) continue;
      if (dx + dy < bestDist) {
        bestDist = dx + dy;
        best = int(i);
      }
    }
    if (best < 0)
      why.push_back("missing " +
                    (freePlace[k]
                         ? (freeSize[k] ? std::string() : sizeName(e.size) + " ") +
                               colourName(e.colour) + " " + kindName(e.kind) + " (anywhere)"
                         : e.toString()));
    else
      used[size_t(best)] = true;
  }
  for (size_t i = 0; i < used.size(); ++i)
    if (!used[i]) why.push_back("extra " + c.found.objects[i].toString());
  c.fidelity = sceneFidelity(produced, c.found);
  if (c.fidelity < kMinSceneFidelity) why.push_back(uncleanSceneReason(c.fidelity));
  c.ok = why.empty();
  for (size_t i = 0; i < why.size(); ++i) c.reason += (i ? "; " : "") + why[i];
  return c;
}

}  // namespace

EditCheck checkEdit(const Scene& expected, const torch::Tensor& produced, int tolerance) {
  const std::vector<bool> none(expected.objects.size(), false);
  return checkScene(expected, none, none, produced, tolerance);
}

double keptRegionPsnr(const ShapeEdit& edit, const torch::Tensor& produced) {
  const auto in = renderScene(edit.input), out = renderScene(edit.output);
  auto img = produced.to(torch::kCPU, torch::kFloat32);
  if (img.dim() == 3 && img.size(0) == 1 && out.size(0) == 3) img = img.expand_as(out);
  if (img.sizes() != out.sizes())
    throw UsageError("the edited image is " + c10::str(img.sizes()) + ", the scene " +
                     c10::str(out.sizes()));
  const auto kept = (in == out).all(0);  // [S, S]
  const int64_t n = kept.sum().item<int64_t>();
  if (n == 0) return 60.0;
  const double mse = ((img - out).pow(2).sum(0) * kept.to(torch::kFloat32)).sum().item<double>() /
                     double(n * out.size(0));
  if (mse <= 0) return 60.0;
  return std::min(60.0, 10.0 * std::log10(4.0 / mse));
}

EditCheck checkEdit(const ShapeEdit& edit, const torch::Tensor& produced, int tolerance) {
  const auto& objs = edit.output.objects;
  std::vector<bool> freePlace(objs.size(), false), freeSize(objs.size(), false);
  if (edit.added) {
    for (size_t k = 0; k < objs.size(); ++k) {
      if (objs[k] != *edit.added) continue;
      freePlace[k] = true;
      freeSize[k] = !edit.addedSizeNamed;
      break;
    }
  }
  return checkScene(edit.output, freePlace, freeSize, produced, tolerance);
}

}  // namespace tfs
