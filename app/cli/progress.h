#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "core/train/train_observer.h"

namespace tfs::cli {

// One line that redraws itself on a terminal ("\r"), or plain log lines every N updates when
// stdout is a file or a pipe (CI, nohup).
class ProgressLine {
 public:
  explicit ProgressLine(int64_t plainEvery = 10);
  ~ProgressLine();
  // done of total; text follows the bar. Throttled to ~10 redraws a second on a terminal.
  void update(int64_t done, int64_t total, const std::string& text, bool force = false);
  void finish();  // ends the line on a terminal
  static std::string eta(double seconds);

 private:
  bool tty_;
  int64_t plainEvery_;
  bool open_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// The trainer's CLI observer: progress bar with losses, tokens/s and ETA; messages on their own
// line.
class TrainProgress : public TrainObserver {
 public:
  explicit TrainProgress(int64_t logEvery) : line_(logEvery) {}
  void onStep(const StepMetrics& m) override;
  void onCheckpoint(const std::string& folder) override;
  void onSample(const std::string& path) override;
  void onMessage(spdlog::level::level_enum level, const std::string& text) override;
  void onFinished(const TrainSummary& s) override;

 private:
  ProgressLine line_;
  int64_t firstStep_ = -1;
  double firstTime_ = 0;
};

// Ctrl-C (and SIGTERM) call `onStop` once (it must only set atomics); a second Ctrl-C kills.
void installStopHandler(std::function<void()> onStop);
void removeStopHandler();

}  // namespace tfs::cli
