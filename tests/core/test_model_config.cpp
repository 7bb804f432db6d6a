// ModelConfig JSON, validation messages, presets and parameter counts.
#include <torch/torch.h>
#include <QtTest>

#include <fstream>

#include "core/base/error.h"
#include "core/model/model_config.h"
#include "core/model/param_count.h"
#include "core/model/transfusion_model.h"
#include "tests/support/test_support.h"

namespace {

QString configErrorOf(const nlohmann::json& j) {
  try {
    tfs::ModelConfig::fromJson(j);
  } catch (const tfs::ConfigError& e) {
    return QString::fromUtf8(e.what());
  }
  return QStringLiteral("<accepted>");
}

int64_t allocated(const torch::nn::Module& m) {
  int64_t n = 0;
  for (const auto& p : m.parameters()) n += p.numel();
  return n;
}

}  // namespace

class TestModelConfig : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void everyPresetValidatesAndRoundTrips() {
    QVERIFY(tfs::presetNames().size() >= 13);
    for (const auto& name : tfs::presetNames()) {
      auto c = tfs::preset(name);
      c.validate();
      QCOMPARE(QString::fromStdString(c.name), QString::fromStdString(name));
      auto back = tfs::ModelConfig::fromJson(c.toJson());
      QCOMPARE(QString::fromStdString(back.toJson().dump()),
               QString::fromStdString(c.toJson().dump()));
    }
  }

  void unknownPresetListsNames() {
    try {
      tfs::preset("paper-3b");
      QFAIL("expected ConfigError");
    } catch (const tfs::ConfigError& e) {
      QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("paper-0.16b")));
    }
  }

  void badConfigsNameTheField_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown key") << "{\"dmodel\": 64}"
                                 << "model config: unknown key \"dmodel\"";
    QTest::newRow("wrong type") << "{\"dModel\": \"big\"}"
                                << "model config: \"dModel\" is \"big\": it must be an integer";
    QTest::newRow("bool type") << "{\"qkNorm\": 1}"
                               << "\"qkNorm\" is 1: it must be true or false";
    QTest::newRow("list type") << "{\"vaeChannels\": [1, \"x\"]}"
                               << "\"vaeChannels\" is \"x\": it must be an integer";
    QTest::newRow("out of range") << "{\"nLayers\": 0}"
                                  << "nLayers is 0";
    QTest::newRow("heads") << "{\"dModel\": 100, \"nHeads\": 12}"
                           << "not divisible by nHeads";
    QTest::newRow("odd head") << "{\"dModel\": 36, \"nHeads\": 12}"
                              << "RoPE";
    QTest::newRow("image size") << "{\"imageSize\": 60, \"vaeFactor\": 4, \"patchSize\": 2}"
                                << "imageSize (60) is not divisible";
    QTest::newRow("pixel channels")
        << "{\"vaeFactor\": 1, \"imageChannels\": 3, \"latentChannels\": 8}"
        << "latentChannels (8) differs";
    QTest::newRow("vae factor") << "{\"vaeFactor\": 3}"
                                << "vaeFactor is 3";
    QTest::newRow("patch") << "{\"patchSize\": 3}"
                           << "patchSize is 3";
    QTest::newRow("encoder") << "{\"patchEncoder\": \"conv\"}"
                             << "patchEncoder is 'conv'";
    QTest::newRow("noise limit") << "{\"noiseLimit\": 1000}"
                                 << "noiseLimit is 1000";
    QTest::newRow("dropout") << "{\"captionDropout\": 1.5}"
                             << "captionDropout";
    QTest::newRow("sequence") << "{\"maxSeqLen\": 100}"
                              << "cannot hold one image";
    QTest::newRow("not object") << "[1, 2]"
                                << "must be a JSON object";
  }
  void badConfigsNameTheField() {
    QFETCH(QString, json);
    QFETCH(QString, expected);
    auto msg = configErrorOf(nlohmann::json::parse(json.toStdString()));
    QVERIFY2(msg.contains(expected), qPrintable(msg));
  }

  void partialJsonKeepsDefaults() {
    auto c = tfs::ModelConfig::fromJson(nlohmann::json::parse("{\"dModel\": 512, \"nHeads\": 8}"));
    QCOMPARE(c.dModel, 512);
    QCOMPARE(c.nLayers, 16);
    QCOMPARE(c.patchesPerImage(), 256);  // 256 / 8 / 2 = 16 per side
    QCOMPARE(c.patchDim(), 32);
  }

  void loadsRunConfigFiles() {
    const auto path = (tfs::test::tempRoot() + QStringLiteral("/model_config.json")).toStdString();
    nlohmann::json run;
    run["model"] = tfs::preset("tiny-test").toJson();
    run["train"] = nlohmann::json::object();
    std::ofstream(path) << run.dump();
    QCOMPARE(tfs::loadModelConfig(path).dModel, tfs::preset("tiny-test").dModel);
    std::ofstream(path) << "{ not json";
    QVERIFY_THROWS_EXCEPTION(tfs::ConfigError, tfs::loadModelConfig(path));
    QVERIFY_THROWS_EXCEPTION(tfs::IoError, tfs::loadModelConfig(path + ".missing"));
  }

  void llamaFfnRule() {
    tfs::ModelConfig c;
    c.dModel = 768;
    QCOMPARE(c.ffnHiddenSize(), 2048);
    c.dModel = 4096;
    QCOMPARE(c.ffnHiddenSize(), 11008);  // Llama 7B
    c.ffnHidden = 100;
    QCOMPARE(c.ffnHiddenSize(), 100);
  }

  void paperSizesLandOnTable2() {
    const std::vector<std::pair<std::string, double>> sizes = {{"paper-0.16b", 0.16e9},
                                                               {"paper-0.37b", 0.37e9},
                                                               {"paper-0.76b", 0.76e9},
                                                               {"paper-1.4b", 1.4e9},
                                                               {"paper-7b", 7.0e9}};
    for (const auto& [name, target] : sizes) {
      auto c = tfs::countParameters(tfs::preset(name));
      const double n = double(c.paperSize());
      qInfo("%s: transformer %.1fM + embeddings %.1fM = %.3fB (patch codec %.2fM)", name.c_str(),
            c.transformer / 1e6, c.embeddings / 1e6, n / 1e9, c.patchCodec / 1e6);
      QVERIFY2(std::abs(n - target) / target < 0.05, name.c_str());
      QCOMPARE(c.total, c.transformer + c.embeddings + c.patchCodec + c.vae);
    }
    // Hand count for 0.16B: 16 · (4·768² + 3·768·2048 + 2·768) + 768 and 2 · 32000 · 768.
    auto c = tfs::countParameters(tfs::preset("paper-0.16b"));
    QCOMPARE(c.transformer, 16 * (4 * 768 * 768 + 3 * 768 * 2048 + 2 * 768) + 768);
    QCOMPARE(c.embeddings, 2 * 32000 * 768);
  }

  void analyticCountEqualsAllocation() {
    for (const char* name : {"tiny-test", "fmnist-small", "shapes-small"}) {
      for (int variant = 0; variant < 4; ++variant) {
        auto cfg = tfs::preset(name);
        cfg.qkNorm = variant == 1;
        if (variant >= 2) cfg.patchEncoder = "unet";
        cfg.unetSkips = variant != 3;
        tfs::TransfusionModel m(cfg);
        auto c = tfs::countParameters(cfg);
        QCOMPARE(allocated(*m), c.transformer + c.embeddings + c.patchCodec);
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestModelConfig)
#include "test_model_config.moc"
