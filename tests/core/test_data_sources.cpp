// Image-caption folders, imagefolder metadata, WebDataset shards, text corpora and data specs,
// each with the broken records people really have.
#include <archive.h>
#include <archive_entry.h>
#include <torch/torch.h>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/data/data_spec.h"
#include "core/data/image_folder.h"
#include "core/data/image_io.h"
#include "core/data/text_corpus.h"
#include "core/data/utf8.h"
#include "core/data/webdataset.h"
#include "tests/support/test_support.h"

namespace fs = std::filesystem;

namespace {

void writeFile(const std::string& path, const std::string& bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string asString(const std::vector<uint8_t>& v) {
  return std::string(v.begin(), v.end());
}

// A solid image whose red channel encodes k, so records can be told apart after decoding.
std::string pngBytes(int k, int size = 16) {
  auto img = torch::full({3, size, size}, -1.0f);
  img[0].fill_(float(k * 10) / 127.5f - 1.0f);
  return asString(tfs::encodePng(img));
}

int redOf(const torch::Tensor& img) {
  return int(std::lround((img[0][4][4].item<float>() + 1.0f) * 127.5f / 10.0f));
}

void writeTar(const std::string& path,
              const std::vector<std::pair<std::string, std::string>>& members) {
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_open_filename(a, path.c_str());
  for (const auto& [name, data] : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, la_int64_t(data.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

std::vector<tfs::Example> drain(tfs::ExampleSource& s) {
  std::vector<tfs::Example> out;
  while (auto e = s.next()) out.push_back(std::move(*e));
  return out;
}

tfs::SourceOptions opts16() {
  tfs::SourceOptions o;
  o.imageSize = 16;
  return o;
}

}  // namespace

class TestDataSources : public QObject {
  Q_OBJECT
  std::string dir_;

 private Q_SLOTS:
  void initTestCase() {
    dir_ = (tfs::test::tempRoot() + QStringLiteral("/data_sources")).toStdString();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  void utf8Validation() {
    QVERIFY(tfs::isValidUtf8("plain ascii"));
    QVERIFY(tfs::isValidUtf8("caf\xc3\xa9 \xe2\x98\x83 \xf0\x9f\x98\x80"));
    QVERIFY(!tfs::isValidUtf8("caf\xe9"));           // Latin-1
    QVERIFY(!tfs::isValidUtf8("\xc0\xaf"));          // overlong '/'
    QVERIFY(!tfs::isValidUtf8("\xed\xa0\x80"));      // surrogate
    QVERIFY(!tfs::isValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
    QVERIFY(!tfs::isValidUtf8("\xe2\x98"));          // cut short
    QVERIFY(!tfs::isValidUtf8("\x80"));              // lone continuation
  }

  // Captions, shard keys and corpus lines are all trimmed by this one helper.
  void trimAndAsciiLower() {
    QCOMPARE(tfs::trim("  a caption\r\n"), std::string("a caption"));
    QCOMPARE(tfs::trim("\tinner  space\t"), std::string("inner  space"));
    QCOMPARE(tfs::trim(" \t\r\n"), std::string());
    QCOMPARE(tfs::trim(""), std::string());
    QCOMPARE(tfs::trim("caf\xc3\xa9"), std::string("caf\xc3\xa9"));
    QCOMPARE(tfs::asciiLower("Shard-0001.PNG"), std::string("shard-0001.png"));
    QCOMPARE(tfs::asciiLower("\xc3\x89T\xc3\x89"), std::string("\xc3\x89t\xc3\x89"));
  }

  void folderWithTxtCaptions() {
    const std::string d = dir_ + "/folder";
    writeFile(d + "/a.png", pngBytes(1));
    writeFile(d + "/a.txt", "  first caption\n");
    writeFile(d + "/b.png", pngBytes(2));  // no caption
    writeFile(d + "/c.png", "this is not a png at all");
    writeFile(d + "/c.txt", "broken");
    writeFile(d + "/sub/d.png", pngBytes(4));
    writeFile(d + "/sub/d.txt", "nested");
    writeFile(d + "/e.png", pngBytes(5));
    writeFile(d + "/e.txt", "bad \xff\xfe bytes");
    writeFile(d + "/notes.md", "ignored");
    tfs::FolderSource src(d, opts16());
    QCOMPARE(int(src.fileCount()), 5);
    auto got = drain(src);
    QCOMPARE(int(got.size()), 2);
    QCOMPARE(QString::fromStdString(got[0].text), QStringLiteral("first caption"));
    QCOMPARE(redOf(got[0].image), 1);
    QCOMPARE(QString::fromStdString(got[1].id), QStringLiteral("sub/d.png"));
    QCOMPARE(redOf(got[1].image), 4);
    auto s = src.skipped();
    QCOMPARE(s.byReason.at("missing caption"), int64_t(1));
    QCOMPARE(s.byReason.at("corrupt image"), int64_t(1));
    QCOMPARE(s.byReason.at("caption not UTF-8"), int64_t(1));
    QCOMPARE(s.total(), int64_t(3));
    // Missing captions allowed as empty.
    tfs::FolderSource lenient(d, opts16(), tfs::MissingCaption::Empty);
    auto all = drain(lenient);
    QCOMPARE(int(all.size()), 3);
    QCOMPARE(QString::fromStdString(all[1].text), QString());
    QVERIFY_THROWS_EXCEPTION(tfs::IoError, tfs::FolderSource(d + "/nope", opts16()));
  }

  void imageFolderMetadataJsonl() {
    const std::string d = dir_ + "/imagefolder";
    writeFile(d + "/x.png", pngBytes(3));
    writeFile(d + "/y.png", pngBytes(6));
    writeFile(d + "/metadata.jsonl",
              "{\"file_name\": \"x.png\", \"text\": \"an x\"}\n"
              "not json\n"
              "\n"
              "{\"text\": \"no file\"}\n"
              "{\"file_name\": \"missing.png\", \"text\": \"gone\"}\n"
              "{\"file_name\": \"y.png\", \"caption\": \"a y\"}\n");
    tfs::ImageFolderSource src(d, opts16());
    auto got = drain(src);
    QCOMPARE(int(got.size()), 2);
    QCOMPARE(QString::fromStdString(got[0].text), QStringLiteral("an x"));
    QCOMPARE(redOf(got[1].image), 6);
    QCOMPARE(src.skipped().byReason.at("bad metadata line"), int64_t(2));
    QCOMPARE(src.skipped().byReason.at("unreadable file"), int64_t(1));
    src.reset(1);
    QCOMPARE(int(drain(src).size()), 2);
  }

  void webDatasetShards() {
    const std::string d = dir_ + "/wds";
    fs::create_directories(d);
    writeTar(d + "/shard-000.tar", {{"000000.png", pngBytes(0)},
                                    {"000000.txt", "zero"},
                                    {"000001.png", pngBytes(1)},
                                    {"000001.json", "{\"caption\": \"one\", \"w\": 16}"},
                                    {"000002.png", pngBytes(2)},  // no caption
                                    {"000003.jpg", "\xff\xd8\xff garbage"},
                                    {"000003.txt", "corrupt jpeg"},
                                    {"000004.txt", "caption without image"}});
    writeTar(d + "/shard-001.tar", {{"dir/000005.png", pngBytes(5)},
                                    {"dir/000005.cls", "7"},
                                    {"dir/000005.txt", "five"},
                                    {"000006.png", pngBytes(6)},
                                    {"000006.json", "{\"text\": \"six\"}"}});
    auto shards = tfs::expandShardPattern(d + "/shard-{000..001}.tar");
    QCOMPARE(int(shards.size()), 2);
    QVERIFY(shards[1] == d + "/shard-001.tar");
    tfs::WebDatasetSource src(d + "/shard-{000..001}.tar", opts16());
    auto got = drain(src);
    QCOMPARE(int(got.size()), 4);
    const char* texts[] = {"zero", "one", "five", "six"};
    const int reds[] = {0, 1, 5, 6};
    for (int i = 0; i < 4; ++i) {
      QCOMPARE(QString::fromStdString(got[size_t(i)].text), QString(texts[i]));
      QCOMPARE(redOf(got[size_t(i)].image), reds[i]);
    }
    QCOMPARE(QString::fromStdString(got[2].id), QStringLiteral("shard-001.tar/dir/000005"));
    auto s = src.skipped();
    QCOMPARE(s.byReason.at("missing caption"), int64_t(1));
    QCOMPARE(s.byReason.at("corrupt image"), int64_t(1));
    QCOMPARE(s.byReason.at("no image"), int64_t(1));
    // A folder of shards works the same; a second pass after reset is identical.
    tfs::WebDatasetSource folder(d, opts16());
    QCOMPARE(int(drain(folder).size()), 4);
    folder.reset(0);
    QCOMPARE(int(drain(folder).size()), 4);
  }

  void truncatedTarSkipsTheRestOfThatShard() {
    const std::string d = dir_ + "/wds-trunc";
    fs::create_directories(d);
    std::vector<std::pair<std::string, std::string>> members;
    for (int i = 0; i < 6; ++i) {
      members.push_back({"s" + std::to_string(i) + ".png", pngBytes(i, 64)});
      members.push_back({"s" + std::to_string(i) + ".txt", "sample " + std::to_string(i)});
    }
    writeTar(d + "/a.tar", members);
    writeTar(d + "/b.tar", {{"k.png", pngBytes(9)}, {"k.txt", "after"}});
    const auto full = fs::file_size(d + "/a.tar");
    fs::resize_file(d + "/a.tar", full / 2);
    tfs::WebDatasetSource src(d + "/a.tar::" + d + "/b.tar::" + d + "/missing.tar", opts16());
    auto got = drain(src);
    QVERIFY(got.size() >= 2 && got.size() < 7);
    QCOMPARE(QString::fromStdString(got.back().text), QStringLiteral("after"));
    QCOMPARE(src.skipped().byReason.at("truncated shard"), int64_t(1));
    QCOMPARE(src.skipped().byReason.at("missing shard"), int64_t(1));
    // Every example before the cut is intact.
    for (size_t i = 0; i + 1 < got.size(); ++i)
      QCOMPARE(QString::fromStdString(got[i].text), QStringLiteral("sample %1").arg(i));
  }

  void shardPatterns() {
    auto v = tfs::expandShardPattern("s-{8..11}.tar");
    QCOMPARE(int(v.size()), 4);
    QCOMPARE(QString::fromStdString(v[0]), QStringLiteral("s-8.tar"));
    v = tfs::expandShardPattern("a-{000..002}-{x,y}.tar");
    QCOMPARE(int(v.size()), 6);
    QCOMPARE(QString::fromStdString(v[1]), QStringLiteral("a-000-y.tar"));
    QCOMPARE(QString::fromStdString(v[5]), QStringLiteral("a-002-y.tar"));
    v = tfs::expandShardPattern("one.tar::two.tar");
    QCOMPARE(int(v.size()), 2);
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, tfs::expandShardPattern("s-{1..x}.tar"));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, tfs::expandShardPattern("s-{1..3.tar"));
  }

  void textCorporaInEveryFormat() {
    const std::string d = dir_ + "/text";
    writeFile(d + "/lines.txt", "first line\n\nsecond line\nbad \xe9 latin1\nthird\n");
    tfs::TextCorpusSource lines(d + "/lines.txt");
    auto got = drain(lines);
    QCOMPARE(int(got.size()), 3);
    QCOMPARE(QString::fromStdString(got[2].text), QStringLiteral("third"));
    QVERIFY(!got[0].image.defined());
    QCOMPARE(lines.skipped().byReason.at("not UTF-8"), int64_t(1));

    writeFile(d + "/paras.txt", "para one\nstill one\n\n\npara two\n");
    tfs::TextCorpusSource paras(d + "/paras.txt", tfs::TextFormat::Paragraphs);
    got = drain(paras);
    QCOMPARE(int(got.size()), 2);
    QCOMPARE(QString::fromStdString(got[0].text), QStringLiteral("para one\nstill one"));

    writeFile(d + "/docs.jsonl",
              "{\"text\": \"json doc\"}\n{\"id\": 3}\n{broken\n{\"text\": \"second\"}\n");
    tfs::TextCorpusSource jsonl(d + "/docs.jsonl");
    got = drain(jsonl);
    QCOMPARE(int(got.size()), 2);
    QCOMPARE(QString::fromStdString(got[1].text), QStringLiteral("second"));
    QCOMPARE(jsonl.skipped().total(), int64_t(2));

    writeFile(d + "/fort/jokes", "A b_\bo_\bl_\bd joke.\n%\nTwo\nlines.\n%\n%\nLast.\n");
    writeFile(d + "/fort/jokes.dat", "\x01\x02 binary index");
    tfs::TextCorpusSource fortunes(d + "/fort");
    QCOMPARE(int(fortunes.files().size()), 1);
    got = drain(fortunes);
    QCOMPARE(int(got.size()), 3);
    QCOMPARE(QString::fromStdString(got[0].text), QStringLiteral("A bold joke."));
    QCOMPARE(QString::fromStdString(got[1].text), QStringLiteral("Two\nlines."));
  }

  void debianCorporaWhenInstalled() {
    if (!fs::exists(tfs::defaultFortunesDir())) QSKIP("fortunes not installed");
    auto src = tfs::makeExampleSource("fortunes", {});
    int n = 0;
    while (n < 500) {
      auto e = src->next();
      QVERIFY(e);
      QVERIFY(tfs::isValidUtf8(e->text) && !e->text.empty());
      QVERIFY(e->text.find('\b') == std::string::npos);
      ++n;
    }
    if (fs::exists(tfs::defaultWordNetDir() + "/data.noun")) {
      auto wn = tfs::makeExampleSource("wordnet", {});
      auto e = wn->next();
      QVERIFY(e);
      QVERIFY2(e->text.find(" | ") == std::string::npos && e->text.size() > 5, e->text.c_str());
    }
  }

  void dataSpecs() {
    auto s = tfs::parseDataSpec("shapes:42");
    QCOMPARE(QString::fromStdString(s.kind), QStringLiteral("shapes"));
    QCOMPARE(*s.seed, uint64_t(42));
    QVERIFY(tfs::parseDataSpec("shapes-edit").isEdit());
    QCOMPARE(QString::fromStdString(tfs::parseDataSpec("wds:/x/s-{0..3}.tar").arg),
             QStringLiteral("/x/s-{0..3}.tar"));
    QVERIFY(tfs::parseDataSpec("fortunes").isText());
    for (const char* bad :
         {"mnist", "fmnist", "fmnist:val", "shapes:x", "folder", "folder:", "zzz:1"}) {
      try {
        tfs::parseDataSpec(bad);
        QFAIL(bad);
      } catch (const tfs::UsageError& e) {
        QVERIFY(QString(e.what()).contains(QStringLiteral("valid data specs")));
        QVERIFY(QString(e.what()).contains(QStringLiteral("fmnist:train")));
      }
    }
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, tfs::makeExampleSource("shapes:5", opts16()));
    tfs::SourceOptions o32;
    o32.imageSize = 32;
    auto shapes = tfs::makeExampleSource("shapes:5", o32);
    QCOMPARE(shapes->next()->image.size(2), int64_t(32));
    QCOMPARE(shapes->next()->id, std::string("shapes-5-1"));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, tfs::makeExampleSource("shapes-edit:1", opts16()));
    auto edits = tfs::makeEditSource(tfs::parseDataSpec("shapes-edit:1"), {});
    QVERIFY(!edits->next()->instruction.empty());
    auto folder = tfs::makeExampleSource("folder:" + dir_ + "/folder", opts16());
    QVERIFY(folder->describe().find("image folder") != std::string::npos);
  }

  void shuffleIsDeterministicAndComplete() {
    const std::string d = dir_ + "/text/many.txt";
    std::string body;
    for (int i = 0; i < 100; ++i) body += "doc " + std::to_string(i) + "\n";
    writeFile(d, body);
    tfs::SourceOptions o;
    o.shuffle = true;
    o.shuffleBuffer = 16;
    o.seed = 3;
    auto a = tfs::makeExampleSource("text:" + d, o), b = tfs::makeExampleSource("text:" + d, o);
    auto ea = drain(*a), eb = drain(*b);
    QCOMPARE(int(ea.size()), 100);
    std::set<std::string> seen;
    bool moved = false;
    for (size_t i = 0; i < ea.size(); ++i) {
      QCOMPARE(ea[i].text, eb[i].text);
      seen.insert(ea[i].text);
      moved |= ea[i].text != "doc " + std::to_string(i);
    }
    QCOMPARE(int(seen.size()), 100);
    QVERIFY(moved);
    a->reset(4);
    auto ec = drain(*a);
    bool differs = false;
    for (size_t i = 0; i < ec.size(); ++i) differs |= ec[i].text != ea[i].text;
    QVERIFY(differs);
  }
};

QTEST_GUILESS_MAIN(TestDataSources)
#include "test_data_sources.moc"
