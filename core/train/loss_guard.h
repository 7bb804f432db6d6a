#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <deque>
#include <string>

namespace tfs {

// Decides whether an optimiser update is safe: refuses non-finite losses and loss spikes whose
// z-score against the recent window exceeds a threshold (llm.c's outlier detector).
class LossGuard {
 public:
  struct Verdict {
    bool skip = false;
    double zScore = 0;   // 0 while the window is still filling
    std::string reason;  // "" when not skipped
  };

  LossGuard(double zThreshold = 6.0, int64_t window = 100, int64_t minSamples = 20);

  // Judges one step's loss and then records it (finite values only) in the window.
  Verdict check(double loss);
  // A non-finite gradient norm also skips the update (the loss itself may look fine).
  static bool finite(double v);
  // The update check() let through was skipped after all (a non-finite gradient norm): counted.
  void noteSkipped() {
    ++skipped_;
    ++consecutive_;
  }
  // The update was applied: the run of consecutive skips ends.
  void noteApplied() { consecutive_ = 0; }

  int64_t skipped() const { return skipped_; }
  int64_t consecutiveSkips() const { return consecutive_; }
  nlohmann::json state() const;
  void restore(const nlohmann::json& s);

 private:
  double threshold_;
  int64_t window_, minSamples_;
  std::deque<double> values_;
  int64_t skipped_ = 0;
  int64_t consecutive_ = 0;
};

}  // namespace tfs
