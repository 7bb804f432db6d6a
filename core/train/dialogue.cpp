#include "core/train/dialogue.h"

#include <algorithm>

namespace tfs {

namespace {

size_t pick(double u, size_t n) {
  return std::min(n - 1, static_cast<size_t>(u * double(n)));
}

std::string fill(const std::string& tmpl, const std::string& caption) {
  const auto at = tmpl.find("{}");
  if (at == std::string::npos) return tmpl;
  return tmpl.substr(0, at) + caption + tmpl.substr(at + 2);
}

const std::vector<std::string> kRecallLast = {"what did you draw?", "what is in your picture?",
                                              "what was that?"};
const std::vector<std::string> kRecallFirst = {"what was the first picture?",
                                               "what was the first image?"};
const std::vector<std::string> kAskAgain = {"and this one?", "what about this one?"};

}  // namespace

const std::vector<std::string>& drawRequestTemplates() {
  static const std::vector<std::string> t = {"{}",
                                             "{}",
                                             "draw {}",
                                             "show me {}",
                                             "can you draw {}?",
                                             "please draw {}",
                                             "make a picture of {}",
                                             "i would like {}"};
  return t;
}

const std::vector<std::string>& imageQuestions() {
  static const std::vector<std::string> q = {
      "what is this?",    "what is this?",       "what is in this picture?",
      "what do you see?", "describe this image", "what is it?"};
  return q;
}

DialogueTurn dialogueTurn(const std::string& caption, const std::vector<std::string>& earlier,
                          int64_t lastModelImage, double u1, double u2, double u3) {
  DialogueTurn t;
  if (!earlier.empty() && u1 < 0.1) {
    if (lastModelImage >= 0 && u2 < 0.6) {
      t.kind = DialogueTurn::Kind::RecallLast;
      t.userText = kRecallLast[pick(u3, kRecallLast.size())];
      t.modelText = earlier[size_t(lastModelImage)];
    } else {
      t.kind = DialogueTurn::Kind::RecallFirst;
      t.userText = kRecallFirst[pick(u3, kRecallFirst.size())];
      t.modelText = earlier.front();
    }
    return t;
  }
  t.usesImage = true;
  if (u1 < 0.55) {
    t.kind = DialogueTurn::Kind::Draw;
    t.imageByModel = true;
    t.userText = fill(drawRequestTemplates()[pick(u2, drawRequestTemplates().size())], caption);
    return t;
  }
  t.kind = DialogueTurn::Kind::Ask;
  t.modelText = caption;
  t.imageFirst = u3 < 0.75;
  const bool again = !earlier.empty() && u2 < 0.15;
  t.userText = again ? kAskAgain[pick(u3, kAskAgain.size())]
                     : imageQuestions()[pick(u2, imageQuestions().size())];
  return t;
}

void applyDialogueTurn(Conversation& c, const DialogueTurn& turn, const torch::Tensor& image) {
  switch (turn.kind) {
    case DialogueTurn::Kind::Draw:
      c.addText(Role::User, turn.userText);
      c.addImage(Role::Model, image);
      break;
    case DialogueTurn::Kind::Ask:
      if (turn.imageFirst) c.addImage(Role::User, image);
      c.addText(Role::User, turn.userText);
      if (!turn.imageFirst) c.addImage(Role::User, image);
      c.addText(Role::Model, turn.modelText);
      break;
    case DialogueTurn::Kind::RecallLast:
    case DialogueTurn::Kind::RecallFirst:
      c.addText(Role::User, turn.userText);
      c.addText(Role::Model, turn.modelText);
      break;
  }
}

}  // namespace tfs
