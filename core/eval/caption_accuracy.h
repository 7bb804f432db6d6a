#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/eval/labelled_images.h"
#include "core/generate/generator.h"

namespace tfs {

// Captioning accuracy on labelled images: a caption is right when the class it names (first class
// noun) is the image's label; a caption naming no class counts as wrong.
class CaptionAccuracy {
 public:
  explicit CaptionAccuracy(std::vector<std::string> classNames)
      : names_(std::move(classNames)),
        confusion_(names_.size(), std::vector<int64_t>(names_.size() + 1, 0)) {}
  // predicted = -1 when the caption named no class.
  void add(int64_t label, int64_t predicted);
  int64_t total() const { return total_; }
  int64_t correct() const { return correct_; }
  int64_t unnamed() const { return unnamed_; }
  double value() const { return total_ ? double(correct_) / double(total_) : 0.0; }
  double classAccuracy(int64_t label) const;  // recall of one class
  nlohmann::json toJson() const;

 private:
  std::vector<std::string> names_;
  std::vector<std::vector<int64_t>> confusion_;  // [label][predicted, last = none]
  int64_t total_ = 0, correct_ = 0, unnamed_ = 0;
};

struct CaptionEvalOptions {
  int64_t n = 200;  // first n images of the set
  GenerateOptions generate;
  std::function<int64_t(const std::string&)> classOf;  // caption → class index or -1
  std::function<void(int64_t done, int64_t total)> onItem;
  int64_t keepExamples = 10;  // (label, caption) pairs kept for the report
};

struct CaptionEvalResult {
  CaptionAccuracy accuracy{{}};
  std::vector<std::pair<int64_t, std::string>> examples;
  nlohmann::json toJson() const;
};

// Captions data's images with the generator ([BOS][BOI] image [EOI] → text) and scores them.
CaptionEvalResult evaluateCaptions(Generator& generator, const LabelledImages& data,
                                   const std::vector<std::string>& classNames,
                                   const CaptionEvalOptions& opts);

}  // namespace tfs
