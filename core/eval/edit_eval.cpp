#include "core/eval/edit_eval.h"

#include <cstdlib>
#include <limits>

namespace tfs {

EditCheck checkEdit(const Scene& expected, const torch::Tensor& produced, int tolerance) {
  EditCheck c;
  c.found = analyseScene(produced);
  if (tolerance < 0) tolerance = std::max(1, expected.imageSize / 16);
  std::vector<bool> used(c.found.objects.size(), false);
  std::vector<std::string> why;
  for (const auto& e : expected.objects) {
    int best = -1;
    int bestDist = std::numeric_limits<int>::max();
    for (size_t i = 0; i < c.found.objects.size(); ++i) {
      const auto& f = c.found.objects[i];
      if (used[i] || f.kind != e.kind || f.colour != e.colour || f.size != e.size) continue;
      const int dx = std::abs(f.x - e.x), dy = std::abs(f.y - e.y);
      if (dx > tolerance || dy > tolerance) continue;
      if (dx + dy < bestDist) {
        bestDist = dx + dy;
        best = int(i);
      }
    }
    if (best < 0)
      why.push_back("missing " + e.toString());
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

}  // namespace tfs
