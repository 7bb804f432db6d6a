// Image decoding, crop/resize, PNG writing and tEXt chunks, on PNGs built byte by byte here.
#include <torch/torch.h>
#include <zlib.h>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/data/image_io.h"
#include "tests/support/test_support.h"

namespace {

void putU32(std::vector<uint8_t>& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(uint8_t(v >> s));
}

void chunk(std::vector<uint8_t>& png, const char* type, const std::vector<uint8_t>& body) {
  putU32(png, uint32_t(body.size()));
  size_t start = png.size();
  png.insert(png.end(), type, type + 4);
  png.insert(png.end(), body.begin(), body.end());
  putU32(png, tfs::crc32(png.data() + start, png.size() - start));
}

std::vector<uint8_t> ihdr(uint32_t w, uint32_t h, int depth, int colourType) {
  std::vector<uint8_t> b;
  putU32(b, w);
  putU32(b, h);
  b.push_back(uint8_t(depth));
  b.push_back(uint8_t(colourType));
  b.push_back(0);
  b.push_back(0);
  b.push_back(0);
  return b;
}

const uint8_t kSig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

// A PNG of raw samples (filter 0 on every row); colourType 0 grey, 2 RGB, 4 grey+alpha, 6 RGBA.
std::vector<uint8_t> makePng(int w, int h, int depth, int colourType,
                             const std::vector<uint8_t>& samples) {
  const int channels = colourType == 0 ? 1 : colourType == 2 ? 3 : colourType == 4 ? 2 : 4;
  const size_t row = size_t(w * channels * depth / 8);
  std::vector<uint8_t> raw;
  for (int y = 0; y < h; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), samples.begin() + long(y * row), samples.begin() + long((y + 1) * row));
  }
  uLongf n = compressBound(uLong(raw.size()));
  std::vector<uint8_t> z(n);
  compress2(z.data(), &n, raw.data(), uLong(raw.size()), 6);
  z.resize(n);
  std::vector<uint8_t> png(kSig, kSig + 8);
  chunk(png, "IHDR", ihdr(uint32_t(w), uint32_t(h), depth, colourType));
  chunk(png, "IDAT", z);
  chunk(png, "IEND", {});
  return png;
}

// A solid grey PNG of any size, deflated row by row so a 10000×10000 file costs ~100 KB.
std::vector<uint8_t> makeHugeGreyPng(int w, int h) {
  z_stream zs{};
  deflateInit(&zs, 9);
  std::vector<uint8_t> row(size_t(w) + 1, 128), z, buf(1 << 16);
  row[0] = 0;
  for (int y = 0; y < h; ++y) {
    zs.next_in = row.data();
    zs.avail_in = uInt(row.size());
    int flush = y + 1 == h ? Z_FINISH : Z_NO_FLUSH;
    do {
      zs.next_out = buf.data();
      zs.avail_out = uInt(buf.size());
      deflate(&zs, flush);
      z.insert(z.end(), buf.data(), buf.data() + (buf.size() - zs.avail_out));
    } while (zs.avail_out == 0);
  }
  deflateEnd(&zs);
  std::vector<uint8_t> png(kSig, kSig + 8);
  chunk(png, "IHDR", ihdr(uint32_t(w), uint32_t(h), 8, 0));
  chunk(png, "IDAT", z);
  chunk(png, "IEND", {});
  return png;
}

float px(const torch::Tensor& img, int c, int y, int x) {
  return img[c][y][x].item<float>();
}

}  // namespace

class TestDataImageIo : public QObject {
  Q_OBJECT
  std::string dir_;

 private Q_SLOTS:
  void initTestCase() {
    dir_ = (tfs::test::tempRoot() + QStringLiteral("/data_image_io")).toStdString();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }

  void crcMatchesTheStandardCheckValue() {
    const char* s = "123456789";
    QCOMPARE(tfs::crc32(reinterpret_cast<const uint8_t*>(s), 9), 0xCBF43926u);
  }

  void rgbPngRoundTripIsExact() {
    auto bytes = torch::randint(0, 256, {5, 7, 3}, torch::kUInt8);
    auto img = tfs::fromUint8Hwc(bytes);
    QCOMPARE(img.sizes().vec(), (std::vector<int64_t>{3, 5, 7}));
    QVERIFY(img.min().item<float>() >= -1.0f && img.max().item<float>() <= 1.0f);
    auto png = tfs::encodePng(img);
    auto back = tfs::decodeImage(png.data(), png.size(), 3);
    QVERIFY(torch::equal(tfs::toUint8Hwc(back), bytes));
    auto hwc = tfs::toHwcBytes(img);
    QVERIFY(torch::equal(tfs::fromHwcBytes(hwc.data(), 5, 7, 3), img));
  }

  void aCutOffPngSaysWhy() {
    // Only the signature and IHDR: stb has no reason of its own; the message still gives one.
    auto png = tfs::encodePng(torch::zeros({3, 4, 4}));
    png.resize(33);
    try {
      tfs::decodeImage(png.data(), png.size(), 3);
      QFAIL("decoded a cut-off PNG");
    } catch (const tfs::DataError& e) {
      const QString msg = QString::fromUtf8(e.what());
      QVERIFY2(!msg.contains(QStringLiteral("()")), qPrintable(msg));
      QVERIFY2(msg.contains(QStringLiteral("ends early")) || msg.size() > 20, qPrintable(msg));
    }
  }

  void greyPngBecomesThreeEqualChannels() {
    std::vector<uint8_t> s = {0, 255, 51, 102};
    auto png = makePng(2, 2, 8, 0, s);
    auto img = tfs::decodeImage(png.data(), png.size(), 3);
    QCOMPARE(img.sizes().vec(), (std::vector<int64_t>{3, 2, 2}));
    QCOMPARE(px(img, 0, 0, 0), -1.0f);
    QCOMPARE(px(img, 2, 0, 1), 1.0f);
    QVERIFY(std::abs(px(img, 1, 1, 0) - (51 / 127.5f - 1)) < 1e-6f);
    QVERIFY(torch::equal(img[0], img[2]));
    auto one = tfs::decodeImage(png.data(), png.size(), 1);
    QCOMPARE(one.size(0), int64_t(1));
  }

  void alphaIsCompositedOnWhite() {
    // grey+alpha: black fully transparent → white; black half transparent → mid grey.
    auto ga = makePng(2, 1, 8, 4, {0, 0, 0, 255});
    auto img = tfs::decodeImage(ga.data(), ga.size(), 3);
    QCOMPARE(px(img, 0, 0, 0), 1.0f);
    QCOMPARE(px(img, 0, 0, 1), -1.0f);
    // RGBA red at alpha 0 / 255 / 102 (0.4): composite = 0.4*red + 0.6*white.
    auto rgba = makePng(3, 1, 8, 6, {255, 0, 0, 0, 255, 0, 0, 255, 255, 0, 0, 102});
    img = tfs::decodeImage(rgba.data(), rgba.size(), 3);
    QCOMPARE(px(img, 1, 0, 0), 1.0f);   // transparent → white
    QCOMPARE(px(img, 1, 0, 1), -1.0f);  // opaque red: no green
    const float g = 0.6f * 2 - 1;       // green of 0.6 white
    QVERIFY(std::abs(px(img, 1, 0, 2) - g) < 1e-5f);
    QCOMPARE(px(img, 0, 0, 2), 1.0f);
  }

  void sixteenBitKeepsPrecision() {
    // 16-bit grey 1×2: 0x8000 and 0x0101 (257/65535 = 1/255).
    auto png = makePng(2, 1, 16, 0, {0x80, 0x00, 0x01, 0x01});
    auto info = tfs::probeImage(png.data(), png.size());
    QVERIFY(info.sixteenBit);
    auto img = tfs::decodeImage(png.data(), png.size(), 1);
    QVERIFY(std::abs(px(img, 0, 0, 0) - (32768.0f / 65535 * 2 - 1)) < 1e-6f);
    QVERIFY(std::abs(px(img, 0, 0, 1) - (2.0f / 255 - 1)) < 1e-6f);
    // 16-bit RGBA decodes too.
    std::vector<uint8_t> s = {0xFF, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF};
    auto rgba = makePng(1, 1, 16, 6, s);
    img = tfs::decodeImage(rgba.data(), rgba.size(), 3);
    QCOMPARE(px(img, 0, 0, 0), 1.0f);
    QCOMPARE(px(img, 1, 0, 0), -1.0f);
  }

  void rgbToGreyUsesLuminance() {
    auto png = makePng(1, 1, 8, 2, {255, 0, 0});
    auto img = tfs::decodeImage(png.data(), png.size(), 1);
    QVERIFY(std::abs(px(img, 0, 0, 0) - (0.299f * 2 - 1)) < 1e-5f);
  }

  void oneByOneImageIsResized() {
    auto png = makePng(1, 1, 8, 2, {255, 0, 0});
    auto img = tfs::loadImage(png.data(), png.size(), 64, 3);
    QCOMPARE(img.sizes().vec(), (std::vector<int64_t>{3, 64, 64}));
    QCOMPARE(img[0].min().item<float>(), 1.0f);
    QCOMPARE(img[1].max().item<float>(), -1.0f);
  }

  void hugeImageIsRefusedBeforeDecoding() {
    auto png = makeHugeGreyPng(10000, 10000);
    QVERIFY(png.size() < 200 * 1024);
    auto info = tfs::probeImage(png.data(), png.size());
    QCOMPARE(info.width, 10000);
    QCOMPARE(info.height, 10000);
    try {
      tfs::loadImage(png.data(), png.size(), 64, 3, "huge.png");
      QFAIL("expected DataError");
    } catch (const tfs::DataError& e) {
      QVERIFY(QString(e.what()).contains(QStringLiteral("huge.png")));
      QVERIFY(QString(e.what()).contains(QStringLiteral("too large")));
    }
    // A header claiming 20000×20000 with no data behind it: refused on the header alone.
    std::vector<uint8_t> liar(kSig, kSig + 8);
    chunk(liar, "IHDR", ihdr(20000, 20000, 8, 2));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::loadImage(liar.data(), liar.size(), 64, 3));
  }

  void centreCropTakesTheMiddle() {
    // 30×10: left third red, middle green, right blue → the centre square is pure green.
    std::vector<uint8_t> s;
    for (int y = 0; y < 10; ++y)
      for (int x = 0; x < 30; ++x) {
        s.push_back(x < 10 ? 255 : 0);
        s.push_back(x >= 10 && x < 20 ? 255 : 0);
        s.push_back(x >= 20 ? 255 : 0);
      }
    auto png = makePng(30, 10, 8, 2, s);
    auto img = tfs::loadImage(png.data(), png.size(), 10, 3);
    QCOMPARE(img.sizes().vec(), (std::vector<int64_t>{3, 10, 10}));
    QCOMPARE(img[1].min().item<float>(), 1.0f);
    QCOMPARE(img[0].max().item<float>(), -1.0f);
    QCOMPARE(img[2].max().item<float>(), -1.0f);
    // Tall image too.
    auto tall = tfs::centreCropResize(torch::zeros({1, 40, 20}), 20);
    QCOMPARE(tall.sizes().vec(), (std::vector<int64_t>{1, 20, 20}));
  }

  void downscaleIsAntialiased() {
    // A one-pixel checkerboard halves to flat mid-grey; point sampling would keep ±1.
    auto idx = torch::arange(64);
    auto board = ((idx.view({64, 1}) + idx.view({1, 64})) % 2).to(torch::kFloat32) * 2 - 1;
    auto small = tfs::centreCropResize(board.unsqueeze(0), 32);
    // Away from the border (where the filter is cut and renormalised) it is exactly grey.
    auto inner = small.narrow(1, 2, 28).narrow(2, 2, 28);
    QVERIFY2(inner.abs().max().item<float>() < 1e-5f,
             qPrintable(QString::number(inner.abs().max().item<float>())));
    QVERIFY(small.abs().max().item<float>() < 0.5f);
  }

  void corruptInputsAreDataErrors() {
    auto good = tfs::encodePng(torch::zeros({3, 16, 16}));
    std::vector<uint8_t> truncated(good.begin(), good.begin() + long(good.size() / 2));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError,
                             tfs::decodeImage(truncated.data(), truncated.size(), 3));
    std::vector<uint8_t> noise(500);
    for (size_t i = 0; i < noise.size(); ++i) noise[i] = uint8_t(i * 37 + 11);
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::decodeImage(noise.data(), noise.size(), 3));
    std::vector<uint8_t> jpeg = {0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x43, 0x00, 1, 2, 3, 4, 5};
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::decodeImage(jpeg.data(), jpeg.size(), 3));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::decodeImage(nullptr, 0, 3));
    std::vector<uint8_t> webp = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P'};
    try {
      tfs::decodeImage(webp.data(), webp.size(), 3);
      QFAIL("expected DataError");
    } catch (const tfs::DataError& e) {
      QVERIFY(QString(e.what()).contains(QStringLiteral("WebP")));
    }
    QVERIFY_THROWS_EXCEPTION(tfs::IoError, tfs::decodeImageFile(dir_ + "/missing.png", 3));
  }

  // JPEGs that made stb_image write past a Huffman table or decode with uninitialised tables
  // (found by tests/fuzz, kept under regressions/) are refused with the reason; well-formed
  // baseline and progressive JPEGs of the seed corpus still decode.
  void fuzzFoundJpegsAreRefusedAndGoodOnesDecode() {
    const std::string fuzz = std::string(TFS_SOURCE_DIR) + "/tests/fuzz/";
    const struct {
      const char* file;
      const char* says;
    } bad[] = {{"jpeg-huffman-overflow.jpg", "at most 256"},
               {"jpeg-huffman-cut-off.jpg", "at most 256"},
               {"jpeg-huffman-fill-before-soi.jpg", "at most 256"},
               {"jpeg-undefined-huffman-table.jpg", "never defines"}};
    for (const auto& b : bad) {
      const auto bytes = tfs::readFileBytes(fuzz + "regressions/image_decode/" + b.file);
      try {
        tfs::decodeImage(bytes.data(), bytes.size(), 3, b.file);
        QFAIL(qPrintable(QString("decoded ") + b.file));
      } catch (const tfs::DataError& e) {
        QVERIFY2(QString(e.what()).contains(QString::fromUtf8(b.says)), e.what());
        QVERIFY2(QString(e.what()).contains(QStringLiteral("corrupt JPEG")), e.what());
      }
    }
    for (const char* good : {"plasma.jpg", "progressive.jpg"}) {
      const auto bytes = tfs::readFileBytes(fuzz + "corpus/image_decode/" + good);
      const auto image = tfs::decodeImage(bytes.data(), bytes.size(), 3, good);
      QCOMPARE(image.size(1), int64_t(8));
      QVERIFY(image.std().item<float>() > 0.01f);  // a plasma, not a flat fill
      // The same bytes decode to the same pixels every time (stb's state is zeroed).
      QVERIFY(torch::equal(image, tfs::decodeImage(bytes.data(), bytes.size(), 3, good)));
    }
  }

  void pngTextRoundTrip() {
    tfs::PngText text = {{"parameters", "a red circle\nSteps: 50, Sampler: ddim, CFG scale: 5"},
                         {"caption", "ein Würfel ☃"},  // non-ASCII goes to iTXt
                         {"seed", "42"}};
    const std::string path = dir_ + "/text.png";
    tfs::savePng(torch::zeros({3, 8, 8}), path, text);
    auto back = tfs::readPngTextFile(path);
    QCOMPARE(back.size(), text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      QCOMPARE(QString::fromStdString(back[i].first), QString::fromStdString(text[i].first));
      QCOMPARE(QString::fromStdString(back[i].second), QString::fromStdString(text[i].second));
    }
    // The file still decodes as an image, and chunks carry valid CRCs (the reader checks them).
    auto img = tfs::decodeImageFile(path, 3);
    QCOMPARE(img.size(2), int64_t(8));
    auto bytes = tfs::readFileBytes(path);
    bytes[45] ^= 0x55;  // inside the first tEXt chunk body
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::readPngText(bytes.data(), bytes.size()));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, tfs::encodePng(torch::zeros({3, 2, 2}), {{"", "x"}}));
  }
};

QTEST_GUILESS_MAIN(TestDataImageIo)
#include "test_data_image_io.moc"
