// Fashion-MNIST: idx parsing (plain and .gz, good and damaged) and captions.
#include <torch/torch.h>
#include <zlib.h>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/base/error.h"
#include "core/data/fashion_mnist.h"
#include "tests/support/test_support.h"

namespace {

std::vector<uint8_t> idx(uint8_t ndim, const std::vector<uint32_t>& dims,
                         const std::vector<uint8_t>& data, uint8_t dtype = 0x08) {
  std::vector<uint8_t> b = {0, 0, dtype, ndim};
  for (uint32_t d : dims)
    for (int s = 24; s >= 0; s -= 8) b.push_back(uint8_t(d >> s));
  b.insert(b.end(), data.begin(), data.end());
  return b;
}

void writeGz(const std::string& path, const std::vector<uint8_t>& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  gzwrite(f, bytes.data(), unsigned(bytes.size()));
  gzclose(f);
}

void writePlain(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), long(bytes.size()));
}

// n images whose pixels all equal the image index, labels i % 10.
void writeSet(const std::string& dir, int n, bool gz, int imagesInFile = -1) {
  std::filesystem::create_directories(dir);
  std::vector<uint8_t> px, labels;
  for (int i = 0; i < (imagesInFile < 0 ? n : imagesInFile); ++i)
    px.insert(px.end(), 784, uint8_t(i * 20));
  for (int i = 0; i < n; ++i) labels.push_back(uint8_t(i % 10));
  auto images = idx(3, {uint32_t(n), 28, 28}, px), lab = idx(1, {uint32_t(n)}, labels);
  if (gz) {
    writeGz(dir + "/train-images-idx3-ubyte.gz", images);
    writeGz(dir + "/train-labels-idx1-ubyte.gz", lab);
  } else {
    writePlain(dir + "/train-images-idx3-ubyte", images);
    writePlain(dir + "/train-labels-idx1-ubyte", lab);
  }
}

}  // namespace

class TestDataFashionMnist : public QObject {
  Q_OBJECT
  std::string dir_;

 private Q_SLOTS:
  void initTestCase() {
    dir_ = (tfs::test::tempRoot() + QStringLiteral("/data_fmnist")).toStdString();
    std::filesystem::remove_all(dir_);
  }

  void syntheticFilesRoundTrip() {
    for (bool gz : {true, false}) {
      const std::string d = dir_ + (gz ? "/gz" : "/plain");
      writeSet(d, 12, gz);
      tfs::SourceOptions o;
      o.imageSize = 28;
      o.channels = 1;
      tfs::FashionMnistSource src(d, "train", o);
      QCOMPARE(src.size(), int64_t(12));
      int n = 0;
      while (auto e = src.next()) {
        QCOMPARE(e->label, int64_t(n % 10));
        QCOMPARE(e->image.sizes().vec(), (std::vector<int64_t>{1, 28, 28}));
        QCOMPARE(e->image[0][5][5].item<float>(), float(n * 20) / 127.5f - 1.0f);
        QCOMPARE(QString::fromStdString(e->id), QStringLiteral("fmnist-train-%1").arg(n));
        QCOMPARE(tfs::fashionMnistClassFromCaption(e->text), e->label);
        ++n;
      }
      QCOMPARE(n, 12);
      QCOMPARE(src.skipped().total(), int64_t(0));
      src.reset(0);
      QCOMPARE(src.next()->label, int64_t(0));
    }
  }

  void truncatedImageFileIsCountedNotFatal() {
    const std::string d = dir_ + "/truncated";
    writeSet(d, 10, true, 6);  // header says 10 images, data holds 6
    tfs::FashionMnistSource src(d, "train", {});
    int n = 0;
    while (src.next()) ++n;
    QCOMPARE(n, 6);
    QCOMPARE(src.skipped().byReason.at("truncated file"), int64_t(4));
  }

  void badFilesAreClearErrors() {
    const std::string d = dir_ + "/bad";
    std::filesystem::create_directories(d);
    // Wrong magic.
    writePlain(d + "/train-images-idx3-ubyte", {1, 2, 3, 4, 5, 6, 7, 8});
    writePlain(d + "/train-labels-idx1-ubyte", idx(1, {1}, {3}));
    try {
      tfs::FashionMnistSource src(d, "train", {});
      QFAIL("expected DataError");
    } catch (const tfs::DataError& e) {
      QVERIFY(QString(e.what()).contains(QStringLiteral("magic")));
    }
    // Counts disagree.
    writePlain(d + "/train-images-idx3-ubyte", idx(3, {2, 28, 28}, std::vector<uint8_t>(2 * 784)));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::FashionMnistSource(d, "train", {}));
    // Label file shorter than its header.
    writePlain(d + "/train-labels-idx1-ubyte", idx(1, {2}, {3}));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::FashionMnistSource(d, "train", {}));
    // Header cut short.
    writePlain(d + "/train-labels-idx1-ubyte", {0, 0, 8, 1, 0});
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::readIdxHeader(d + "/train-labels-idx1-ubyte"));
    // Missing folder / split.
    QVERIFY_THROWS_EXCEPTION(tfs::IoError, tfs::FashionMnistSource(dir_ + "/none", "train", {}));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, tfs::FashionMnistSource(d, "validation", {}));
  }

  void captionsUseTheRightArticles() {
    const auto& names = tfs::fashionMnistClassNames();
    QCOMPARE(int(names.size()), 10);
    QCOMPARE(QString::fromStdString(names[9]), QStringLiteral("Ankle boot"));
    std::set<std::string> all;
    for (int64_t l = 0; l < 10; ++l)
      for (uint64_t v = 0; v < uint64_t(tfs::fashionMnistCaptionVariants()); ++v) {
        auto c = tfs::fashionMnistCaption(l, v);
        all.insert(c);
        QCOMPARE(tfs::fashionMnistClassFromCaption(c), l);
        QVERIFY2(c.find("a ankle") == std::string::npos &&
                     c.find("an sneaker") == std::string::npos &&
                     c.find("a trousers") == std::string::npos,
                 c.c_str());
      }
    QVERIFY(all.count("a photo of a sneaker"));
    QVERIFY(all.count("an ankle boot"));
    QVERIFY(all.count("a picture of a pair of trousers"));
    QVERIFY(all.size() > 100);
    QCOMPARE(tfs::fashionMnistClassFromCaption("a photo of a t-shirt"), int64_t(0));
    QCOMPARE(tfs::fashionMnistClassFromCaption("A Shirt with buttons"), int64_t(6));
    QCOMPARE(tfs::fashionMnistClassFromCaption("a bagel"), int64_t(-1));
  }

  void realDataSetWhenInstalled() {
    const std::string d = tfs::defaultFashionMnistDir();
    if (!std::filesystem::exists(d + "/t10k-images-idx3-ubyte.gz"))
      QSKIP("dataset-fashion-mnist not installed");
    tfs::SourceOptions o;
    o.imageSize = 32;
    tfs::FashionMnistSource train(d, "train", o);
    QCOMPARE(train.size(), int64_t(60000));
    // The well-known first labels of the training set: ankle boot, T-shirt, T-shirt, dress.
    const int64_t expected[] = {9, 0, 0, 3};
    for (int64_t l : expected) {
      auto e = train.next();
      QCOMPARE(e->label, l);
      QCOMPARE(e->image.sizes().vec(), (std::vector<int64_t>{3, 32, 32}));
    }
    tfs::FashionMnistSource test(d, "test", o);
    QCOMPARE(test.size(), int64_t(10000));
    QElapsedTimer t;
    t.start();
    int n = 0;
    while (test.next() && n < 2000) ++n;
    QVERIFY2(t.elapsed() < 10000, "streaming 2000 images took more than 10 s");
  }
};

QTEST_GUILESS_MAIN(TestDataFashionMnist)
#include "test_data_fashion_mnist.moc"
