#pragma once

#include <string>
#include <vector>

namespace tfs {

// One operator (or a named scope such as "tfs::optimizer") as LibTorch's autograd profiler saw it
// on the profiled thread: how often it ran, its time including what it called (total), and without
// (self: the time spent in this op's own kernel and dispatch).
struct OpStat {
  std::string name;
  int64_t calls = 0;
  double selfMs = 0, totalMs = 0;
};

struct OpProfile {
  std::vector<OpStat> ops;  // by self time, largest first
  double wallMs = 0;        // wall time the profiler was on
  double selfMsSum() const;
};

// Records every ATen operator and RECORD_USER_SCOPE on this thread (and tasks launched from it)
// from construction until stop(). CPU timing only; costs a few microseconds per op while on.
class OpProfiler {
 public:
  OpProfiler();
  ~OpProfiler();  // stops without a result if stop() was not called
  OpProfiler(const OpProfiler&) = delete;
  OpProfiler& operator=(const OpProfiler&) = delete;
  OpProfile stop();

 private:
  bool on_ = false;
  double startMs_ = 0;
};

}  // namespace tfs
