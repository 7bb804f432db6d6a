#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/base/sequence_items.h"
#include "core/data/conversation.h"
#include "core/text/tokenizer.h"

namespace tfs {

// Every layout the model sees, spelt once. Training documents (core/train/document.h) and
// inference prompts (core/generate/generator.cpp) are both built from these functions, so the two
// cannot drift apart. A layout is a list of items: token ids (>= 0) and image slots
// (kImageSlot - k stands for the patches of image k); [BOI] and [EOI] are ordinary ids around a
// slot.
struct DocumentItems {
  static constexpr int64_t kImageSlot = tfs::kImageSlot;  // core/base/sequence_items.h
  std::vector<int64_t> items;
  int64_t imageCount = 0;

  void add(int64_t id) { items.push_back(id); }
  void add(const std::vector<int64_t>& ids) { items.insert(items.end(), ids.begin(), ids.end()); }
  // [BOI] <slot> [EOI]
  void addImage(const SpecialTokens& sp);
  // Positions taken with `patchesPerImage` patches per image.
  int64_t length(int64_t patchesPerImage) const;
  // The items before image k's patches (ending with its [BOI]): the prompt that generates it.
  std::vector<int64_t> promptForImage(int64_t k) const;
  // The token ids of a layout without images (a text prompt).
  std::vector<int64_t> tokens() const;
  static bool isSlot(int64_t item) { return isImageSlot(item); }
  static int64_t slotImage(int64_t item) { return tfs::slotImage(item); }
};

// [BOS] caption [BOI] <image> [EOI] [EOS] — text-to-image (the prompt: up to [BOI]).
DocumentItems captionFirstLayout(const SpecialTokens& sp, const std::vector<int64_t>& caption);
// [BOS] [BOI] <image> [EOI] caption [EOS] — captioning; with an empty caption it is also the
// unconditional layout [BOS] [BOI] <image> [EOI] [EOS] classifier-free guidance drops to.
DocumentItems imageFirstLayout(const SpecialTokens& sp, const std::vector<int64_t>& caption);
// [BOS] text [EOS]
DocumentItems textLayout(const SpecialTokens& sp, const std::vector<int64_t>& text);
// [BOS] instruction [BOI] <input> [EOI] [BOI] <output> [EOI] [EOS] — instruction editing. The
// instruction comes first so that every output patch sits exactly patchesPerImage + 2 positions
// after the input patch at the same place, whatever the instruction's length: with RoPE, "copy
// what is unchanged" is one fixed relative offset (with the instruction between the images the
// offset moved with its length, and small models did not learn to copy). The input image is
// image 0, the output image 1; with an empty instruction it is the layout classifier-free
// guidance drops to (the input kept: InstructPix2Pix's image-only condition).
DocumentItems editLayout(const SpecialTokens& sp, const std::vector<int64_t>& instruction);
// [BOS] caption₁ [BOI] <image₁> [EOI] caption₂ [BOI] <image₂> [EOI] … [EOS] — several pairs.
DocumentItems interleavedLayout(const SpecialTokens& sp,
                                const std::vector<std::vector<int64_t>>& captions);

// The dialogue turn format of `transfusion chat` and the studio's Conversation:
//   [BOS] then per message: its role's marker ("User:" / "Model:"), its parts in order (text
//   encoded, an image as [BOI] <image> [EOI]), and [EOS] after a model message (end of turn).
// openReply appends the model's marker: the prompt the next reply continues.
struct DialogueItems {
  DocumentItems doc;
  std::vector<Role> imageRoles;        // per image
  std::vector<int64_t> imageMessages;  // message index of each image
  std::vector<size_t> messageStarts;   // item index where each message begins
};
using TextEncoder = std::function<std::vector<int64_t>(const std::string&)>;
DialogueItems dialogueLayout(const Conversation& conversation, const SpecialTokens& sp,
                             const TextEncoder& encode, bool openReply);
// The marker text of a role ("User:" / "Model:"); a reply stops if the model starts a user turn.
std::string turnMarker(Role role);

// Fitting a conversation into a context: the oldest messages are dropped (whole exchanges, so the
// kept part starts with a user message) until the prompt plus `reserve` positions fit
// maxPositions; the newest user message is always kept whole. UsageError when that message alone
// does not fit.
struct FittedConversation {
  Conversation conversation;
  int64_t droppedMessages = 0;
  int64_t droppedImages = 0;
  int64_t positions = 0;       // of the fitted prompt (openReply), before the reserve
  std::string notice() const;  // "" when nothing was dropped
};
FittedConversation fitConversation(const Conversation& conversation, const SpecialTokens& sp,
                                   const TextEncoder& encode, int64_t patchesPerImage,
                                   int64_t maxPositions, int64_t reserve);

}  // namespace tfs
