#pragma once

#include <torch/torch.h>

#include <optional>
#include <string>
#include <vector>

#include "core/model/batch.h"
#include "core/text/tokenizer.h"

namespace tfs {

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
  // Next-token targets by the contract rule: only where i and i+1 are text of the same document.
  std::vector<int64_t> lmTargets() const;
  // Appends another layout as a new document (image indices shifted by imageOffset).
  void append(const SequenceLayout& doc, int64_t imageOffset);
  // Pads to `length` with pad tokens, docId -1.
  void padTo(int64_t length, int64_t padId);
};

// One document: text runs and images (latents) in order. Images are wrapped in BOI … EOI by the
// layout; BOS/EOS are ordinary text the caller adds where the contract's layouts put them.
class MixedSequence {
 public:
  struct Image {
    torch::Tensor latent;  // [C,h,w]
    int64_t timestep = 0;
    bool diffusionLoss = true;
    torch::Tensor noise;  // optional fixed ε [C,h,w]; sampled when packing if undefined
  };
  struct Part {
    bool isImage = false;
    std::vector<int64_t> tokens;  // text parts
    Image image;                  // image parts
  };

  MixedSequence& addText(const std::vector<int64_t>& tokens);
  MixedSequence& addImage(const torch::Tensor& latent, int64_t timestep, bool diffusionLoss = true,
                          const torch::Tensor& noise = {});

  const std::vector<Part>& parts() const { return parts_; }
  std::vector<const Image*> images() const;
  // Positions this document takes once flattened with `patchesPerImage` patches per image.
  int64_t length(int64_t patchesPerImage) const;
  SequenceLayout layout(int64_t patchesPerImage, const SpecialTokens& sp = {}) const;

 private:
  std::vector<Part> parts_;
};

struct PackOptions {
  int64_t rowLength = 256;
  int64_t patchSize = 2;  // patches per image = (h/p)·(w/p) of the latents
  SpecialTokens special;
  std::optional<int64_t>
      rows;  // fixed row count (error if the documents need more); else as many as needed
};

// Greedy in-order packing of documents into rows of rowLength (a document never straddles rows;
// each restarts RoPE positions at 0 and gets its own docId). Images become batch.latents in order
// of appearance; noise is the image's own or torch::randn. Throws DataError if a document is
// longer than a row or the images differ in shape.
Batch packSequences(const std::vector<MixedSequence>& docs, const PackOptions& opts);
// Tensors of a (packed) layout list as a Batch without images data (tokens, masks, ids, targets).
Batch batchFromLayouts(const std::vector<SequenceLayout>& rows);

// "text:5,image:4,text:3" (text:N = N text tokens, image:P = BOI + P patches + EOI); '|' starts a
// new packed document. Throws UsageError with the offending item on anything else.
SequenceLayout parseLayout(const std::string& spec, const SpecialTokens& sp = {});

}  // namespace tfs
