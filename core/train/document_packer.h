#pragma once

#include <ATen/core/Generator.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

#include "core/train/batch_stream.h"
#include "core/train/document.h"

namespace tfs {

// Packs documents made by a subclass into fixed-length rows (a document never split across rows;
// a row that cannot take the next document is padded) and owns the seeded generator every random
// draw comes from. Its state is (generator, subclass cursors) as of just before the document that
// did not fit the last batch, so restoring regenerates that document identically.
class DocumentPacker : public BatchStream {
 public:
  Batch next() override;
  // The documents of one row (what next() does for each of its rows); pack() turns rows made by
  // packers of one run into a batch (RowStreams fills a batch from one packer per row).
  std::vector<Document> nextRow();
  Batch pack(const std::vector<std::vector<Document>>& rows) const;
  nlohmann::json state() const override;
  void restore(const nlohmann::json& state) override;

  int64_t rowLength() const { return rowLength_; }

 protected:
  DocumentPacker(int64_t rows, int64_t rowLength, SpecialTokens special, LatentEncoder encode,
                 std::vector<int64_t> latentShape, uint64_t seed);

  // A new document of length <= rowLength, drawing randomness only through the helpers below.
  virtual Document makeDocument() = 0;
  virtual nlohmann::json sourceState() const = 0;
  virtual void restoreSourceState(const nlohmann::json& s) = 0;

  double uniform();                            // [0, 1)
  int64_t randint(int64_t low, int64_t high);  // [low, high)
  torch::Tensor randn(const std::vector<int64_t>& shape);

  const std::vector<int64_t>& latentShape() const { return latentShape_; }

 private:
  struct Snapshot {
    torch::Tensor rng;
    nlohmann::json sources;
  };
  Snapshot snapshot() const;

  int64_t rows_, rowLength_;
  SpecialTokens special_;
  LatentEncoder encode_;
  std::vector<int64_t> latentShape_;
  at::Generator gen_;
  std::optional<Document> pending_;
  Snapshot pendingSnapshot_;
};

}  // namespace tfs
