#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/data/data_source.h"

namespace tfs {

enum class MissingCaption { Skip, Empty };

// Image files recognised by extension (decoding decides in the end): .png .jpg .jpeg .bmp .gif
// .tga .psd .hdr .pnm .ppm .pgm .webp (WebP is reported as unsupported, not crashed on).
bool isImageFileName(const std::string& name);

// Decodes one record's image for a source, counting and logging a failure instead of throwing.
// Returns an undefined tensor when the record was skipped.
torch::Tensor loadImageOrSkip(const std::string& path, const std::vector<uint8_t>* bytes,
                              const SourceOptions& opts, SkipStats& stats,
                              const std::string& where);

// A folder (searched recursively, in sorted order) of images with same-named .txt captions:
// photo.jpg + photo.txt. Only the file list is held in memory.
class FolderSource : public ExampleSource {
 public:
  FolderSource(const std::string& root, SourceOptions opts,
               MissingCaption missing = MissingCaption::Skip);
  std::optional<Example> next() override;
  void reset(uint64_t seed) override;
  std::string describe() const override;
  size_t fileCount() const { return files_.size(); }

 private:
  std::string root_;
  SourceOptions opts_;
  MissingCaption missing_;
  std::vector<std::filesystem::path> files_;
  size_t index_ = 0;
};

// Hugging Face "imagefolder": ROOT/metadata.jsonl with one {"file_name": ..., "text": ...}
// object per line (a "caption" field is accepted too), streamed line by line.
class ImageFolderSource : public ExampleSource {
 public:
  ImageFolderSource(const std::string& root, SourceOptions opts);
  std::optional<Example> next() override;
  void reset(uint64_t seed) override;
  std::string describe() const override;

 private:
  std::string root_, metadata_;
  SourceOptions opts_;
  std::ifstream in_;
  int64_t line_ = 0;
};

}  // namespace tfs
