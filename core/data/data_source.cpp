#include "core/data/data_source.h"

#include <spdlog/spdlog.h>

#include <sstream>

namespace tfs {

int64_t SkipStats::total() const {
  int64_t n = 0;
  for (const auto& [reason, count] : byReason) n += count;
  return n;
}

void SkipStats::add(const std::string& reason, int64_t n) {
  byReason[reason] += n;
}

void SkipStats::merge(const SkipStats& other) {
  for (const auto& [reason, count] : other.byReason) byReason[reason] += count;
}

std::string SkipStats::summary() const {
  if (byReason.empty()) return "none";
  std::ostringstream s;
  s << total() << " (";
  bool first = true;
  for (const auto& [reason, count] : byReason) {
    s << (first ? "" : ", ") << reason << ": " << count;
    first = false;
  }
  s << ")";
  return s.str();
}

void ExampleSource::skip(const std::string& reason, const std::string& where,
                         const std::string& detail) {
  skipped_.add(reason);
  spdlog::warn("skipping {}: {}", where, detail.empty() ? reason : detail);
}

uint64_t splitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t mixSeed(uint64_t a, uint64_t b) {
  uint64_t s = a * 0x9E3779B97F4A7C15ull + b;
  splitMix64(s);
  return splitMix64(s);
}

ShuffledSource::ShuffledSource(std::unique_ptr<ExampleSource> inner, size_t bufferSize,
                               uint64_t seed)
    : inner_(std::move(inner)), bufferSize_(std::max<size_t>(1, bufferSize)) {
  reset(seed);
}

void ShuffledSource::reset(uint64_t seed) {
  inner_->reset(seed);
  state_ = mixSeed(seed, 0x5348554646ull);
  buffer_.clear();
  innerDone_ = false;
}

std::optional<Example> ShuffledSource::next() {
  while (!innerDone_ && buffer_.size() < bufferSize_) {
    auto e = inner_->next();
    if (!e) {
      innerDone_ = true;
      break;
    }
    buffer_.push_back(std::move(*e));
  }
  if (buffer_.empty()) return std::nullopt;
  size_t i = size_t(splitMix64(state_) % buffer_.size());
  std::swap(buffer_[i], buffer_.back());
  Example out = std::move(buffer_.back());
  buffer_.pop_back();
  return out;
}

std::string ShuffledSource::describe() const {
  return inner_->describe() + ", shuffled (buffer " + std::to_string(bufferSize_) + ")";
}

}  // namespace tfs
