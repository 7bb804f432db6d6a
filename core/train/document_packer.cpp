#include "core/train/document_packer.h"

#include <ATen/CPUGeneratorImpl.h>

#include "core/base/error.h"
#include "core/train/checkpoint.h"

namespace tfs {

DocumentPacker::DocumentPacker(int64_t rows, int64_t rowLength, SpecialTokens special,
                               LatentEncoder encode, std::vector<int64_t> latentShape,
                               uint64_t seed)
    : rows_(rows),
      rowLength_(rowLength),
      special_(special),
      encode_(std::move(encode)),
      latentShape_(std::move(latentShape)),
      gen_(at::make_generator<at::CPUGeneratorImpl>(seed)) {}

double DocumentPacker::uniform() {
  return torch::rand({1}, gen_, torch::kFloat64).item<double>();
}

int64_t DocumentPacker::randint(int64_t low, int64_t high) {
  return torch::randint(low, high, {1}, gen_, torch::kInt64).item<int64_t>();
}

torch::Tensor DocumentPacker::randn(const std::vector<int64_t>& shape) {
  return torch::randn(shape, gen_, torch::kFloat32);
}

DocumentPacker::Snapshot DocumentPacker::snapshot() const {
  return {gen_.get_state(), sourceState()};
}

std::vector<Document> DocumentPacker::nextRow() {
  std::vector<Document> row;
  int64_t used = 0;
  while (true) {
    if (!pending_) {
      pendingSnapshot_ = snapshot();
      pending_ = makeDocument();
      if (pending_->length() > rowLength_)
        throw DataError("internal: a document of " + std::to_string(pending_->length()) +
                        " positions is longer than rowLength " + std::to_string(rowLength_));
    }
    if (used + pending_->length() > rowLength_) break;  // pad the rest; the document waits
    used += pending_->length();
    row.push_back(std::move(*pending_));
    pending_.reset();
  }
  return row;
}

Batch DocumentPacker::pack(const std::vector<std::vector<Document>>& rows) const {
  return packRows(rows, rowLength_, special_, encode_, latentShape_);
}

Batch DocumentPacker::next() {
  std::vector<std::vector<Document>> rows;
  rows.reserve(static_cast<size_t>(rows_));
  for (int64_t r = 0; r < rows_; ++r) rows.push_back(nextRow());
  return pack(rows);
}

nlohmann::json DocumentPacker::state() const {
  // With a document waiting, resume from just before it was made, so it is made again.
  const Snapshot s = pending_ ? pendingSnapshot_ : snapshot();
  return {{"rng", encodeBytes(s.rng)}, {"sources", s.sources}};
}

void DocumentPacker::restore(const nlohmann::json& state) {
  try {
    gen_.set_state(decodeBytes(state.at("rng").get<std::string>()));
    restoreSourceState(state.at("sources"));
  } catch (const nlohmann::json::exception& e) {
    throw CheckpointError(std::string("the data position in state.json is incomplete: ") +
                          e.what() + "; it was written by another version, start a new run");
  }
  pending_.reset();
}

}  // namespace tfs
