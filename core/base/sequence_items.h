#pragma once
// A document as the model reads it, before flattening: a list of items — token ids (>= 0) and
// image slots, kImageSlot - k standing for the patches of the document's image k. [BOI] and
// [EOI] are ordinary token ids around a slot. core/data/document_format.h spells every layout in
// items; core/model/mixed_sequence.h flattens any of them into positions (the one rule for
// positions, document ids, patch masks and LM targets).
#include <cstdint>

namespace tfs {

constexpr int64_t kImageSlot = -1000;
constexpr bool isImageSlot(int64_t item) {
  return item <= kImageSlot;
}
constexpr int64_t slotImage(int64_t item) {
  return kImageSlot - item;
}
constexpr int64_t imageSlot(int64_t image) {
  return kImageSlot - image;
}

}  // namespace tfs
