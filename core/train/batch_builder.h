#pragma once

#include <memory>
#include <vector>

#include "core/data/data_source.h"
#include "core/model/model_config.h"
#include "core/text/tokenizer.h"
#include "core/train/document_packer.h"
#include "core/train/source_cursor.h"
#include "core/train/train_config.h"

namespace tfs {

// The paper's mixed batch: image–caption documents (caption first with captionFirstProb, else
// image first with t ≤ noiseLimit; caption dropped at the model's captionDropout rate for CFG) and
// text-only documents, chosen so that text-corpus tokens : image patches ≈ textImageRatio over
// time (the next document is text while text tokens < ratio · patches). Image sources take turns.
// With edit sources, an image document is an editing triplet with probability editProb (the
// paper's editing fine-tune mixed into pre-training, so one model draws, captions and edits).
class BatchBuilder : public DocumentPacker {
 public:
  struct Counters {
    int64_t textTokens = 0;    // positions of text-only documents (BOS/EOS included)
    int64_t imagePatches = 0;  // patches of image documents
    int64_t captionFirst = 0, imageFirst = 0, unconditional = 0, textDocuments = 0;
    int64_t dialogues = 0, interleaved = 0;  // multi-image documents
    int64_t edits = 0;                       // editing triplets
    int64_t truncated = 0;                   // documents whose text was cut to fit a row
  };

  // Sources are borrowed and must outlive the builder; textSource may be null, imageSources may be
  // empty (not both). Throws ConfigError when rowLength cannot hold one image document.
  // stream: which row stream of the run this builder is (RowStreams); its generator's seed is
  // mixed with it, while the source cursors share train.seed so that the sources' shares split
  // one record order.
  BatchBuilder(const ModelConfig& model, const TrainConfig& train, const Tokenizer& tok,
               std::vector<ExampleSource*> imageSources, ExampleSource* textSource,
               LatentEncoder encode, std::vector<EditSource*> editSources = {},
               uint64_t stream = 0);

  const Counters& counters() const { return counters_; }

 protected:
  Document makeDocument() override;
  nlohmann::json sourceState() const override;
  void restoreSourceState(const nlohmann::json& s) override;

 private:
  Document makeTextDocument();
  Document makeImageDocument();
  Document makeSingleImageDocument(Example ex);
  Document makeDialogueDocument();
  Document makeInterleavedDocument();
  Document makeEditDocument();
  Example nextImageExample();
  DocImage noisedImage(const Example& ex, int64_t timestep);
  void noteTruncation(const std::string& id, size_t from, size_t to);

  ModelConfig model_;
  TrainConfig train_;
  const Tokenizer& tok_;
  std::vector<SourceCursor<ExampleSource, Example>> images_;
  std::optional<SourceCursor<ExampleSource, Example>> text_;
  std::vector<SourceCursor<EditSource, EditExample>> edits_;
  int64_t nextImageSource_ = 0, nextEditSource_ = 0;
  Counters counters_;
};

// Editing fine-tune batches: editLayout documents (input clean, no loss; output noised), the
// instruction dropped at the model's captionDropout rate for classifier-free guidance.
class EditBatchBuilder : public DocumentPacker {
 public:
  EditBatchBuilder(const ModelConfig& model, const TrainConfig& train, const Tokenizer& tok,
                   EditSource* source, LatentEncoder encode);

 protected:
  Document makeDocument() override;
  nlohmann::json sourceState() const override;
  void restoreSourceState(const nlohmann::json& s) override;

 private:
  ModelConfig model_;
  TrainConfig train_;
  const Tokenizer& tok_;
  SourceCursor<EditSource, EditExample> source_;
  int64_t truncated_ = 0;
};

// Checks an image against the model's size and channels (DataError naming the record otherwise).
void checkImage(const ModelConfig& cfg, const torch::Tensor& image, const std::string& id);

// One editing triplet as a training document (editLayout): the input clean with no loss, the
// output noised to `timestep` with `noise`; an instruction too long for the row is cut (counted in
// *truncated, the first cuts logged). dropInstruction: the classifier-free-guidance layout.
// regionWeight > 1: the output's patches that differ from the input weigh that much in its
// diffusion loss (editRegionLossMap).
Document editTrainingDocument(const ModelConfig& model, const Tokenizer& tok, const EditExample& ex,
                              int64_t rowLength, int64_t timestep, torch::Tensor noise,
                              bool dropInstruction, int64_t* truncated, double regionWeight = 1.0);
// [H, W]: `weight` on every pixel of a patch (patchSize · vaeFactor pixels square) where the output
// differs from the input in any channel, 1 elsewhere.
torch::Tensor editRegionLossMap(const ModelConfig& model, const torch::Tensor& input,
                                const torch::Tensor& output, double weight);

}  // namespace tfs
