#pragma once

#include <cstdint>
#include <string>

namespace tfs::cli {

// A progress line on stderr (so --json keeps stdout clean): redrawn on a terminal, silent when
// stderr is a file or a pipe except for the final line.
class StderrProgress {
 public:
  explicit StderrProgress(std::string what);
  ~StderrProgress();
  void update(int64_t done, int64_t total);
  void finish();

 private:
  std::string what_;
  bool tty_, open_ = false;
  int64_t lastPercent_ = -1;
};

}  // namespace tfs::cli
