#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/document_format.h"
#include "core/model/batch.h"
#include "core/text/tokenizer.h"

namespace tfs {

// One image inside a document, before packing: its pixels (encoded to a latent when the batch is
// assembled, through the latent cache) and the diffusion draw made for it.
struct DocImage {
  std::string id;        // cache key ("" = do not cache)
  torch::Tensor image;   // [C, H, W] in [-1, 1]
  torch::Tensor noise;   // [Clat, h, w] ε
  int64_t timestep = 0;  // 0 for clean conditioning images
  float diffusionWeight = 1.0f;
};

// One packed document: a layout of core/data/document_format.h (token ids, and
// kImageSlot - k standing for the P patches of images[k]) with its images' pixels and draws.
struct Document {
  static constexpr int64_t kImageSlot = DocumentItems::kImageSlot;
  std::vector<int64_t> items;
  std::vector<DocImage> images;
  int64_t patchesPerImage = 0;
  bool textOnly = false;

  int64_t length() const;      // positions it occupies in a row
  int64_t textLength() const;  // non-patch positions (specials included)
};

// A layout with its images, in the layout's order (DataError if the counts differ).
Document documentFromLayout(DocumentItems layout, std::vector<DocImage> images, int64_t patches);

// The layouts of core/data/document_format.h, as training documents:
Document captionFirstDocument(const Tokenizer& tok, const std::vector<int64_t>& caption,
                              DocImage image, int64_t patches);
Document imageFirstDocument(const Tokenizer& tok, const std::vector<int64_t>& caption,
                            DocImage image, int64_t patches);
Document textDocument(const Tokenizer& tok, const std::vector<int64_t>& text);
// The input enters clean (t = 0, no diffusion loss); the output is the noised target.
Document editDocument(const Tokenizer& tok, DocImage input, const std::vector<int64_t>& instruction,
                      DocImage output, int64_t patches);
// A conversation in the chat's turn format (dialogueLayout, the same function the chat's prompts
// come from). images[k] is the draw for the conversation's k-th image; user images are made clean
// conditioning (t = 0, no loss), as the chat feeds them.
Document dialogueDocument(const Tokenizer& tok, const Conversation& conversation,
                          std::vector<DocImage> images, int64_t patches);

// Turns images [N,C,H,W] (with their cache keys) into latents [N,Clat,h,w].
using LatentEncoder =
    std::function<torch::Tensor(const std::vector<std::string>& ids, const torch::Tensor& images)>;

// Packs rows of documents (each row's documents must fit rowLength) into a Batch: positions restart
// per document, docIds count documents within the row (-1 = padding), imageIds index the batch's
// images in order of appearance, lmTargets follow the LM-loss rule of core/model/mixed_sequence.h
// (loss at i only when i and i+1 are text positions of the same document). Images are encoded with
// `encode` in one call.
Batch packRows(const std::vector<std::vector<Document>>& rows, int64_t rowLength, int64_t padId,
               const LatentEncoder& encode, const std::vector<int64_t>& latentShape);

}  // namespace tfs
