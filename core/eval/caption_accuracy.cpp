#include "core/eval/caption_accuracy.h"

#include "core/base/error.h"

namespace tfs {

void CaptionAccuracy::add(int64_t label, int64_t predicted) {
  const int64_t k = int64_t(names_.size());
  if (label < 0 || label >= k)
    throw DataError("caption accuracy: label " + std::to_string(label) + " is outside the " +
                    std::to_string(k) + " classes");
  if (predicted >= k) predicted = -1;
  ++total_;
  if (predicted == label) ++correct_;
  if (predicted < 0) ++unnamed_;
  ++confusion_[size_t(label)][predicted < 0 ? size_t(k) : size_t(predicted)];
}

double CaptionAccuracy::classAccuracy(int64_t label) const {
  const auto& row = confusion_.at(size_t(label));
  int64_t n = 0;
  for (auto c : row) n += c;
  return n ? double(row[size_t(label)]) / double(n) : 0.0;
}

nlohmann::json CaptionAccuracy::toJson() const {
  nlohmann::json perClass = nlohmann::json::object();
  for (size_t c = 0; c < names_.size(); ++c) perClass[names_[c]] = classAccuracy(int64_t(c));
  return {{"metric", "caption accuracy"}, {"accuracy", value()},        {"captions", total_},
          {"correct", correct_},          {"no_class_named", unnamed_}, {"per_class", perClass},
          {"confusion", confusion_}};
}

nlohmann::json CaptionEvalResult::toJson() const {
  auto j = accuracy.toJson();
  j["examples"] = nlohmann::json::array();
  for (const auto& [label, caption] : examples)
    j["examples"].push_back({{"label", label}, {"caption", caption}});
  return j;
}

CaptionEvalResult evaluateCaptions(Generator& generator, const LabelledImages& data,
                                   const std::vector<std::string>& classNames,
                                   const CaptionEvalOptions& opts) {
  if (!opts.classOf) throw UsageError("caption accuracy needs a caption → class rule");
  const int64_t n = std::min<int64_t>(opts.n, data.size());
  if (n < 1)
    throw UsageError("caption accuracy needs at least one image (n >= 1) and a non-empty data set",
                     "n");
  CaptionEvalResult r{CaptionAccuracy(classNames), {}};
  for (int64_t i = 0; i < n; ++i) {
    auto out = generator.caption(data.images[i], opts.generate);
    const int64_t label = data.labels[i].item<int64_t>();
    r.accuracy.add(label, opts.classOf(out.text));
    if (int64_t(r.examples.size()) < opts.keepExamples) r.examples.emplace_back(label, out.text);
    if (opts.onItem) opts.onItem(i + 1, n);
  }
  return r;
}

}  // namespace tfs
