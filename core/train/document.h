#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

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

// One packed document: a token sequence where the value kImageSlot - k stands for the P patches
// of images[k]. Contract layouts (contract.md) are built by the functions below.
struct Document {
  static constexpr int64_t kImageSlot = -1000;
  std::vector<int64_t> items;
  std::vector<DocImage> images;
  int64_t patchesPerImage = 0;
  bool textOnly = false;

  int64_t length() const;       // positions it occupies in a row
  int64_t textLength() const;   // non-patch positions (specials included)
  void addImage(DocImage img);  // appends the image slot and the image
};

// [BOS] caption [BOI] <P> [EOI] [EOS]
Document captionFirstDocument(const Tokenizer& tok, const std::vector<int64_t>& caption,
                              DocImage image, int64_t patches);
// [BOS] [BOI] <P> [EOI] caption [EOS]; with an empty caption this is also the CFG-unconditional
// layout [BOS] [BOI] <P> [EOI] [EOS].
Document imageFirstDocument(const Tokenizer& tok, const std::vector<int64_t>& caption,
                            DocImage image, int64_t patches);
// [BOS] text [EOS]
Document textDocument(const Tokenizer& tok, const std::vector<int64_t>& text);
// [BOS] [BOI] <input, t=0, no loss> [EOI] instruction [BOI] <output> [EOI] [EOS]
Document editDocument(const Tokenizer& tok, DocImage input, const std::vector<int64_t>& instruction,
                      DocImage output, int64_t patches);

// Turns images [N,C,H,W] (with their cache keys) into latents [N,Clat,h,w].
using LatentEncoder =
    std::function<torch::Tensor(const std::vector<std::string>& ids, const torch::Tensor& images)>;

// Packs rows of documents (each row's documents must fit rowLength) into a Batch: positions restart
// per document, docIds count documents within the row (-1 = padding), imageIds index the batch's
// images in order of appearance, lmTargets follow contract.md (loss at i only when i and i+1 are
// text positions of the same document). Images are encoded with `encode` in one call.
Batch packRows(const std::vector<std::vector<Document>>& rows, int64_t rowLength, int64_t padId,
               const LatentEncoder& encode, const std::vector<int64_t>& latentShape);

}  // namespace tfs
