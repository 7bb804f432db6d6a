#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/eval/feature_classifier.h"
#include "core/eval/labelled_images.h"
#include "core/generate/generator.h"

namespace tfs {

struct ConversationEvalOptions {
  int64_t conversations = 5;  // of each kind, each with its own seed
  int64_t draws = 4;          // "/draw <caption>" turns in ONE conversation, different classes
  int64_t questions = 10;     // attached real images + "what is this?" in ONE conversation
  GenerateOptions generate;
  uint64_t seed = 0;
  std::function<void(int64_t done, int64_t total)> onTurn;
};

// Scripted multi-turn chats through Generator::reply, exactly as `transfusion chat` sends them
// (the chat's turn format, its context policy), scored per turn: a drawn image is right when the
// classifier gives the asked class and it is not mostly noise; a reply to "what is this?" is right
// when it names the attached image's class.
struct ConversationEvalResult {
  int64_t drawTurns = 0, drawCorrect = 0, drawNoise = 0, drawNoImage = 0;
  int64_t askTurns = 0, askCorrect = 0, askEmpty = 0;
  int64_t droppedMessages = 0;  // by the context policy, over all conversations
  std::vector<double> drawPerConversation, askPerConversation;  // accuracy of each conversation
  std::vector<std::string> transcript;  // of the first conversation of each kind
  double drawAccuracy() const { return drawTurns ? double(drawCorrect) / double(drawTurns) : 0; }
  double askAccuracy() const { return askTurns ? double(askCorrect) / double(askTurns) : 0; }
  nlohmann::json toJson() const;
};

ConversationEvalResult evaluateConversations(
    Generator& generator, FeatureClassifier& classifier, const LabelledImages& test,
    const std::vector<std::string>& classNames,
    const std::function<int64_t(const std::string&)>& classOf,
    const std::function<std::string(int64_t)>& caption, const ConversationEvalOptions& opts);

}  // namespace tfs
