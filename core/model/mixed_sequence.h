#pragma once

#include <torch/torch.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/sequence_items.h"
#include "core/model/batch.h"
#include "core/text/tokenizer.h"

namespace tfs {

// The mixed-modal sequence, in one place: a Document (items + images) is what training, eval,
// bench, the generator's prompts and the studio's Attention page all build; layoutFromItems is the
// one rule that flattens it into positions, and packRows / packDocuments the one way into a Batch.

// A labelled run of positions of a layout, for the studio and the mask CLI.
struct SequenceSpan {
  enum class Kind { Bos, Text, Boi, Patches, Eoi, Eos, Pad };
  Kind kind = Kind::Text;
  int64_t begin = 0, end = 0;  // [begin, end)
  int64_t imageIndex = -1;     // for Patches (and the BOI/EOI around them): which image
  int64_t document = 0;
  std::string label() const;  // "BOS", "text", "BOI", "patches of image 1", "EOI", "EOS", "pad"
};

// The flattened form of one or several documents: per position what it is and where it sits.
struct SequenceLayout {
  std::vector<int64_t> tokens;      // token id at text positions, pad at patches and padding
  std::vector<uint8_t> isPatch;     // 1 at image-patch positions
  std::vector<int64_t> imageIndex;  // image of a patch position, -1 elsewhere
  std::vector<int64_t> docIds;      // document of each position, -1 at padding
  std::vector<int64_t> positions;   // RoPE positions, restarting at 0 per document
  std::vector<SequenceSpan> spans;

  int64_t length() const { return int64_t(tokens.size()); }
  // Next-token targets (the LM-loss rule): only where i and i+1 are text of the same document.
  std::vector<int64_t> lmTargets() const;
  // Appends another layout as a new document (image indices shifted by imageOffset).
  void append(const SequenceLayout& doc, int64_t imageOffset);
  // Pads to `length` with pad tokens, docId -1.
  void padTo(int64_t length, int64_t padId);
};

// Flattens one document's items (core/base/sequence_items.h): a token per text item, the patches
// of image k (patchesPerImage[k] positions, token sp.pad) per slot, RoPE positions from 0, spans
// labelled by sp's special ids. DataError when a slot names an image without a patch count.
SequenceLayout layoutFromItems(const std::vector<int64_t>& items,
                               const std::vector<int64_t>& patchesPerImage,
                               const SpecialTokens& sp = {});
SequenceLayout layoutFromItems(const std::vector<int64_t>& items, int64_t patchesPerImage,
                               const SpecialTokens& sp = {});

// One image of a document and the diffusion draw made for it.
struct DocImage {
  std::string id;        // latent-cache key ("" = do not cache)
  torch::Tensor image;   // [C, H, W]: pixels in [-1, 1], or a latent (packDocuments)
  torch::Tensor noise;   // ε with the latent's shape; packDocuments draws it when undefined
  int64_t timestep = 0;  // 0 for clean conditioning images
  float diffusionWeight = 1.0f;  // 0: no diffusion loss on this image
  // Optional [H, W] weights of the diffusion loss within the image, in its pixels (undefined:
  // uniform). packRows brings it to the latent grid (max over each latent cell).
  torch::Tensor lossMap;
};

// One document: items (token ids and image slots, in order) and the images its slots name.
struct Document {
  static constexpr int64_t kImageSlot = tfs::kImageSlot;
  std::vector<int64_t> items;
  std::vector<DocImage> images;
  int64_t patchesPerImage = 0;
  bool textOnly = false;

  // Builders: text ids as they are; an image as [BOI] <slot> [EOI].
  Document& addText(const std::vector<int64_t>& tokens);
  Document& addImage(DocImage image, const SpecialTokens& sp);
  Document& addLatent(const torch::Tensor& latent, int64_t timestep, const SpecialTokens& sp,
                      bool diffusionLoss = true, const torch::Tensor& noise = {});

  int64_t length() const;      // positions it occupies in a row (patchesPerImage per image)
  int64_t textLength() const;  // non-patch positions (specials included)
  SequenceLayout layout(const SpecialTokens& sp = {}) const;
};

// Turns images [N,C,H,W] (with their cache keys) into latents [N,Clat,h,w].
using LatentEncoder =
    std::function<torch::Tensor(const std::vector<std::string>& ids, const torch::Tensor& images)>;

// Packs rows of documents (each row's documents must fit rowLength) into a Batch: each document's
// layout appended in turn (positions restart per document, docIds count documents within the
// row), padded with sp.pad, images indexed in order of appearance and encoded with `encode` in one
// call (latentShape: [C, h, w] of a latent, for a batch without images). Batch::lossMap is set
// when any image has a lossMap (ones for the others).
Batch packRows(const std::vector<std::vector<Document>>& rows, int64_t rowLength,
               const SpecialTokens& sp, const LatentEncoder& encode,
               const std::vector<int64_t>& latentShape);

struct PackOptions {
  int64_t rowLength = 256;
  int64_t patchSize = 2;  // patches per image = (h/p)·(w/p) of the latents
  SpecialTokens special;
  std::optional<int64_t> rows;  // fixed row count (error if the documents need more)
};
// Greedy in-order packRows of documents whose images are latents (a document never straddles
// rows); noise is the image's own or torch::randn. DataError if a document is longer than a row,
// a latent does not divide into patches, or the images differ in shape.
Batch packDocuments(const std::vector<Document>& docs, const PackOptions& opts);

// Tensors of a (packed) layout list as a Batch without images data (tokens, masks, ids, targets).
Batch batchFromLayouts(const std::vector<SequenceLayout>& rows);

// "text:5,image:4,text:3" (text:N = N text tokens, image:P = BOI + P patches + EOI); '|' starts a
// new packed document. Throws UsageError with the offending item on anything else.
SequenceLayout parseLayout(const std::string& spec, const SpecialTokens& sp = {});

}  // namespace tfs
