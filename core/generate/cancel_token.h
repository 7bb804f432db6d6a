#pragma once

#include <atomic>

namespace tfs {

// Shared between a running generation and whoever may interrupt it (the studio's buttons, Ctrl-C).
// Three requests, as other studios offer: stop now; stop once the current image is done; skip the
// current image (drop it, carry on with the rest).
class CancelToken {
 public:
  void stopNow() { stopNow_ = true; }
  void stopAfterImage() { stopAfterImage_ = true; }
  void skipImage() { skipImage_ = true; }
  void clear() {
    stopNow_ = false;
    stopAfterImage_ = false;
    skipImage_ = false;
  }

  bool stopNowRequested() const { return stopNow_; }
  bool stopAfterImageRequested() const { return stopAfterImage_; }
  bool skipImageRequested() const { return skipImage_; }
  // A skip applies to one image: the generator consumes it.
  bool takeSkipImage() { return skipImage_.exchange(false); }

 private:
  std::atomic<bool> stopNow_{false};
  std::atomic<bool> stopAfterImage_{false};
  std::atomic<bool> skipImage_{false};
};

}  // namespace tfs
