#include "core/data/image_io.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/base/error.h"

// Static linkage: the stb symbols stay private to this file, so no other library can collide.
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
// Zeroed allocations: stb does not initialise its decoder state, so a JPEG that uses a table it
// never defines would otherwise decode whatever an earlier image left in that memory (found by
// tests/fuzz: the same bytes decoded differently run to run). Such files are refused below; this
// keeps every other leftover deterministic.
#define STBI_MALLOC(size) std::calloc(1, size)
#define STBI_REALLOC(p, size) std::realloc(p, size)
#define STBI_FREE(p) std::free(p)
// stb copies an empty IDAT chunk with memcpy(NULL, src, 0) (undefined by the letter of C, so
// UBSan stops there; found by tests/fuzz): its memcpy calls go through one that skips empty copies.
#include <cstring>
namespace {
inline void* stbMemcpy(void* to, const void* from, size_t n) {
  return n ? std::memcpy(to, from, n) : to;
}
}  // namespace
#define memcpy stbMemcpy
#include <stb_image.h>
#undef memcpy
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

namespace tfs {
namespace {

const uint8_t kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

std::string failureReason() {
  const char* r = stbi_failure_reason();
  // stb leaves the reason empty for some damage (a file cut off after its header).
  return r && *r ? std::string(r) : std::string("the file ends early or its data is damaged");
}

// stb's terse reasons, made readable ("bad huffman code" → corrupt JPEG (bad huffman code)).
std::string describeFailure(const uint8_t* data, size_t size) {
  std::string kind = "image";
  if (size >= 8 && std::equal(kPngSignature, kPngSignature + 8, data))
    kind = "PNG";
  else if (size >= 2 && data[0] == 0xFF && data[1] == 0xD8)
    kind = "JPEG";
  else if (size >= 2 && data[0] == 'B' && data[1] == 'M')
    kind = "BMP";
  else if (size >= 4 && std::memcmp(data, "GIF8", 4) == 0)
    kind = "GIF";
  return "corrupt " + kind + " (" + failureReason() + ")";
}

// stb_image (Debian's 2022-09 copy) trusts two things in a JPEG that tests/fuzz (image_decode)
// showed it must not: a Huffman table's 16 code counts may add up to more than 256 symbols (stb
// then writes past the table, on towards the decoder's function pointers), and a scan may use a
// table the file never defined (stb then decodes with uninitialised memory). This walks the marker
// segments as stb reads them — fill and junk bytes between segments skipped, zeros read past the
// end, entropy-coded data up to the next marker that is neither stuffing (FF 00) nor a restart
// (FF D0–D7) — and refuses both before stb sees the bytes.
void checkJpegHuffmanTables(const uint8_t* data, size_t size, const std::string& what) {
  auto byte = [&](size_t k) -> size_t { return k < size ? data[k] : 0; };
  size_t i = 0;
  while (i < size && data[i] == 0xFF) ++i;  // stb lets fill bytes precede SOI as well
  if (i == 0 || i >= size || data[i] != 0xD8) return;
  ++i;
  bool defined[2][4] = {};  // [DC, AC][table id]
  bool progressive = false;
  auto corrupt = [&](const std::string& why) {
    throw DataError(what + ": corrupt JPEG (" + why + ")");
  };
  while (i < size) {
    if (data[i] != 0xFF) {  // junk between segments
      ++i;
      continue;
    }
    while (i < size && data[i] == 0xFF) ++i;
    if (i >= size) return;
    const uint8_t marker = data[i++];
    if (marker == 0xD9) return;  // EOI
    if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) continue;
    if (i + 2 > size) return;
    const size_t length = (size_t(data[i]) << 8) | data[i + 1];
    if (length < 2) return;  // stb refuses it
    const size_t start = i + 2;
    if (marker == 0xC2) progressive = true;
    if (marker == 0xC4) {  // DHT: tables of [class << 4 | id, 16 counts, symbols]
      size_t at = start;
      int64_t left = int64_t(length) - 2;
      while (left > 0) {
        const size_t q = byte(at);
        if ((q >> 4) > 1 || (q & 15) > 3) return;  // stb refuses it
        size_t symbols = 0;
        for (size_t k = 1; k <= 16; ++k) symbols += byte(at + k);
        if (symbols > 256)
          corrupt("a Huffman table declares " + std::to_string(symbols) +
                  " codes; at most 256 are possible");
        defined[q >> 4][q & 15] = true;
        at += 17 + symbols;
        left -= int64_t(17 + symbols);
      }
      if (left != 0) return;  // tables overrun the segment: stb refuses it
    }
    if (marker == 0xDA) {  // SOS: [n, n × (component, DC << 4 | AC table), Ss, Se, Ah << 4 | Al]
      const size_t n = byte(start);
      const size_t ss = byte(start + 1 + 2 * n), ah = byte(start + 3 + 2 * n) >> 4;
      for (size_t c = 0; c < n; ++c) {
        const size_t tables = byte(start + 2 + 2 * c), dc = tables >> 4, ac = tables & 15;
        if (dc > 3 || ac > 3) return;  // stb refuses it
        // What stb's decoder reads: baseline both; progressive the first DC scan or an AC scan.
        const bool needDc = !progressive || (ss == 0 && ah == 0);
        const bool needAc = !progressive || ss > 0;
        if ((needDc && !defined[0][dc]) || (needAc && !defined[1][ac]))
          corrupt("a scan uses a Huffman table the file never defines");
      }
    }
    i = start + (length - 2);
    if (marker == 0xDA) {  // entropy-coded data follows, up to the next real marker
      while (i + 1 < size) {
        if (data[i] == 0xFF) {
          size_t j = i + 1;
          while (j < size && data[j] == 0xFF) ++j;
          if (j < size && data[j] != 0x00 && !(data[j] >= 0xD0 && data[j] <= 0xD7)) break;
          i = j + 1;
        } else {
          ++i;
        }
      }
    }
  }
}

void checkSize(int w, int h, const std::string& what) {
  if (w <= 0 || h <= 0)
    throw DataError(what + ": image has no pixels (" + std::to_string(w) + "x" + std::to_string(h) +
                    ")");
  if (w > kMaxImageSide || h > kMaxImageSide || int64_t(w) * int64_t(h) > kMaxImagePixels) {
    throw DataError(what + ": image is too large to decode (" + std::to_string(w) + "x" +
                    std::to_string(h) + "; limit " + std::to_string(kMaxImageSide) +
                    " px a side and " + std::to_string(kMaxImagePixels / 1'000'000) +
                    " M pixels); downscale it first");
  }
}

// Raw decode to [H, W, c] uint8 or int32-held 16-bit samples; owns stb's buffer.
torch::Tensor decodeRaw(const uint8_t* data, size_t size, const std::string& what,
                        int* storedChannels, bool* sixteen) {
  ImageInfo info = probeImage(data, size, what);
  checkSize(info.width, info.height, what);
  int w = 0, h = 0, c = 0;
  const int len = static_cast<int>(size);
  torch::Tensor raw;
  if (info.sixteenBit) {
    stbi_us* px = stbi_load_16_from_memory(data, len, &w, &h, &c, 0);
    if (!px) throw DataError(what + ": " + describeFailure(data, size));
    // uint16 is not a LibTorch 1.13 dtype: widen to int32 while copying out of stb's buffer.
    auto u16 = torch::from_blob(px, {int64_t(h) * w * c}, torch::kInt16);
    raw = u16.to(torch::kInt32).bitwise_and(0xFFFF).reshape({h, w, c});
    stbi_image_free(px);
  } else {
    stbi_uc* px = stbi_load_from_memory(data, len, &w, &h, &c, 0);
    if (!px) throw DataError(what + ": " + describeFailure(data, size));
    raw = torch::from_blob(
        px, {h, w, c}, [](void* p) { stbi_image_free(p); }, torch::kUInt8);
  }
  *storedChannels = c;
  *sixteen = info.sixteenBit;
  return raw;
}

// [H, W, c] raw samples → [C, H, W] float in [-1, 1].
torch::Tensor rawToImage(const torch::Tensor& raw, int stored, bool sixteen, int64_t channels) {
  auto x = raw.permute({2, 0, 1}).to(torch::kFloat32).div_(sixteen ? 65535.0f : 255.0f);
  torch::Tensor colour;
  if (stored == 2 || stored == 4) {
    auto alpha = x.narrow(0, stored - 1, 1);
    colour = x.narrow(0, 0, stored - 1) * alpha + (1.0f - alpha);  // over white
  } else {
    colour = x;
  }
  if (channels == 3 && colour.size(0) == 1) {
    colour = colour.expand({3, -1, -1});
  } else if (channels == 1 && colour.size(0) == 3) {
    auto w = torch::tensor({0.299f, 0.587f, 0.114f}).view({3, 1, 1});
    colour = (colour * w).sum(0, true);
  }
  return colour.mul(2.0f).sub_(1.0f).contiguous();
}

void checkChannels(int64_t channels) {
  if (channels != 1 && channels != 3)
    throw UsageError("image channels must be 1 or 3, got " + std::to_string(channels));
}

void putU32(std::vector<uint8_t>& out, uint32_t v) {
  out.push_back(uint8_t(v >> 24));
  out.push_back(uint8_t(v >> 16));
  out.push_back(uint8_t(v >> 8));
  out.push_back(uint8_t(v));
}

uint32_t getU32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

void appendChunk(std::vector<uint8_t>& out, const char type[4], const std::string& body) {
  putU32(out, uint32_t(body.size()));
  size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), body.begin(), body.end());
  putU32(out, crc32(out.data() + start, out.size() - start));
}

void appendTextChunk(std::vector<uint8_t>& out, const std::string& key, const std::string& value) {
  if (key.empty() || key.size() > 79 || key.find('\0') != std::string::npos)
    throw UsageError("PNG text keyword must be 1-79 bytes without NUL, got '" + key + "'");
  bool ascii = std::all_of(value.begin(), value.end(), [](char c) { return uint8_t(c) < 0x80; });
  if (ascii) {
    appendChunk(out, "tEXt", key + std::string(1, '\0') + value);
  } else {
    // Non-ASCII text goes in iTXt, which is UTF-8 by definition (tEXt is Latin-1).
    std::string body = key;
    body += std::string("\0\0\0\0\0", 5);  // NUL, no compression, method 0, no language, no key
    body += value;
    appendChunk(out, "iTXt", body);
  }
}

}  // namespace

uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc) {
  static const auto table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (size_t i = 0; i < size; ++i) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

std::vector<uint8_t> readFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open '" + path + "': check that the file exists and is readable");
  in.seekg(0, std::ios::end);
  auto n = in.tellg();
  in.seekg(0);
  std::vector<uint8_t> bytes(n > 0 ? size_t(n) : 0);
  if (!bytes.empty() && !in.read(reinterpret_cast<char*>(bytes.data()), n))
    throw IoError("cannot read '" + path + "'");
  return bytes;
}

ImageInfo probeImage(const uint8_t* data, size_t size, const std::string& what) {
  if (size == 0) throw DataError(what + ": empty file");
  if (size > size_t(INT32_MAX)) throw DataError(what + ": file larger than 2 GB");
  ImageInfo info;
  const int len = static_cast<int>(size);
  checkJpegHuffmanTables(data, size, what);
  if (!stbi_info_from_memory(data, len, &info.width, &info.height, &info.channels)) {
    std::string reason = failureReason();
    if (size >= 12 && std::memcmp(data, "RIFF", 4) == 0 && std::memcmp(data + 8, "WEBP", 4) == 0)
      throw DataError(what + ": WebP is not supported; convert it to PNG or JPEG");
    throw DataError(what + ": not a readable image (" + reason + ")");
  }
  info.sixteenBit = stbi_is_16_bit_from_memory(data, len) != 0;
  return info;
}

ImageInfo probeImageFile(const std::string& path) {
  auto bytes = readFileBytes(path);
  return probeImage(bytes.data(), bytes.size(), path);
}

torch::Tensor decodeImage(const uint8_t* data, size_t size, int64_t channels,
                          const std::string& what) {
  checkChannels(channels);
  int stored = 0;
  bool sixteen = false;
  auto raw = decodeRaw(data, size, what, &stored, &sixteen);
  return rawToImage(raw, stored, sixteen, channels);
}

torch::Tensor decodeImageFile(const std::string& path, int64_t channels) {
  auto bytes = readFileBytes(path);
  return decodeImage(bytes.data(), bytes.size(), channels, path);
}

torch::Tensor centreCropResize(const torch::Tensor& image, int64_t size) {
  TORCH_CHECK(image.dim() == 3, "centreCropResize expects [C, H, W]");
  if (size <= 0) throw UsageError("image size must be positive, got " + std::to_string(size));
  const int64_t h = image.size(1), w = image.size(2), s = std::min(h, w);
  auto sq = image.narrow(1, (h - s) / 2, s).narrow(2, (w - s) / 2, s);
  if (s == size) return sq.contiguous().clone();
  auto x = sq.unsqueeze(0).to(torch::kFloat32);
  torch::Tensor y;
  if (s > size)
    y = at::_upsample_bilinear2d_aa(x, {size, size}, /*align_corners=*/false);
  else
    y = at::upsample_bilinear2d(x, {size, size}, /*align_corners=*/false);
  return y.squeeze(0).clamp_(-1.0f, 1.0f).contiguous();
}

torch::Tensor loadImage(const uint8_t* data, size_t size, int64_t imageSize, int64_t channels,
                        const std::string& what) {
  checkChannels(channels);
  int stored = 0;
  bool sixteen = false;
  auto raw = decodeRaw(data, size, what, &stored, &sixteen);
  // Crop in the stored sample type first so a large photo is never held as float at full size.
  const int64_t h = raw.size(0), w = raw.size(1), s = std::min(h, w);
  raw = raw.narrow(0, (h - s) / 2, s).narrow(1, (w - s) / 2, s);
  return centreCropResize(rawToImage(raw, stored, sixteen, channels), imageSize);
}

torch::Tensor loadImageFile(const std::string& path, int64_t imageSize, int64_t channels) {
  auto bytes = readFileBytes(path);
  return loadImage(bytes.data(), bytes.size(), imageSize, channels, path);
}

torch::Tensor toUint8Hwc(const torch::Tensor& chw) {
  TORCH_CHECK(chw.dim() == 3, "toUint8Hwc expects [C, H, W]");
  return chw.detach()
      .to(torch::kCPU, torch::kFloat32)
      .add(1.0f)
      .mul_(127.5f)
      .round_()
      .clamp_(0.0f, 255.0f)
      .to(torch::kUInt8)
      .permute({1, 2, 0})
      .contiguous();
}

torch::Tensor fromUint8Hwc(const torch::Tensor& hwc) {
  TORCH_CHECK(hwc.dim() == 3 && hwc.scalar_type() == torch::kUInt8,
              "fromUint8Hwc expects uint8 [H, W, C]");
  return hwc.permute({2, 0, 1}).to(torch::kFloat32).div_(127.5f).sub_(1.0f).contiguous();
}

std::vector<uint8_t> toHwcBytes(const torch::Tensor& chw) {
  auto t = toUint8Hwc(chw);
  return std::vector<uint8_t>(t.data_ptr<uint8_t>(), t.data_ptr<uint8_t>() + t.numel());
}

torch::Tensor fromHwcBytes(const uint8_t* data, int64_t height, int64_t width, int64_t channels) {
  auto t = torch::from_blob(const_cast<uint8_t*>(data), {height, width, channels}, torch::kUInt8);
  return fromUint8Hwc(t);
}

std::vector<uint8_t> encodePng(const torch::Tensor& chw, const PngText& text) {
  TORCH_CHECK(chw.dim() == 3, "encodePng expects [C, H, W]");
  const int64_t c = chw.size(0), h = chw.size(1), w = chw.size(2);
  if (c != 1 && c != 3 && c != 4)
    throw UsageError("encodePng: an image must have 1, 3 or 4 channels, got " + std::to_string(c));
  auto px = toUint8Hwc(chw);
  std::vector<uint8_t> png;
  auto sink = [](void* ctx, void* data, int n) {
    auto* out = static_cast<std::vector<uint8_t>*>(ctx);
    out->insert(out->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + n);
  };
  if (!stbi_write_png_to_func(sink, &png, int(w), int(h), int(c), px.data_ptr<uint8_t>(),
                              int(w * c)))
    throw DataError("could not encode a " + std::to_string(w) + "x" + std::to_string(h) + " PNG");
  return text.empty() ? png : addPngText(png, text);
}

void savePng(const torch::Tensor& chw, const std::string& path, const PngText& text) {
  auto png = encodePng(chw, text);
  namespace fs = std::filesystem;
  fs::path target(path);
  if (target.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
  }
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw IoError("cannot write '" + tmp + "': check the folder exists and is writable");
    out.write(reinterpret_cast<const char*>(png.data()), std::streamsize(png.size()));
    if (!out) throw IoError("cannot write '" + tmp + "' (disk full?)");
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw IoError("cannot write '" + path + "': " + ec.message());
  }
}

std::vector<uint8_t> addPngText(const std::vector<uint8_t>& png, const PngText& text) {
  if (png.size() < 8 + 25 || !std::equal(kPngSignature, kPngSignature + 8, png.data()) ||
      std::memcmp(png.data() + 12, "IHDR", 4) != 0)
    throw DataError("addPngText: not a PNG stream starting with IHDR");
  const size_t ihdrEnd = 8 + 12 + getU32(png.data() + 8);
  if (ihdrEnd > png.size()) throw DataError("addPngText: truncated IHDR");
  std::vector<uint8_t> out(png.begin(), png.begin() + long(ihdrEnd));
  for (const auto& [k, v] : text) appendTextChunk(out, k, v);
  out.insert(out.end(), png.begin() + long(ihdrEnd), png.end());
  return out;
}

PngText readPngText(const uint8_t* data, size_t size) {
  if (size < 8 || !std::equal(kPngSignature, kPngSignature + 8, data))
    throw DataError("not a PNG file (bad signature)");
  PngText out;
  size_t pos = 8;
  while (true) {
    if (pos + 12 > size)
      throw DataError("truncated PNG: chunk header at byte " + std::to_string(pos));
    const uint32_t len = getU32(data + pos);
    const char* type = reinterpret_cast<const char*>(data + pos + 4);
    if (len > size - pos - 12)
      throw DataError("truncated PNG: chunk '" + std::string(type, 4) +
                      "' runs past the end of the file");
    const uint8_t* body = data + pos + 8;
    const uint32_t stored = getU32(body + len);
    if (crc32(data + pos + 4, len + 4) != stored)
      throw DataError("corrupt PNG: CRC mismatch in chunk '" + std::string(type, 4) + "'");
    std::string chunk(type, 4);
    if (chunk == "tEXt" || chunk == "iTXt") {
      std::string b(reinterpret_cast<const char*>(body), len);
      size_t nul = b.find('\0');
      if (nul != std::string::npos) {
        std::string key = b.substr(0, nul);
        if (chunk == "tEXt") {
          out.emplace_back(key, b.substr(nul + 1));
        } else if (nul + 2 < b.size() && b[nul + 1] == 0) {  // uncompressed iTXt only
          size_t lang = b.find('\0', nul + 3);
          size_t trans = lang == std::string::npos ? lang : b.find('\0', lang + 1);
          if (trans != std::string::npos) out.emplace_back(key, b.substr(trans + 1));
        }
      }
    }
    pos += 12 + len;
    if (chunk == "IEND") break;
  }
  return out;
}

PngText readPngTextFile(const std::string& path) {
  auto bytes = readFileBytes(path);
  try {
    return readPngText(bytes.data(), bytes.size());
  } catch (const DataError& e) {
    throw DataError(path + ": " + e.what());
  }
}

}  // namespace tfs
