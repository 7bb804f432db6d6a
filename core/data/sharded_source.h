#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/data/data_source.h"

namespace tfs {

// Share `index` of `count` of a source (data parallelism: one share per batch row stream,
// core/train/row_streams.h). A record source (files) keeps records index, index + count,
// index + 2·count, … of each pass, so the shares are disjoint and together are the source; a
// generator (shapes, shapes-edit), which has no records to split, draws its own stream instead
// (its reset seed mixed with the index). The record order of a pass depends on the reset seed
// only, which every share is given alike (SourceCursor's seed), so the strides split one order.
template <typename Base, typename Record>
class Sharded : public Base {
 public:
  Sharded(std::unique_ptr<Base> inner, int64_t index, int64_t count, bool generator)
      : inner_(std::move(inner)), index_(index), count_(count), generator_(generator) {}

  std::optional<Record> next() override {
    if (generator_) return inner_->next();
    // Skip to this share's next record: `index` before the first, `count − 1` between.
    const int64_t skip = started_ ? count_ - 1 : index_;
    started_ = true;
    for (int64_t i = 0; i < skip; ++i)
      if (!inner_->next()) return std::nullopt;
    return inner_->next();
  }
  void reset(uint64_t seed) override {
    started_ = false;
    inner_->reset(generator_ ? mixSeed(seed, 0x5A4D00ull + static_cast<uint64_t>(index_)) : seed);
  }
  std::string describe() const override {
    return inner_->describe() + " (share " + std::to_string(index_ + 1) + " of " +
           std::to_string(count_) + ")";
  }
  SkipStats skipped() const override { return inner_->skipped(); }

 private:
  std::unique_ptr<Base> inner_;
  int64_t index_, count_;
  bool generator_;
  bool started_ = false;
};

using ShardedExampleSource = Sharded<ExampleSource, Example>;
using ShardedEditSource = Sharded<EditSource, EditExample>;

}  // namespace tfs
