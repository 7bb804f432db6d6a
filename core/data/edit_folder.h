#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/data/data_source.h"

namespace tfs {

// Editing triplets from a folder (searched recursively, sorted), one triplet per NAME:
//   NAME.input.png   the image before the edit (any image format the decoder reads)
//   NAME.output.png  the image after the edit
//   NAME.txt         the instruction, e.g. "make the circle green"
// A triplet with a missing or unreadable part is skipped, counted and logged with the reason.
class EditFolderSource : public EditSource {
 public:
  EditFolderSource(const std::string& root, SourceOptions opts);
  std::optional<EditExample> next() override;
  void reset(uint64_t seed) override;
  std::string describe() const override;
  SkipStats skipped() const override { return skipped_; }
  size_t tripletCount() const { return inputs_.size(); }

 private:
  std::string root_;
  SourceOptions opts_;
  std::vector<std::filesystem::path> inputs_;
  size_t index_ = 0;
  SkipStats skipped_;
};

}  // namespace tfs
