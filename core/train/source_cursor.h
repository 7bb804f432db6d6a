#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "core/base/error.h"
#include "core/data/data_source.h"

namespace tfs {

// Makes a source resumable: sources are pure functions of their reset seed, so a position is
// (epoch, records read) and restoring replays that many records. Finite sources restart with a
// new epoch seed when they run out, so the stream never ends.
template <typename Source, typename Record>
class SourceCursor {
 public:
  SourceCursor(Source* source, uint64_t seed) : source_(source), seed_(seed) {}

  Record next() {
    if (!started_) begin(0);
    auto r = source_->next();
    if (!r) {
      begin(epoch_ + 1);
      r = source_->next();
      if (!r)
        throw DataError("data source " + source_->describe() +
                        " yields no usable records; check the data path and the skip counts above");
    }
    ++position_;
    return std::move(*r);
  }

  nlohmann::json state() const { return {{"epoch", epoch_}, {"position", position_}}; }

  void restore(const nlohmann::json& s) {
    begin(s.at("epoch").get<int64_t>());
    const int64_t n = s.at("position").get<int64_t>();
    for (int64_t i = 0; i < n; ++i) {
      if (!source_->next())
        throw CheckpointError("cannot restore the data position of " + source_->describe() +
                              ": it has fewer records than when the checkpoint was written");
      ++position_;
    }
  }

  Source* source() const { return source_; }

 private:
  void begin(int64_t epoch) {
    epoch_ = epoch;
    position_ = 0;
    started_ = true;
    source_->reset(mixSeed(seed_, static_cast<uint64_t>(epoch)));
  }

  Source* source_;
  uint64_t seed_;
  int64_t epoch_ = 0, position_ = 0;
  bool started_ = false;
};

}  // namespace tfs
