#pragma once

#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>

#include "core/train/metrics_log.h"

namespace tfs {

struct TrainSummary {
  int64_t steps = 0;  // optimiser steps done (including earlier sessions of a resumed run)
  int64_t stepsThisSession = 0;
  double seconds = 0;  // run clock
  double lastLm = 0, lastDiffusion = 0;
  int64_t skipped = 0;
  bool stopped = false;  // stopped on request before reaching the step count
  std::string lastCheckpoint;
};

// One step of a VAE stage (VaeTrainer: `train-vae`, or the Train page's first phase).
struct VaeStepMetrics {
  int64_t step = 0, totalSteps = 0;
  double recon = 0, kl = 0, total = 0;
  double imagesPerS = 0;
};

// Receives the trainer's (and the VAE trainer's) events on the training thread; keep handlers
// short.
class TrainObserver {
 public:
  virtual ~TrainObserver() = default;
  virtual void onStep(const StepMetrics&) {}
  virtual void onVaeStep(const VaeStepMetrics&) {}
  virtual void onCheckpoint(const std::string& /*folder*/) {}
  virtual void onSample(const std::string& /*imagePath*/) {}
  virtual void onMessage(spdlog::level::level_enum /*level*/, const std::string& /*text*/) {}
  virtual void onFinished(const TrainSummary&) {}
};

// Pause / resume / stop-and-save, callable from any thread (a signal handler may call
// requestStop(), which only stores to an atomic; the worker notices at the next step).
class TrainControl {
 public:
  void pause() { paused_.store(true); }
  void resume() {
    paused_.store(false);
    cv_.notify_all();
  }
  void requestStop() {
    stop_.store(true);
    cv_.notify_all();
  }
  bool paused() const { return paused_.load(); }
  bool stopRequested() const { return stop_.load(); }
  // Blocks while paused and not stopped; polls so that a stop from a signal handler is seen.
  void waitWhilePaused() {
    std::unique_lock<std::mutex> lock(m_);
    while (paused_.load() && !stop_.load()) cv_.wait_for(lock, std::chrono::milliseconds(100));
  }

 private:
  std::atomic<bool> paused_{false}, stop_{false};
  std::mutex m_;
  std::condition_variable cv_;
};

}  // namespace tfs
