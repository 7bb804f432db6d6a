#pragma once
// Synthetic data for the train suites: deterministic sources of 8×8 RGB images with captions,
// a text corpus, edit triplets, and a small tokenizer trained on their words.

#include <torch/torch.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/data/data_source.h"
#include "core/model/model_config.h"
#include "core/text/tokenizer.h"

namespace tfs::test {

inline const char* kKinds[] = {"circle", "square", "triangle", "sneaker", "boot", "dress", "shirt"};
inline const char* kColours[] = {"red", "green", "blue", "yellow", "purple"};

// Image i is a flat colour per channel, so the model can learn it; the caption names it.
class SyntheticImages : public ExampleSource {
 public:
  SyntheticImages(int64_t count, int64_t size = 8, std::string prefix = "img")
      : count_(count), size_(size), prefix_(std::move(prefix)) {}
  std::optional<Example> next() override {
    if (i_ >= count_) return std::nullopt;
    const int64_t k = static_cast<int64_t>((i_ * 7 + seed_) % 5);
    Example e;
    e.id = prefix_ + "-" + std::to_string(i_);
    e.text = std::string("a ") + kColours[k] + " " + kKinds[(i_ + seed_) % 7];
    e.image = torch::full({3, size_, size_}, -0.8f);
    e.image[k % 3].fill_(0.2f * k - 0.4f);
    e.label = k;
    ++i_;
    return e;
  }
  void reset(uint64_t seed) override {
    seed_ = seed % 1000;
    i_ = 0;
  }
  std::string describe() const override { return "synthetic images " + prefix_; }

 private:
  int64_t count_, size_;
  std::string prefix_;
  int64_t i_ = 0;
  uint64_t seed_ = 0;
};

class SyntheticText : public ExampleSource {
 public:
  explicit SyntheticText(int64_t count) : count_(count) {}
  std::optional<Example> next() override {
    if (i_ >= count_) return std::nullopt;
    Example e;
    e.id = "line-" + std::to_string(i_);
    const int64_t n = 2 + (i_ + static_cast<int64_t>(seed_)) % 6;
    for (int64_t w = 0; w < n; ++w)
      e.text += std::string(w ? " " : "") + kColours[(i_ + w) % 5] + " " + kKinds[(i_ * 3 + w) % 7];
    ++i_;
    return e;
  }
  void reset(uint64_t seed) override {
    seed_ = seed % 1000;
    i_ = 0;
  }
  std::string describe() const override { return "synthetic text"; }

 private:
  int64_t count_;
  int64_t i_ = 0;
  uint64_t seed_ = 0;
};

class SyntheticEdits : public EditSource {
 public:
  std::optional<EditExample> next() override {
    EditExample e;
    e.id = "edit-" + std::to_string(i_);
    e.input = torch::full({3, 8, 8}, -0.5f);
    e.output = torch::full({3, 8, 8}, 0.5f);
    e.instruction = std::string("make it ") + kColours[i_ % 5];
    ++i_;
    return e;
  }
  void reset(uint64_t) override { i_ = 0; }
  std::string describe() const override { return "synthetic edits"; }

 private:
  int64_t i_ = 0;
};

inline Tokenizer trainTestTokenizer(const std::string& dir) {
  std::filesystem::create_directories(dir);
  std::vector<std::string> texts;
  for (int i = 0; i < 400; ++i)
    texts.push_back(std::string("a ") + kColours[i % 5] + " " + kKinds[i % 7] + " make it " +
                    kColours[(i / 5) % 5] + " " + kKinds[(i / 7) % 7]);
  Tokenizer::TrainOptions o;
  o.vocabSize = 300;
  return Tokenizer::train(texts, dir + "/tok.model", o);
}

// tiny-test with the tokenizer's vocabulary.
inline ModelConfig tinyModel(const Tokenizer& tok) {
  ModelConfig m = preset("tiny-test");
  m.vocabSize = tok.vocabSize();
  return m;
}

}  // namespace tfs::test
