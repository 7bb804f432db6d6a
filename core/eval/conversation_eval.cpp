#include "core/eval/conversation_eval.h"

#include <algorithm>
#include <random>

#include "core/base/error.h"
#include "core/eval/image_quality.h"

namespace tfs {

nlohmann::json ConversationEvalResult::toJson() const {
  return {{"draw",
           {{"turns", drawTurns},
            {"correct", drawCorrect},
            {"accuracy", drawAccuracy()},
            {"mostly_noise", drawNoise},
            {"no_image", drawNoImage},
            {"per_conversation", drawPerConversation}}},
          {"ask",
           {{"turns", askTurns},
            {"correct", askCorrect},
            {"accuracy", askAccuracy()},
            {"empty_replies", askEmpty},
            {"per_conversation", askPerConversation}}},
          {"dropped_messages", droppedMessages},
          {"transcript", transcript}};
}

ConversationEvalResult evaluateConversations(
    Generator& gen, FeatureClassifier& classifier, const LabelledImages& test,
    const std::vector<std::string>& classNames,
    const std::function<int64_t(const std::string&)>& classOf,
    const std::function<std::string(int64_t)>& caption, const ConversationEvalOptions& o) {
  if (o.conversations < 1 || o.draws < 0 || o.questions < 0)
    throw UsageError("conversation eval needs at least one conversation");
  if (test.size() == 0) throw DataError("conversation eval: no labelled test images");
  const int64_t classes = int64_t(classNames.size());
  if (o.draws > classes)
    throw UsageError("at most " + std::to_string(classes) + " draws: one per class");
  torch::NoGradGuard ng;
  classifier->eval();
  ConversationEvalResult r;
  const int64_t total = o.conversations * (o.draws + o.questions);
  int64_t done = 0;
  auto tick = [&]() {
    if (o.onTurn) o.onTurn(++done, total);
  };
  const int64_t modelSize = gen.bundle().config().imageSize;
  for (int64_t c = 0; c < o.conversations; ++c) {
    std::mt19937_64 rng(o.seed * 1000003ULL + uint64_t(c));
    // One conversation of draws: different classes in a seeded order.
    std::vector<int64_t> order(static_cast<size_t>(classes));
    for (int64_t k = 0; k < classes; ++k) order[size_t(k)] = k;
    std::shuffle(order.begin(), order.end(), rng);
    Conversation conv;
    int64_t right = 0;
    for (int64_t k = 0; k < o.draws; ++k) {
      const int64_t label = order[size_t(k)];
      const std::string ask = caption(label);
      conv.addText(Role::User, ask);
      GenerateOptions go = o.generate;
      go.seed = o.generate.seed + uint64_t(c) * 100 + uint64_t(k);
      auto reply = gen.reply(conv, go, true);
      r.droppedMessages += reply.droppedMessages;
      for (const auto& p : reply.reply.parts) conv.add(Role::Model, p);
      ++r.drawTurns;
      std::string verdict;
      if (reply.images.empty()) {
        ++r.drawNoImage;
        verdict = "no image";
      } else {
        const auto& img = reply.images.front().image;
        const bool noise = highFrequencyRatio(img) > kNoiseRatio;
        auto x = toClassifierInput(img.unsqueeze(0), modelSize, classifier->config());
        const int64_t predicted = classifier->forward(x).argmax(1).item<int64_t>();
        r.drawNoise += noise ? 1 : 0;
        const bool ok = predicted == label && !noise;
        right += ok ? 1 : 0;
        r.drawCorrect += ok ? 1 : 0;
        verdict = "[image: classified " + classNames[size_t(predicted)] +
                  (noise ? ", mostly noise" : "") + "]";
      }
      if (c == 0) r.transcript.push_back("user: /draw " + ask + "  →  model: " + verdict);
      tick();
    }
    if (o.draws > 0) r.drawPerConversation.push_back(double(right) / double(o.draws));
    // One conversation of questions about attached real images.
    conv = {};
    right = 0;
    std::uniform_int_distribution<int64_t> pick(0, test.size() - 1);
    for (int64_t k = 0; k < o.questions; ++k) {
      const int64_t i = pick(rng);
      const int64_t label = test.labels[i].item<int64_t>();
      conv.addImage(Role::User, test.images[i]);
      conv.addText(Role::User, "what is this?");
      GenerateOptions go = o.generate;
      go.seed = o.generate.seed + uint64_t(c) * 100 + uint64_t(k);
      go.maxImages = 0;
      auto reply = gen.reply(conv, go, false);
      r.droppedMessages += reply.droppedMessages;
      for (const auto& p : reply.reply.parts) conv.add(Role::Model, p);
      ++r.askTurns;
      const bool empty = reply.text.find_first_not_of(" \t\r\n") == std::string::npos;
      r.askEmpty += empty ? 1 : 0;
      const bool ok = !empty && classOf(reply.text) == label;
      right += ok ? 1 : 0;
      r.askCorrect += ok ? 1 : 0;
      if (c == 0)
        r.transcript.push_back("user: [" + classNames[size_t(label)] +
                               "] what is this?  →  model: " + (empty ? "(nothing)" : reply.text) +
                               (ok ? "" : "  ✗"));
      tick();
    }
    if (o.questions > 0) r.askPerConversation.push_back(double(right) / double(o.questions));
  }
  return r;
}

}  // namespace tfs
