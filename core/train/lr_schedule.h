#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tfs {

// Linear warm-up to the peak, then cosine decay to the floor at totalSteps (the Transfusion paper,
// §4.1: 4000 warm-up steps, 3e-4 → 1.5e-5). Step is 0-based: step 0 trains with peak/warmup.
class LrSchedule {
 public:
  LrSchedule(double peak, double floor, int64_t warmupSteps, int64_t totalSteps)
      : peak_(peak), floor_(floor), warmup_(warmupSteps), total_(totalSteps) {}

  double at(int64_t step) const {
    if (warmup_ > 0 && step < warmup_) return peak_ * static_cast<double>(step + 1) / warmup_;
    const int64_t span = std::max<int64_t>(1, total_ - warmup_);
    const double progress = std::clamp(static_cast<double>(step - warmup_) / span, 0.0, 1.0);
    return floor_ + 0.5 * (peak_ - floor_) * (1.0 + std::cos(M_PI * progress));
  }

 private:
  double peak_, floor_;
  int64_t warmup_, total_;
};

}  // namespace tfs
