#pragma once

#include <spdlog/sinks/base_sink.h>

#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace tfs::studio {

// An spdlog sink that keeps the newest lines in a bounded ring; the UI drains it on a timer, so a
// chatty engine thread can never block or flood the UI thread.
class RingBufferSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit RingBufferSink(size_t capacity = 2000) : capacity_(capacity) {}
  // Lines logged since the last call; dropped counts lines that fell out of the ring meanwhile.
  std::vector<std::string> drain(size_t* dropped = nullptr);

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override {}

 private:
  size_t capacity_;
  std::deque<std::string> lines_;
  size_t dropped_ = 0;
};

}  // namespace tfs::studio
