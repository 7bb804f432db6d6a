#include "core/train/row_streams.h"

#include "core/base/error.h"

namespace tfs {

RowStreams::RowStreams(std::vector<std::shared_ptr<DocumentPacker>> packers, int64_t firstRow,
                       int64_t globalRows)
    : packers_(std::move(packers)), first_(firstRow), global_(globalRows) {
  if (packers_.empty() || first_ < 0 || first_ + rows() > global_)
    throw ConfigError("internal: rows " + std::to_string(first_) + "+" + std::to_string(rows()) +
                      " do not fit a global batch of " + std::to_string(global_));
}

Batch RowStreams::next() {
  std::vector<std::vector<Document>> rows;
  rows.reserve(packers_.size());
  for (auto& p : packers_) rows.push_back(p->nextRow());
  return packers_.front()->pack(rows);
}

nlohmann::json RowStreams::state() const {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& p : packers_) rows.push_back(p->state());
  return {{"layout", "rows"}, {"globalRows", global_}, {"first", first_}, {"rows", rows}};
}

void RowStreams::restore(const nlohmann::json& state) {
  note_.clear();
  const bool rowsLayout = state.is_object() && state.value("layout", "") == "rows" &&
                          state.contains("rows") && state["rows"].is_array();
  const int64_t savedGlobal = rowsLayout ? state.value("globalRows", int64_t{-1}) : -1;
  const int64_t savedFirst = rowsLayout ? state.value("first", int64_t{0}) : 0;
  const int64_t savedRows = rowsLayout ? static_cast<int64_t>(state["rows"].size()) : 0;
  if (savedGlobal != global_ || savedFirst > first_ || first_ + rows() > savedFirst + savedRows) {
    note_ = rowsLayout
                ? "the checkpoint's data position is for a global batch of " +
                      std::to_string(savedGlobal) + " rows and this run has " +
                      std::to_string(global_) +
                      " (batchRows × processes): its data streams start again from the beginning "
                      "of their order (keep batchRows × processes the same to continue exactly)"
                : "the checkpoint's data position was written in an older layout: the data "
                  "streams start again from the beginning of their order";
    return;
  }
  for (int64_t k = 0; k < rows(); ++k)
    packers_[static_cast<size_t>(k)]->restore(
        state["rows"][static_cast<size_t>(first_ - savedFirst + k)]);
}

nlohmann::json RowStreams::merge(const std::vector<nlohmann::json>& rankStates) {
  if (rankStates.empty()) return nlohmann::json::object();
  nlohmann::json rows = nlohmann::json::array();
  int64_t expect = 0, global = -1;
  for (const auto& s : rankStates) {
    if (s.value("layout", "") != "rows" || s.value("first", int64_t{-1}) != expect)
      throw CheckpointError("internal: the ranks' data states do not line up (row " +
                            std::to_string(expect) + " expected next)");
    global = s.value("globalRows", int64_t{-1});
    for (const auto& r : s.at("rows")) rows.push_back(r);
    expect += static_cast<int64_t>(s.at("rows").size());
  }
  return {{"layout", "rows"}, {"globalRows", global}, {"first", 0}, {"rows", rows}};
}

}  // namespace tfs
