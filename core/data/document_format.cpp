#include "core/data/document_format.h"

#include "core/base/error.h"

namespace tfs {

void DocumentItems::addImage(const SpecialTokens& sp) {
  items.push_back(sp.boi);
  items.push_back(kImageSlot - imageCount++);
  items.push_back(sp.eoi);
}

int64_t DocumentItems::length(int64_t patchesPerImage) const {
  int64_t n = 0;
  for (auto v : items) n += isSlot(v) ? patchesPerImage : 1;
  return n;
}

std::vector<int64_t> DocumentItems::promptForImage(int64_t k) const {
  std::vector<int64_t> out;
  for (auto v : items) {
    if (isSlot(v) && slotImage(v) == k) return out;
    out.push_back(v);
  }
  throw Error("internal: the layout has no image " + std::to_string(k));
}

std::vector<int64_t> DocumentItems::tokens() const {
  std::vector<int64_t> out;
  for (auto v : items)
    if (!isSlot(v)) out.push_back(v);
  return out;
}

DocumentItems captionFirstLayout(const SpecialTokens& sp, const std::vector<int64_t>& caption) {
  DocumentItems d;
  d.add(sp.bos);
  d.add(caption);
  d.addImage(sp);
  d.add(sp.eos);
  return d;
}

DocumentItems imageFirstLayout(const SpecialTokens& sp, const std::vector<int64_t>& caption) {
  DocumentItems d;
  d.add(sp.bos);
  d.addImage(sp);
  d.add(caption);
  d.add(sp.eos);
  return d;
}

DocumentItems textLayout(const SpecialTokens& sp, const std::vector<int64_t>& text) {
  DocumentItems d;
  d.add(sp.bos);
  d.add(text);
  d.add(sp.eos);
  return d;
}

DocumentItems editLayout(const SpecialTokens& sp, const std::vector<int64_t>& instruction) {
  DocumentItems d;
  d.add(sp.bos);
  d.add(instruction);
  d.addImage(sp);
  d.addImage(sp);
  d.add(sp.eos);
  return d;
}

DocumentItems interleavedLayout(const SpecialTokens& sp,
                                const std::vector<std::vector<int64_t>>& captions) {
  DocumentItems d;
  d.add(sp.bos);
  for (const auto& c : captions) {
    d.add(c);
    d.addImage(sp);
  }
  d.add(sp.eos);
  return d;
}

std::string turnMarker(Role role) {
  return role == Role::User ? "User:" : "Model:";
}

DialogueItems dialogueLayout(const Conversation& conversation, const SpecialTokens& sp,
                             const TextEncoder& encode, bool openReply) {
  DialogueItems out;
  const auto userMarker = encode(turnMarker(Role::User));
  const auto modelMarker = encode(turnMarker(Role::Model));
  out.doc.add(sp.bos);
  for (size_t m = 0; m < conversation.messages.size(); ++m) {
    const auto& msg = conversation.messages[m];
    out.messageStarts.push_back(out.doc.items.size());
    out.doc.add(msg.role == Role::User ? userMarker : modelMarker);
    for (const auto& part : msg.parts) {
      if (part.isImage()) {
        out.imageRoles.push_back(msg.role);
        out.imageMessages.push_back(int64_t(m));
        out.doc.addImage(sp);
      } else if (!part.text.empty()) {
        out.doc.add(encode(part.text));
      }
    }
    if (msg.role == Role::Model) out.doc.add(sp.eos);
  }
  if (openReply) out.doc.add(modelMarker);
  return out;
}

std::string FittedConversation::notice() const {
  if (droppedMessages == 0) return {};
  return "the conversation outgrew the model's context: its oldest " +
         std::to_string(droppedMessages) + (droppedMessages == 1 ? " message" : " messages") +
         (droppedImages > 0 ? " (" + std::to_string(droppedImages) +
                                  (droppedImages == 1 ? " image" : " images") + ")"
                            : std::string()) +
         " are no longer seen by the model";
}

FittedConversation fitConversation(const Conversation& conversation, const SpecialTokens& sp,
                                   const TextEncoder& encode, int64_t patchesPerImage,
                                   int64_t maxPositions, int64_t reserve) {
  const auto& msgs = conversation.messages;
  // The newest user message and what follows it are never dropped.
  size_t lastUser = msgs.size();
  for (size_t i = msgs.size(); i-- > 0;)
    if (msgs[i].role == Role::User) {
      lastUser = i;
      break;
    }
  if (lastUser == msgs.size()) lastUser = msgs.empty() ? 0 : msgs.size() - 1;
  auto lengthFrom = [&](size_t first) {
    Conversation c;
    c.messages.assign(msgs.begin() + std::ptrdiff_t(first), msgs.end());
    return dialogueLayout(c, sp, encode, true).doc.length(patchesPerImage);
  };
  // Candidates start at user messages (whole exchanges), oldest first.
  for (size_t first = 0; first <= lastUser; ++first) {
    if (first > 0 && msgs[first].role != Role::User) continue;
    const int64_t need = lengthFrom(first);
    if (need + reserve > maxPositions && first < lastUser) continue;
    if (need + reserve > maxPositions)
      throw UsageError("the newest message needs " + std::to_string(need + reserve) +
                       " positions (with room for the reply) but the model's context is " +
                       std::to_string(maxPositions) +
                       ": shorten it or attach fewer images (each takes " +
                       std::to_string(patchesPerImage + 2) + ")");
    FittedConversation f;
    f.conversation.messages.assign(msgs.begin() + std::ptrdiff_t(first), msgs.end());
    f.droppedMessages = int64_t(first);
    for (size_t i = 0; i < first; ++i)
      for (const auto& p : msgs[i].parts) f.droppedImages += p.isImage() ? 1 : 0;
    f.positions = need;
    return f;
  }
  throw UsageError("the conversation is empty: say something first");
}

}  // namespace tfs
