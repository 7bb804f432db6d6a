#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace tfs {

// What one optimiser step reports (to observers and metrics.jsonl).
struct StepMetrics {
  int64_t step = 0;  // 1-based: the number of optimiser steps done after this one
  int64_t totalSteps = 0;
  double time = 0;  // seconds since the run started (resumes continue the clock)
  double lm = 0, diffusion = 0, total = 0;
  double lr = 0;
  double gradNorm = 0;  // before clipping
  double tokensPerS = 0, imagesPerS = 0;
  int64_t tokens = 0, images = 0;  // non-pad positions and images of this step (all ranks)
  // A multi-process job (core/dist): its ranks, and the seconds this step waited for gradient
  // all-reduces after backward ended (the part of the communication not hidden behind it).
  int64_t world = 1;
  double allreduceWaitS = 0;
  bool skipped = false;
  std::string skipReason;
};

// Appends one JSON object per step to runs/<name>/metrics.jsonl, flushed per line so a
// watcher (the studio) never sees half a record.
class MetricsLog {
 public:
  // Opens for append; when truncateAfterStep >= 0, lines of later steps are dropped first
  // (a resumed run rewrites the steps after its checkpoint).
  explicit MetricsLog(const std::string& path, int64_t truncateAfterStep = -1);
  ~MetricsLog();
  MetricsLog(const MetricsLog&) = delete;
  MetricsLog& operator=(const MetricsLog&) = delete;

  void append(const StepMetrics& m);
  static std::string toJsonLine(const StepMetrics& m);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  FILE* file_ = nullptr;
};

}  // namespace tfs
