#include "app/studio/log_sink.h"

namespace tfs::studio {

void RingBufferSink::sink_it_(const spdlog::details::log_msg& msg) {
  spdlog::memory_buf_t formatted;
  formatter_->format(msg, formatted);
  std::string line(formatted.data(), formatted.size());
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  lines_.push_back(std::move(line));
  while (lines_.size() > capacity_) {
    lines_.pop_front();
    ++dropped_;
  }
}

std::vector<std::string> RingBufferSink::drain(size_t* dropped) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out(std::make_move_iterator(lines_.begin()),
                               std::make_move_iterator(lines_.end()));
  lines_.clear();
  if (dropped) *dropped = dropped_;
  dropped_ = 0;
  return out;
}

}  // namespace tfs::studio
