#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tfs {

// Decoding refuses anything larger before allocating (a hostile header must not OOM the process).
constexpr int kMaxImageSide = 16384;
constexpr int64_t kMaxImagePixels = 40'000'000;

struct ImageInfo {
  int width = 0;
  int height = 0;
  int channels = 0;  // as stored: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA
  bool sixteenBit = false;
};

// Reads only the header. Throws DataError naming `what` when the bytes are not a supported image.
ImageInfo probeImage(const uint8_t* data, size_t size, const std::string& what = "image");
ImageInfo probeImageFile(const std::string& path);

// Full-resolution decode to float32 [C, H, W] in [-1, 1], C = 1 or 3. Alpha is composited on
// white, 16-bit samples keep their precision, grey is replicated / RGB is reduced by luminance.
// Throws DataError (corrupt, unsupported, too large) or IoError (unreadable file).
torch::Tensor decodeImage(const uint8_t* data, size_t size, int64_t channels,
                          const std::string& what = "image");
torch::Tensor decodeImageFile(const std::string& path, int64_t channels);

// Centre-crops [C, H, W] to a square, then resizes to size×size (antialiased when shrinking).
torch::Tensor centreCropResize(const torch::Tensor& image, int64_t size);

// decode + centreCropResize: what every image data source does with a record.
torch::Tensor loadImage(const uint8_t* data, size_t size, int64_t imageSize, int64_t channels,
                        const std::string& what = "image");
torch::Tensor loadImageFile(const std::string& path, int64_t imageSize, int64_t channels);

// [C, H, W] float in [-1, 1] ↔ [H, W, C] uint8 (values rounded and clamped).
torch::Tensor toUint8Hwc(const torch::Tensor& chw);
torch::Tensor fromUint8Hwc(const torch::Tensor& hwc);
std::vector<uint8_t> toHwcBytes(const torch::Tensor& chw);
torch::Tensor fromHwcBytes(const uint8_t* data, int64_t height, int64_t width, int64_t channels);

// PNG tEXt chunks (Latin-1 keyword 1–79 bytes, e.g. A1111's "parameters").
using PngText = std::vector<std::pair<std::string, std::string>>;

// Encodes [C, H, W] in [-1, 1] (C = 1, 3 or 4) as PNG with tEXt chunks after IHDR.
std::vector<uint8_t> encodePng(const torch::Tensor& chw, const PngText& text = {});
// Atomic write (temp file + rename). Throws IoError.
void savePng(const torch::Tensor& chw, const std::string& path, const PngText& text = {});

// Inserts tEXt chunks into an existing PNG stream, right after IHDR.
std::vector<uint8_t> addPngText(const std::vector<uint8_t>& png, const PngText& text);
// Reads every tEXt chunk. Throws DataError when the stream is not a well-formed PNG (bad CRC too).
PngText readPngText(const uint8_t* data, size_t size);
PngText readPngTextFile(const std::string& path);

// CRC-32 (ISO-HDLC, as PNG uses it); `crc` continues a running checksum.
uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc = 0);

// Reads a whole (small) file; throws IoError naming the path.
std::vector<uint8_t> readFileBytes(const std::string& path);

}  // namespace tfs
