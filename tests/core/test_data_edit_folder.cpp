// Editing triplets from a folder: NAME.input.png + NAME.output.png + NAME.txt, with the broken
// triplets skipped and counted.
#include <torch/torch.h>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/data/data_spec.h"
#include "core/data/image_io.h"
#include "tests/support/test_support.h"

namespace fs = std::filesystem;

class TestDataEditFolder : public QObject {
  Q_OBJECT
  std::string dir_;

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
  }
  void image(const std::string& name, float value) {
    tfs::savePng(torch::full({3, 32, 32}, value), dir_ + "/" + name);
  }

 private Q_SLOTS:
  void initTestCase() {
    dir_ = tfs::test::tempRoot().toStdString() + "/edit_folder";
    fs::remove_all(dir_);
    fs::create_directories(dir_ + "/sub");
    image("a.input.png", -1.0f);
    image("a.output.png", 1.0f);
    write("a.txt", "make it white\n");
    image("sub/b.input.png", 1.0f);
    image("sub/b.output.png", -1.0f);
    write("sub/b.txt", "make it black");
    image("c.input.png", 0.0f);  // no output
    write("c.txt", "anything");
    image("d.input.png", 0.0f);  // no instruction
    image("d.output.png", 0.0f);
    write("e.input.png", "not an image");  // corrupt input
    image("e.output.png", 0.0f);
    write("e.txt", "fix it");
    image("f.input.png", 0.0f);
    image("f.output.png", 0.0f);
    write("f.txt", "\xff\xfe bad bytes");
  }

  void readsTripletsAndSkipsBrokenOnes() {
    tfs::SourceOptions o;
    o.imageSize = 16;
    o.channels = 3;
    auto spec = tfs::parseDataSpec("edit-folder:" + dir_);
    QVERIFY(spec.isEdit());
    auto src = tfs::makeEditSource(spec, o);
    std::vector<tfs::EditExample> got;
    while (auto e = src->next()) got.push_back(*e);
    QCOMPARE(int(got.size()), 2);
    QCOMPARE(QString::fromStdString(got[0].instruction), QStringLiteral("make it white"));
    QCOMPARE(got[0].input.sizes(), (torch::IntArrayRef{3, 16, 16}));
    QVERIFY(got[0].input.max().item<float>() < -0.9f);
    QVERIFY(got[0].output.min().item<float>() > 0.9f);
    QCOMPARE(QString::fromStdString(got[1].instruction), QStringLiteral("make it black"));
    auto s = src->skipped();
    QCOMPARE(s.total(), int64_t(4));
    QCOMPARE(s.byReason["missing output image"], int64_t(1));
    QCOMPARE(s.byReason["missing instruction"], int64_t(1));
    QCOMPARE(s.byReason["corrupt image"], int64_t(1));
    QCOMPARE(s.byReason["non-UTF-8 text"], int64_t(1));
    src->reset(0);
    QVERIFY(src->next().has_value());
  }

  void badFoldersAreClear() {
    tfs::SourceOptions o;
    QVERIFY_THROWS_EXCEPTION(
        tfs::IoError, tfs::makeEditSource(tfs::parseDataSpec("edit-folder:/nonexistent/x"), o));
    fs::create_directories(dir_ + "-empty");
    QVERIFY_THROWS_EXCEPTION(
        tfs::DataError,
        tfs::makeEditSource(tfs::parseDataSpec("edit-folder:" + dir_ + "-empty"), o));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, tfs::parseDataSpec("edit-folder"));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError,
                             tfs::makeExampleSource(tfs::parseDataSpec("edit-folder:" + dir_), o));
  }
};

QTEST_GUILESS_MAIN(TestDataEditFolder)
#include "test_data_edit_folder.moc"
