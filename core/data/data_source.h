#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/data/example.h"

namespace tfs {

// What every source is asked for. Images come out as [channels, imageSize, imageSize].
struct SourceOptions {
  int64_t imageSize = 64;
  int64_t channels = 3;  // 1 or 3
  uint64_t seed = 0;     // generators and caption phrasing; reset(seed) changes it
  bool shuffle = false;  // data_spec wraps the source in a ShuffledSource
  size_t shuffleBuffer = 1024;
  // Data parallelism (core/train/row_streams.h): this source is share shardIndex of shardCount
  // (core/data/sharded_source.h). 1 share: the whole source.
  int64_t shardIndex = 0;
  int64_t shardCount = 1;
};

// Bad records skipped, counted per reason ("corrupt image", "missing caption", ...).
struct SkipStats {
  std::map<std::string, int64_t> byReason;
  int64_t total() const;
  void add(const std::string& reason, int64_t n = 1);
  void merge(const SkipStats& other);
  std::string summary() const;  // "none" or "3 (corrupt image: 2, missing caption: 1)"
};

// Streaming record source: holds at most a few records at a time, so data sets larger than
// memory work. Finite sources return nullopt at the end; call reset() for another pass.
// The sequence is a pure function of the construction arguments and the last reset seed.
class ExampleSource {
 public:
  virtual ~ExampleSource() = default;
  virtual std::optional<Example> next() = 0;
  // Restarts from the beginning; seed picks caption phrasings / generator streams / shuffle order.
  virtual void reset(uint64_t seed) = 0;
  virtual std::string describe() const = 0;
  virtual SkipStats skipped() const { return skipped_; }

 protected:
  // Counts the record under `reason` and logs one line saying where and why:
  // "skipping shard-003.tar member 000123.jpg: corrupt JPEG (bad huffman code)".
  void skip(const std::string& reason, const std::string& where, const std::string& detail);
  SkipStats skipped_;
};

// Instruction-editing triplets (shapes-edit).
class EditSource {
 public:
  virtual ~EditSource() = default;
  virtual std::optional<EditExample> next() = 0;
  virtual void reset(uint64_t seed) = 0;
  virtual std::string describe() const = 0;
  virtual SkipStats skipped() const { return {}; }
};

// A deterministic shuffle buffer over any source (WebDataset style): reset(seed) restarts the
// inner source and reseeds the buffer, so the order is a function of the seed.
class ShuffledSource : public ExampleSource {
 public:
  ShuffledSource(std::unique_ptr<ExampleSource> inner, size_t bufferSize, uint64_t seed);
  std::optional<Example> next() override;
  void reset(uint64_t seed) override;
  std::string describe() const override;
  SkipStats skipped() const override { return inner_->skipped(); }

 private:
  std::unique_ptr<ExampleSource> inner_;
  size_t bufferSize_;
  uint64_t state_ = 0;
  std::vector<Example> buffer_;
  bool innerDone_ = false;
};

// splitmix64: the project's portable, seedable generator step (std distributions differ by libc).
uint64_t splitMix64(uint64_t& state);
uint64_t mixSeed(uint64_t a, uint64_t b);

}  // namespace tfs
