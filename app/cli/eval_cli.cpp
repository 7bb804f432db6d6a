#include "app/cli/eval_cli.h"

#include <unistd.h>

#include <cstdio>

namespace tfs::cli {

StderrProgress::StderrProgress(std::string what)
    : what_(std::move(what)), tty_(isatty(STDERR_FILENO) == 1) {}

StderrProgress::~StderrProgress() {
  finish();
}

void StderrProgress::update(int64_t done, int64_t total) {
  if (!tty_ || total <= 0) return;
  const int64_t pct = done * 100 / total;
  if (pct == lastPercent_ && done != total) return;
  lastPercent_ = pct;
  std::fprintf(stderr, "\r\033[K%s %lld/%lld (%lld%%)", what_.c_str(), static_cast<long long>(done),
               static_cast<long long>(total), static_cast<long long>(pct));
  std::fflush(stderr);
  open_ = true;
}

void StderrProgress::finish() {
  if (open_) std::fprintf(stderr, "\n");
  open_ = false;
}

}  // namespace tfs::cli
