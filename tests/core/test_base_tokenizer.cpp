// The SentencePiece shim trains and round-trips BPE in a process that also runs LibTorch ops.
#include <torch/torch.h>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/text/spm_library.h"
#include "core/text/tokenizer.h"
#include "tests/support/test_support.h"

class TestTokenizer : public QObject {
  Q_OBJECT
  std::string dir_;

  std::vector<std::string> corpus() {
    std::vector<std::string> texts;
    const char* kinds[] = {"circle",     "square", "triangle", "sneaker",
                           "ankle boot", "dress",  "shirt"};
    const char* colours[] = {"red", "green", "blue", "yellow", "purple"};
    for (int i = 0; i < 400; ++i) {
      texts.push_back(std::string("a ") + colours[i % 5] + " " + kinds[i % 7] + " next to a " +
                      colours[(i / 5) % 5] + " " + kinds[(i / 7) % 7]);
    }
    return texts;
  }

 private Q_SLOTS:
  void initTestCase() {
    dir_ = (tfs::test::tempRoot() + QStringLiteral("/tokenizer")).toStdString();
    std::filesystem::remove_all(dir_);
  }

  void trainEncodeDecodeRoundTripWithTorch() {
    auto before = torch::ones({4, 4}).matmul(torch::ones({4, 4}));  // LibTorch is live in-process
    tfs::Tokenizer::TrainOptions o;
    o.vocabSize = 400;  // byte fallback reserves 256 pieces
    auto tok = tfs::Tokenizer::train(corpus(), dir_ + "/bpe.model", o);
    QVERIFY(std::filesystem::exists(dir_ + "/bpe.model"));
    QCOMPARE(tok.pad(), 0);
    QCOMPARE(tok.unk(), 1);
    QCOMPARE(tok.bos(), 2);
    QCOMPARE(tok.eos(), 3);
    QCOMPARE(tok.boi(), 4);
    QCOMPARE(tok.eoi(), 5);
    const std::string text = "a red circle next to a blue ankle boot";
    auto ids = tok.encode(text);
    QVERIFY(ids.size() > 3 && ids.size() < text.size());
    QCOMPARE(QString::fromStdString(tok.decode(ids)), QString::fromStdString(text));
    // Specials never leak into decoded text.
    ids.insert(ids.begin(), tok.bos());
    ids.push_back(tok.boi());
    ids.push_back(tok.eoi());
    QCOMPARE(QString::fromStdString(tok.decode(ids)), QString::fromStdString(text));
    auto reloaded = tfs::Tokenizer::load(dir_ + "/bpe.model");
    QCOMPARE(reloaded.encode(text), tok.encode(text));
    QCOMPARE(before.sum().item<float>(), 64.0f);
    // Unseen characters survive through byte fallback.
    QCOMPARE(QString::fromStdString(tok.decode(tok.encode("zebra ☃"))), QStringLiteral("zebra ☃"));
  }

  void versionComesFromShim() {
    QCOMPARE(QString::fromStdString(tfs::Tokenizer::backendVersion()), QStringLiteral("0.1.97"));
  }

  void missingShimIsAClearError() {
    try {
      tfs::SpmLibrary::open("/nonexistent/libtfs_spm_shim.so");
      QFAIL("expected ShimError");
    } catch (const tfs::ShimError& e) {
      QVERIFY(QString::fromUtf8(e.what()).contains(
          QStringLiteral("cannot load the SentencePiece shim")));
    }
  }

  void brokenShimIsAClearError() {
    // A real shared library that is not our shim: the symbol check must refuse it.
    try {
      tfs::SpmLibrary::open("libz.so.1");
      QFAIL("expected ShimError");
    } catch (const tfs::ShimError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("missing symbol tfs_spm_abi")),
               e.what());
    }
  }

  void corruptModelIsAClearError() {
    const std::string path = dir_ + "/corrupt.model";
    std::ofstream(path) << "this is not a protobuf";
    QVERIFY_EXCEPTION_THROWN(tfs::Tokenizer::load(path), tfs::DataError);
    QVERIFY_EXCEPTION_THROWN(tfs::Tokenizer::load(dir_ + "/missing.model"), tfs::IoError);
    try {
      tfs::Tokenizer::load(dir_);  // a folder, e.g. a run folder instead of its tokenizer.model
      QFAIL("loaded a folder as a tokenizer");
    } catch (const tfs::IoError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("tokenizer.model")), e.what());
    }
  }

  // A model that makes SentencePiece throw from inside Load (an empty piece: darts_clone's
  // "zero-length key", found by tests/fuzz) is an error naming the file, not a terminate.
  void aModelSentencePieceThrowsOnIsAnError() {
    const std::string path =
        std::string(TFS_SOURCE_DIR) +
        "/tests/fuzz/regressions/tokenizer_model/empty-piece-darts-exception.model";
    try {
      tfs::Tokenizer::load(path);
      QFAIL("loaded a damaged model");
    } catch (const tfs::Error& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("empty-piece-darts-exception")),
               e.what());
    }
  }

  void aTooSmallVocabularySaysWhichOptionFixesIt() {
    tfs::Tokenizer::TrainOptions o;
    o.vocabSize = 20;  // below the 256 byte pieces + specials + characters
    try {
      tfs::Tokenizer::train(corpus(), dir_ + "/small.model", o);
      QFAIL("trained a 20-piece vocabulary");
    } catch (const tfs::ConfigError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("raise tokenizerVocab")),
               e.what());
    }
    QVERIFY(!QFile::exists(QString::fromStdString(dir_ + "/small.model")));
    // The char model's trainer words it differently ("(vocab_size) >= (0)"); same advice.
    o.modelType = "char";
    try {
      tfs::Tokenizer::train(corpus(), dir_ + "/small.model", o);
      QFAIL("trained a 20-piece char vocabulary");
    } catch (const tfs::ConfigError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("raise tokenizerVocab")),
               e.what());
    }
  }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_base_tokenizer.moc"
