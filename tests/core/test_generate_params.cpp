// A1111-style parameters in PNG tEXt chunks, and conversations on disk.
#include <torch/torch.h>
#include <QtTest>

#include <filesystem>

#include "core/base/error.h"
#include "core/data/conversation.h"
#include "core/data/image_io.h"
#include "core/generate/png_params.h"
#include "tests/support/test_support.h"

class TestGenerateParams : public QObject {
  Q_OBJECT
  std::string dir_;

 private Q_SLOTS:
  void initTestCase() {
    dir_ = (tfs::test::tempRoot() + QStringLiteral("/generate_params")).toStdString();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }

  void formatIsA1111() {
    tfs::ImageParams p;
    p.prompt = "a red circle";
    p.negativePrompt = "blurry";
    p.steps = 20;
    p.sampler = "dpmpp-2m";
    p.cfgScale = 3;
    p.seed = 42;
    p.width = p.height = 64;
    p.model = "shapes-small";
    p.run = "runs/shapes";
    QCOMPARE(QString::fromStdString(tfs::formatParameters(p)),
             QStringLiteral("a red circle\nNegative prompt: blurry\nSteps: 20, Sampler: dpmpp-2m, "
                            "CFG scale: 3, Seed: 42, Size: 64x64, Model: shapes-small, Run: "
                            "runs/shapes, Mode: generate"));
  }

  void roundTripThroughAPng() {
    tfs::ImageParams p;
    p.prompt = "two lines,\nwith: a colon";
    p.steps = 250;
    p.sampler = "ddpm";
    p.cfgScale = 4.5;
    p.seed = 18446744073709551615ULL;
    p.width = 8;
    p.height = 8;
    p.model = "tiny-test";
    p.run = "/tmp/a, b";  // a comma inside a value is quoted
    p.mode = "edit";
    p.input = "in.png";
    p.extra["Eta"] = "0.5";
    const auto path = dir_ + "/p.png";
    tfs::savePng(torch::zeros({3, 8, 8}), path, {{tfs::kPngParamsKey, tfs::formatParameters(p)}});
    auto q = tfs::readPngParameters(path);
    QCOMPARE(QString::fromStdString(q.prompt), QString::fromStdString(p.prompt));
    QCOMPARE(q.negativePrompt.empty(), true);
    QCOMPARE(q.steps, p.steps);
    QCOMPARE(QString::fromStdString(q.sampler), QStringLiteral("ddpm"));
    QCOMPARE(q.cfgScale, 4.5);
    QCOMPARE(q.seed, p.seed);
    QCOMPARE(q.width, int64_t(8));
    QCOMPARE(q.height, int64_t(8));
    QCOMPARE(QString::fromStdString(q.model), QStringLiteral("tiny-test"));
    QCOMPARE(QString::fromStdString(q.run), QStringLiteral("/tmp/a, b"));
    QCOMPARE(QString::fromStdString(q.mode), QStringLiteral("edit"));
    QCOMPARE(QString::fromStdString(q.input), QStringLiteral("in.png"));
    QCOMPARE(QString::fromStdString(q.extra.at("Eta")), QStringLiteral("0.5"));
  }

  void badParametersAreClear() {
    try {
      tfs::parseParameters("just a caption");
      QFAIL("expected DataError");
    } catch (const tfs::DataError& e) {
      QVERIFY(QString(e.what()).contains(QStringLiteral("Steps")));
    }
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::parseParameters("x\nSteps: many"));
    const auto path = dir_ + "/plain.png";
    tfs::savePng(torch::zeros({3, 4, 4}), path);
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::readPngParameters(path));
  }

  void conversationRoundTrip() {
    tfs::Conversation c;
    c.addText(tfs::Role::User, "draw a square");
    c.addImage(tfs::Role::User, torch::linspace(-1, 1, 3 * 4 * 4).view({3, 4, 4}));
    c.addText(tfs::Role::Model, "here:");
    c.addImage(tfs::Role::Model, torch::ones({3, 4, 4}));
    QCOMPARE(int(c.messages.size()), 2);
    QCOMPARE(c.imageCount(), int64_t(2));
    c.save(dir_ + "/conv");
    QVERIFY(std::filesystem::exists(dir_ + "/conv/image-1.png"));
    auto d = tfs::Conversation::load(dir_ + "/conv");
    QCOMPARE(int(d.messages.size()), 2);
    QCOMPARE(QString::fromStdString(d.messages[0].parts[0].text), QStringLiteral("draw a square"));
    QVERIFY(d.messages[1].role == tfs::Role::Model);
    auto img = d.messages[0].parts[1].image;
    QCOMPARE(img.sizes().vec(), (std::vector<int64_t>{3, 4, 4}));
    QVERIFY((img - c.messages[0].parts[1].image).abs().max().item<float>() < 1.0f / 127.0f);
    QVERIFY_THROWS_EXCEPTION(tfs::IoError, tfs::Conversation::load(dir_ + "/missing"));
  }
};

QTEST_GUILESS_MAIN(TestGenerateParams)
#include "test_generate_params.moc"
