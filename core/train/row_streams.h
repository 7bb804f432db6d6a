#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/train/document_packer.h"

namespace tfs {

// The data layout of every training run: row j of each global batch (batchRows × world rows)
// comes from its own document stream j — a packer with its own generator (seed mixed with j) over
// its own share j of every source (core/data/sharded_source.h: records j, j + G, j + 2G, … of a
// record source; a stream of its own from a generator). So what a job trains on depends on the
// global row count G only, not on how the rows are spread over processes: a 2-rank run with
// batchRows B sees exactly the rows of a 1-rank run with batchRows 2B and the same seed. Rank r
// owns the streams r·B … r·B + B − 1; this object holds the calling rank's.
class RowStreams : public BatchStream {
 public:
  // packers: one per row this rank owns (each made for one row), rows firstRow … of globalRows.
  RowStreams(std::vector<std::shared_ptr<DocumentPacker>> packers, int64_t firstRow,
             int64_t globalRows);

  Batch next() override;
  // {"layout": "rows", "globalRows": G, "first": r·B, "rows": [one packer state per row]}
  nlohmann::json state() const override;
  // Takes this rank's rows out of a state that holds them (a merged checkpoint state or this
  // rank's own). A state of another layout or row count cannot be continued: the streams start
  // again from the beginning of their order, and dataOrderNote() says so.
  void restore(const nlohmann::json& state) override;

  // One state for the whole job from every rank's state() (rank order): what a checkpoint keeps.
  static nlohmann::json merge(const std::vector<nlohmann::json>& rankStates);

  int64_t firstRow() const { return first_; }
  int64_t globalRows() const { return global_; }
  int64_t rows() const { return static_cast<int64_t>(packers_.size()); }
  const std::string& dataOrderNote() const { return note_; }  // "" when restored exactly

 private:
  std::vector<std::shared_ptr<DocumentPacker>> packers_;
  int64_t first_, global_;
  std::string note_;
};

}  // namespace tfs
