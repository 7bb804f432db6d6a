#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/data/conversation.h"

namespace tfs {

// One exchange of a synthetic training dialogue, made from a captioned image: the user asks for
// a drawing of the caption (the model answers with the image), or attaches the image and asks
// what it is (the model answers with the caption), or asks about an earlier image of the dialogue.
// The phrasings are the ones `transfusion chat` and the studio send (a bare caption, as /draw
// sends it, among them), so a chat prompt is a training prefix.
struct DialogueTurn {
  enum class Kind { Draw, Ask, RecallLast, RecallFirst };
  Kind kind = Kind::Draw;
  std::string userText;
  std::string modelText;      // the reply's text (Ask, Recall*); "" for Draw
  bool usesImage = false;     // the example's image is part of the exchange
  bool imageByModel = false;  // Draw: the model's reply; Ask: the user's attachment
  bool imageFirst = true;     // Ask: the image before the question
};

// u1..u3 are uniform draws in [0, 1) (the caller's seeded stream). earlier: the captions of the
// dialogue's images so far; lastModelImage: index into earlier of the model's latest drawing, -1
// for none.
DialogueTurn dialogueTurn(const std::string& caption, const std::vector<std::string>& earlier,
                          int64_t lastModelImage, double u1, double u2, double u3);
// Appends the exchange (user message, then the model's) to the conversation.
void applyDialogueTurn(Conversation& conversation, const DialogueTurn& turn,
                       const torch::Tensor& image);

// The phrasings, for evaluation scripts that speak as a user would.
const std::vector<std::string>& drawRequestTemplates();  // "{}" = the caption
const std::vector<std::string>& imageQuestions();

}  // namespace tfs
