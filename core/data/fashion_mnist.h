#pragma once

#include <zlib.h>

#include <string>
#include <vector>

#include "core/data/data_source.h"

namespace tfs {

constexpr int64_t kFashionMnistClasses = 10;

// The Debian dataset-fashion-mnist location, or $TFS_FASHION_MNIST_DIR when set.
std::string defaultFashionMnistDir();

// "T-shirt/top", "Trouser", ..., "Ankle boot" (the data set's own names, index = label).
const std::vector<std::string>& fashionMnistClassNames();

// A caption for the class in one of several phrasings ("a photo of a sneaker", "an ankle boot",
// "a picture of a pair of trousers"); `variant` picks the phrasing (any value is valid).
std::string fashionMnistCaption(int64_t label, uint64_t variant);
int64_t fashionMnistCaptionVariants();

// The class a caption names (first class noun in it), or -1: for captioning accuracy.
int64_t fashionMnistClassFromCaption(const std::string& caption);

// The header of an idx file (plain or .gz): magic 0x0000 <dtype> <ndim>, then ndim big-endian
// sizes. Throws DataError naming the file when the magic or the sizes are wrong.
struct IdxHeader {
  int dtype = 0;  // 0x08 = unsigned byte
  std::vector<int64_t> dims;
  int64_t headerBytes = 0;
};
IdxHeader readIdxHeader(const std::string& path);

// Streams Fashion-MNIST (split "train" or "test"): 28×28 grey images resized to the asked size.
// Labels (60 KB) are read at construction; images one record at a time. A truncated image file
// is logged and counted, and the stream ends there.
class FashionMnistSource : public ExampleSource {
 public:
  FashionMnistSource(const std::string& dir, const std::string& split, SourceOptions opts);
  ~FashionMnistSource() override;
  std::optional<Example> next() override;
  void reset(uint64_t seed) override;
  std::string describe() const override;
  int64_t size() const { return int64_t(labels_.size()); }

 private:
  std::string imagesPath_, labelsPath_, split_;
  SourceOptions opts_;
  std::vector<uint8_t> labels_;
  IdxHeader imageHeader_;
  gzFile images_ = nullptr;
  int64_t index_ = 0;
  bool done_ = false;
};

}  // namespace tfs
