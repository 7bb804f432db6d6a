#include "core/data/fashion_mnist.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "core/base/error.h"
#include "core/data/image_io.h"

namespace tfs {
namespace {

const char* const kNouns[kFashionMnistClasses][3] = {
    {"a t-shirt", "a top", "a t-shirt"},
    {"a pair of trousers", "trousers", "a pair of trousers"},
    {"a pullover", "a sweater", "a pullover"},
    {"a dress", "a dress", "a dress"},
    {"a coat", "a coat", "a coat"},
    {"a sandal", "a sandal", "a sandal"},
    {"a shirt", "a shirt", "a shirt"},
    {"a sneaker", "a running shoe", "a sneaker"},
    {"a bag", "a handbag", "a bag"},
    {"an ankle boot", "a boot", "an ankle boot"},
};
const char* const kTemplates[] = {
    "{}",
    "a photo of {}",
    "a picture of {}",
    "an image of {}",
    "a black and white photo of {}",
    "{} on a black background",
    "a small grey picture of {}",
};
constexpr int64_t kTemplateCount = sizeof(kTemplates) / sizeof(kTemplates[0]);

struct Keyword {
  const char* word;
  int64_t label;
};
const Keyword kKeywords[] = {
    {"t-shirt", 0},  {"top", 0},     {"trouser", 1},    {"trousers", 1}, {"pants", 1},
    {"pullover", 2}, {"sweater", 2}, {"dress", 3},      {"coat", 4},     {"sandal", 5},
    {"sandals", 5},  {"shirt", 6},   {"sneaker", 7},    {"sneakers", 7}, {"running shoe", 7},
    {"bag", 8},      {"handbag", 8}, {"ankle boot", 9}, {"boot", 9},     {"boots", 9},
};

bool wordChar(char c) {
  return std::isalnum(uint8_t(c)) || c == '-';
}

std::string findFile(const std::string& dir, const std::string& stem) {
  namespace fs = std::filesystem;
  for (const char* ext : {".gz", ""}) {
    fs::path p = fs::path(dir) / (stem + ext);
    if (fs::exists(p)) return p.string();
  }
  throw IoError("Fashion-MNIST file '" + stem + "[.gz]' not found in '" + dir +
                "': install the Debian package dataset-fashion-mnist or point to the folder "
                "holding the idx files");
}

gzFile openGz(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) throw IoError("cannot open '" + path + "': check that it exists and is readable");
  gzbuffer(f, 1 << 16);
  return f;
}

// Reads exactly n bytes; returns how many were read (fewer at a truncated end).
int64_t readFully(gzFile f, uint8_t* out, int64_t n) {
  int64_t got = 0;
  while (got < n) {
    int r = gzread(f, out + got, unsigned(std::min<int64_t>(n - got, 1 << 30)));
    if (r <= 0) break;
    got += r;
  }
  return got;
}

IdxHeader parseHeader(gzFile f, const std::string& path) {
  uint8_t magic[4];
  if (readFully(f, magic, 4) != 4) throw DataError(path + ": too short for an idx header");
  if (magic[0] != 0 || magic[1] != 0 || magic[3] == 0 || magic[3] > 4)
    throw DataError(path + ": not an idx file (bad magic number " + std::to_string(magic[0]) + " " +
                    std::to_string(magic[1]) + " " + std::to_string(magic[2]) + " " +
                    std::to_string(magic[3]) + ")");
  IdxHeader h;
  h.dtype = magic[2];
  for (int i = 0; i < magic[3]; ++i) {
    uint8_t b[4];
    if (readFully(f, b, 4) != 4) throw DataError(path + ": idx header is truncated");
    h.dims.push_back((int64_t(b[0]) << 24) | (int64_t(b[1]) << 16) | (int64_t(b[2]) << 8) | b[3]);
  }
  h.headerBytes = 4 + 4 * int64_t(magic[3]);
  return h;
}

}  // namespace

std::string defaultFashionMnistDir() {
  const char* env = std::getenv("TFS_FASHION_MNIST_DIR");
  return env && *env ? std::string(env) : std::string("/usr/share/datasets/fashion-mnist");
}

const std::vector<std::string>& fashionMnistClassNames() {
  static const std::vector<std::string> names = {"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                                 "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                                 "Bag",         "Ankle boot"};
  return names;
}

int64_t fashionMnistCaptionVariants() {
  return kTemplateCount * 3;
}

std::string fashionMnistCaption(int64_t label, uint64_t variant) {
  if (label < 0 || label >= kFashionMnistClasses)
    throw DataError("Fashion-MNIST label " + std::to_string(label) + " is out of range 0-9");
  std::string tpl = kTemplates[variant % kTemplateCount];
  std::string noun = kNouns[label][(variant / kTemplateCount) % 3];
  return tpl.replace(tpl.find("{}"), 2, noun);
}

int64_t fashionMnistClassFromCaption(const std::string& caption) {
  std::string s = caption;
  std::transform(s.begin(), s.end(), s.begin(), [](char c) { return char(std::tolower(c)); });
  size_t bestPos = std::string::npos, bestLen = 0;
  int64_t best = -1;
  for (const auto& k : kKeywords) {
    const size_t len = std::strlen(k.word);
    for (size_t pos = s.find(k.word); pos != std::string::npos; pos = s.find(k.word, pos + 1)) {
      bool startOk = pos == 0 || !wordChar(s[pos - 1]);
      bool endOk = pos + len == s.size() || !wordChar(s[pos + len]);
      if (!startOk || !endOk) continue;
      if (pos < bestPos || (pos == bestPos && len > bestLen)) {
        bestPos = pos;
        bestLen = len;
        best = k.label;
      }
      break;
    }
  }
  return best;
}

IdxHeader readIdxHeader(const std::string& path) {
  gzFile f = openGz(path);
  try {
    IdxHeader h = parseHeader(f, path);
    gzclose(f);
    return h;
  } catch (...) {
    gzclose(f);
    throw;
  }
}

FashionMnistSource::FashionMnistSource(const std::string& dir, const std::string& split,
                                       SourceOptions opts)
    : split_(split), opts_(opts) {
  if (split != "train" && split != "test")
    throw UsageError("Fashion-MNIST split must be 'train' or 'test', got '" + split + "'");
  const std::string prefix = split == "train" ? "train" : "t10k";
  imagesPath_ = findFile(dir, prefix + "-images-idx3-ubyte");
  labelsPath_ = findFile(dir, prefix + "-labels-idx1-ubyte");

  IdxHeader lh = readIdxHeader(labelsPath_);
  if (lh.dtype != 0x08 || lh.dims.size() != 1)
    throw DataError(labelsPath_ + ": expected a 1-d unsigned-byte idx label file (magic 2049)");
  imageHeader_ = readIdxHeader(imagesPath_);
  const auto& d = imageHeader_.dims;
  if (imageHeader_.dtype != 0x08 || d.size() != 3 || d[1] != 28 || d[2] != 28)
    throw DataError(imagesPath_ +
                    ": expected a 3-d unsigned-byte idx image file of 28x28 images "
                    "(magic 2051)");
  if (d[0] != lh.dims[0])
    throw DataError(imagesPath_ + " holds " + std::to_string(d[0]) + " images but " + labelsPath_ +
                    " holds " + std::to_string(lh.dims[0]) +
                    " labels: the two files are from different splits or one is damaged");

  gzFile lf = openGz(labelsPath_);
  labels_.resize(size_t(lh.dims[0]));
  gzseek(lf, lh.headerBytes, SEEK_SET);
  int64_t got = readFully(lf, labels_.data(), int64_t(labels_.size()));
  gzclose(lf);
  if (got != int64_t(labels_.size()))
    throw DataError(labelsPath_ + " is truncated: header says " + std::to_string(labels_.size()) +
                    " labels, file holds " + std::to_string(got) +
                    "; reinstall dataset-fashion-mnist");
  reset(opts_.seed);
}

FashionMnistSource::~FashionMnistSource() {
  if (images_) gzclose(images_);
}

void FashionMnistSource::reset(uint64_t seed) {
  opts_.seed = seed;
  if (images_) gzclose(images_);
  images_ = openGz(imagesPath_);
  gzseek(images_, imageHeader_.headerBytes, SEEK_SET);
  index_ = 0;
  done_ = false;
}

std::optional<Example> FashionMnistSource::next() {
  constexpr int64_t kPixels = 28 * 28;
  uint8_t px[kPixels];
  while (!done_ && index_ < size()) {
    const int64_t i = index_++;
    int64_t got = readFully(images_, px, kPixels);
    if (got != kPixels) {
      const int64_t lost = size() - i;
      skipped_.add("truncated file", lost);
      spdlog::warn(
          "skipping {} records {}..{}: the file ends early (truncated download or disk "
          "error); reinstall dataset-fashion-mnist",
          imagesPath_, i, size() - 1);
      done_ = true;
      break;
    }
    const int64_t label = labels_[size_t(i)];
    if (label >= kFashionMnistClasses) {
      skip("bad label", labelsPath_ + " record " + std::to_string(i),
           "label " + std::to_string(label) + " is not a class 0-9");
      continue;
    }
    Example e;
    e.id = "fmnist-" + split_ + "-" + std::to_string(i);
    e.label = label;
    e.text = fashionMnistCaption(label, mixSeed(opts_.seed, uint64_t(i)));
    auto img = fromHwcBytes(px, 28, 28, 1);
    if (opts_.channels == 3) img = img.expand({3, 28, 28});
    e.image = centreCropResize(img, opts_.imageSize);
    return e;
  }
  return std::nullopt;
}

std::string FashionMnistSource::describe() const {
  return "Fashion-MNIST " + split_ + " (" + std::to_string(size()) + " images from " + imagesPath_ +
         ")";
}

}  // namespace tfs
