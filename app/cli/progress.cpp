#include "app/cli/progress.h"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "app/cli/command.h"

namespace tfs::cli {

ProgressLine::ProgressLine(int64_t plainEvery)
    : tty_(stdoutIsTty()), plainEvery_(std::max<int64_t>(1, plainEvery)) {}

ProgressLine::~ProgressLine() {
  finish();
}

std::string ProgressLine::eta(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "--:--";
  const auto s = static_cast<long long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", s / 60, s % 60);
  return buf;
}

void ProgressLine::update(int64_t done, int64_t total, const std::string& text, bool force) {
  if (!tty_) {
    if (force || done == total || done % plainEvery_ == 0) std::cout << text << std::endl;
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (!force && done != total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  const int width = 24;
  const double frac = total > 0 ? std::min(1.0, double(done) / double(total)) : 0.0;
  const int filled = int(frac * width + 0.5);
  std::string bar(filled, '#');
  bar += std::string(width - filled, '.');
  std::cout << "\r\033[K[" << bar << "] " << text << std::flush;
  open_ = true;
}

void ProgressLine::finish() {
  if (tty_ && open_) std::cout << "\n" << std::flush;
  open_ = false;
}

void TrainProgress::onStep(const StepMetrics& m) {
  if (firstStep_ < 0) {
    firstStep_ = m.step - 1;
    firstTime_ = m.time;
  }
  const double rate =
      m.time > firstTime_ ? double(m.step - firstStep_) / (m.time - firstTime_) : 0.0;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "step %lld/%lld  lm %.3f  diff %.4f  total %.3f  lr %.2e  |g| %.2f  %.0f tok/s  "
                "%.1f img/s  ETA %s%s",
                static_cast<long long>(m.step), static_cast<long long>(m.totalSteps), m.lm,
                m.diffusion, m.total, m.lr, m.gradNorm, m.tokensPerS, m.imagesPerS,
                ProgressLine::eta(rate > 0 ? double(m.totalSteps - m.step) / rate : -1).c_str(),
                m.skipped ? "  (skipped)" : "");
  line_.update(m.step, m.totalSteps, buf);
}

void TrainProgress::onCheckpoint(const std::string& folder) {
  line_.finish();
  std::cout << "checkpoint " << folder << std::endl;
}

void TrainProgress::onSample(const std::string& path) {
  line_.finish();
  std::cout << "sample " << path << std::endl;
}

void TrainProgress::onMessage(spdlog::level::level_enum level, const std::string&) {
  // spdlog prints the message itself; only close the bar so it lands on its own line.
  if (level >= spdlog::level::warn) line_.finish();
}

void TrainProgress::onFinished(const TrainSummary& s) {
  line_.finish();
  std::cout << (s.stopped ? "stopped" : "finished") << " at step " << s.steps << " after "
            << ProgressLine::eta(s.seconds) << " (lm " << s.lastLm << ", diffusion "
            << s.lastDiffusion << ", " << s.skipped << " updates skipped)";
  if (!s.lastCheckpoint.empty()) std::cout << "; checkpoint " << s.lastCheckpoint;
  std::cout << std::endl;
}

namespace {

std::function<void()>* gOnStop = nullptr;
volatile std::sig_atomic_t gStops = 0;

extern "C" void handleStop(int sig) {
  if (gStops++ > 0 || !gOnStop) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  (*gOnStop)();
}

}  // namespace

void installStopHandler(std::function<void()> onStop) {
  static std::function<void()> holder;
  holder = std::move(onStop);
  gOnStop = &holder;
  gStops = 0;
  std::signal(SIGINT, handleStop);
  std::signal(SIGTERM, handleStop);
}

void removeStopHandler() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  gOnStop = nullptr;
}

}  // namespace tfs::cli
