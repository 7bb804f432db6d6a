// Train config validation, the LR schedule, EMA math, the loss guard and the metrics log.
#include <torch/torch.h>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/model/model_config.h"
#include "core/model/param_count.h"
#include "core/train/ema.h"
#include "core/train/fused_adamw.h"
#include "core/train/loss_guard.h"
#include "core/train/lr_schedule.h"
#include "core/train/memory_estimate.h"
#include "core/train/metrics_log.h"
#include "core/train/train_config.h"
#include "tests/support/test_support.h"

class TestTrainBasics : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void configRoundTripsThroughJson() {
    tfs::TrainConfig c;
    c.steps = 77;
    c.beta2 = 0.99;
    c.precision = "bf16";
    auto back = tfs::TrainConfig::fromJson(c.toJson());
    QCOMPARE(back.toJson(), c.toJson());
    QCOMPARE(back.beta2, 0.99);
    QCOMPARE(tfs::TrainConfig().lr, 3e-4);
    QCOMPARE(tfs::TrainConfig().minLr, 1.5e-5);
    QCOMPARE(tfs::TrainConfig().captionFirstProb, 0.8);
  }

  void badConfigsAreRefused() {
    auto refused = [](const nlohmann::json& j, const char* word) {
      try {
        tfs::TrainConfig::fromJson(j);
        return false;
      } catch (const tfs::ConfigError& e) {
        return QString::fromUtf8(e.what()).contains(QLatin1String(word));
      }
    };
    QVERIFY(refused({{"stepz", 10}}, "unknown key"));
    QVERIFY(refused({{"steps", 0}}, "steps"));
    QVERIFY(
        refused({{"steps", "many"}}, "train config: \"steps\" is \"many\": it must be an integer"));
    QVERIFY(refused({{"lr", -1.0}}, "lr"));
    QVERIFY(refused({{"betas", {0.9}}}, "betas"));
    QVERIFY(refused({{"betas", {0.9, 1.5}}}, "betas"));
    QVERIFY(refused({{"precision", "fp16"}}, "precision"));
    QVERIFY(refused({{"dtype", "fp16"}}, "precision"));  // the key's old name still reads
    QVERIFY(refused({{"device", "tpu"}}, "device"));
    QVERIFY(refused({{"captionFirstProb", 1.2}}, "captionFirstProb"));
    QVERIFY(refused({{"minLr", 1.0}}, "minLr"));
    QVERIFY(refused({{"keepCheckpoints", 0}}, "keepCheckpoints"));
    QVERIFY(!refused({{"steps", 5}, {"betas", {0.8, 0.9}}}, "x"));
    QVERIFY(refused({{"steps", 1e30}}, "too large"));
    QVERIFY(refused({{"batchRows", 2.5}}, "whole number"));
    QVERIFY(!refused({{"steps", 1e3}}, "x"));  // 1000 written as a float is fine
  }

  void aUsersModelConfigNeedsItsArchitectureOrAPreset() {
    std::string basedOn;
    auto m = tfs::modelConfigForNewRun({{"name", "tiny-test"}, {"nLayers", 3}}, &basedOn);
    QCOMPARE(QString::fromStdString(basedOn), QStringLiteral("tiny-test"));
    QCOMPARE(m.nLayers, int64_t(3));
    QCOMPARE(m.dModel, tfs::preset("tiny-test").dModel);  // the rest from the preset
    try {
      tfs::modelConfigForNewRun({{"name", "mine"}, {"nLayers", 2}});
      QFAIL("a model without dModel was accepted");
    } catch (const tfs::ConfigError& e) {
      const QString msg = QString::fromUtf8(e.what());
      QVERIFY2(msg.contains(QStringLiteral("dModel")) && msg.contains(QStringLiteral("missing")),
               e.what());
    }
    // A run config with only "model": its train config is the base one, not "unknown key model".
    const std::string path = (tfs::test::tempRoot() + "/run-config-model-only.json").toStdString();
    std::ofstream(path) << R"({"model": {"name": "tiny-test"}})";
    auto base = tfs::trainPreset("tiny-test");
    QCOMPARE(tfs::loadTrainConfig(path, base).steps, base.steps);
  }

  void memoryIsEstimatedBeforeAllocating() {
    auto m = tfs::preset("tiny-test");
    auto t = tfs::trainPreset("tiny-test");
    const auto e = tfs::estimateTrainMemory(m, t);
    const double p = double(tfs::countParameters(m).total);
    QCOMPARE(e.weightsBytes, 4 * p);
    QCOMPARE(e.optimizerBytes, 8 * p);
    const double L = double(t.rowLength);
    QCOMPARE(e.activationBytes,
             4.0 * double(t.batchRows) * L *
                 (double(m.nLayers) * (10.0 * double(m.dModel) + 4.0 * double(m.ffnHiddenSize()) +
                                       2.0 * double(m.nHeads) * L) +
                  3.0 * double(m.vocabSize)));
    tfs::checkTrainingFits(m, t, torch::kCPU);  // the tiny model fits anywhere
    QVERIFY(tfs::availableMemoryBytes(torch::kCPU) > 0);
    auto says = [](const tfs::ModelConfig& mc, const tfs::TrainConfig& tc, const char* word) {
      try {
        tfs::checkTrainingFits(mc, tc, torch::kCPU);
        return false;
      } catch (const tfs::ConfigError& e) {
        qInfo("%s", e.what());
        return QString::fromUtf8(e.what()).contains(QLatin1String(word)) &&
               QString::fromUtf8(e.what()).contains(QLatin1String("GiB free"));
      }
    };
    auto huge = t;
    huge.batchRows = 1000000000;
    QVERIFY(says(m, huge, "lower batchRows"));
    auto big = m;
    big.dModel = 8192;
    big.nHeads = 64;
    big.nLayers = 1024;
    QVERIFY(says(big, t, "lower dModel"));
  }

  void configFileMayBeARunConfig() {
    const std::string path = (tfs::test::tempRoot() + "/train_cfg.json").toStdString();
    std::ofstream(path)
        << nlohmann::json{{"model", nlohmann::json::object()}, {"train", {{"steps", 42}}}}.dump();
    QCOMPARE(tfs::loadTrainConfig(path).steps, int64_t(42));
  }

  // A preset's tokenizer and its model agree on the vocabulary, so `bench train --preset`, `info
  // --preset` and the parameter counts describe the model `train --preset` really builds.
  void presetTokenizerMatchesTheModelVocabulary() {
    for (const auto& name : tfs::presetNames())
      QVERIFY2(tfs::trainPreset(name).tokenizerVocab == tfs::preset(name).vocabSize, name.c_str());
    QCOMPARE(tfs::trainPreset("fmnist-demo").tokenizerVocab, int64_t(512));
    QCOMPARE(tfs::trainPreset("shapes-demo").tokenizerVocab, int64_t(320));
    QCOMPARE(tfs::trainPreset("paper-0.16b").tokenizerVocab, int64_t(32000));
    QCOMPARE(tfs::trainPreset("my-own-config").tokenizerVocab, int64_t(32000));  // not a preset
    // Presets by exact name: a name that merely contains one gets the generic recipe.
    QCOMPARE(tfs::trainPreset("fmnist-demo").rowLength, int64_t(128));
    QCOMPARE(tfs::trainPreset("my-fmnist-demo-copy").rowLength, int64_t(4096));
    QCOMPARE(tfs::trainPreset("shapes-small").rowLength, int64_t(256));
    QCOMPARE(tfs::trainPreset("shapes-edit").editProb, 0.7);
    QCOMPARE(tfs::trainPreset("fmnist-chat").dialogueProb, 0.55);
  }

  void lrScheduleWarmsUpThenCosineDecays() {
    tfs::LrSchedule s(1.0, 0.1, 4, 14);
    QCOMPARE(s.at(0), 0.25);
    QCOMPARE(s.at(3), 1.0);
    QCOMPARE(s.at(4), 1.0);                      // cosine starts at the peak
    QVERIFY(std::abs(s.at(9) - 0.55) < 1e-12);   // halfway: floor + (peak-floor)/2
    QVERIFY(std::abs(s.at(14) - 0.1) < 1e-12);   // reaches the floor
    QVERIFY(std::abs(s.at(100) - 0.1) < 1e-12);  // and stays there
    QVERIFY(s.at(6) > s.at(7) && s.at(7) > s.at(8));
    tfs::LrSchedule noWarm(2.0, 0.0, 0, 2);
    QCOMPARE(noWarm.at(0), 2.0);
    QVERIFY(std::abs(noWarm.at(1) - 1.0) < 1e-12);
  }

  // The one-pass AdamW follows torch::optim::AdamW step for step (two groups, weight decay on
  // one, a parameter without a gradient at one step), and its state saves and loads as the
  // reference's: a checkpoint written by either continues in the other.
  void fusedAdamWMatchesTheReference() {
    torch::manual_seed(4);
    auto make = [] {
      std::vector<torch::Tensor> ps = {torch::randn({300, 7}), torch::randn({1000003}),
                                       torch::randn({5})};
      for (auto& p : ps) p.requires_grad_(true);
      return ps;
    };
    auto a = make();
    std::vector<torch::Tensor> b;
    for (auto& p : a) b.push_back(p.detach().clone().requires_grad_(true));
    auto groups = [](std::vector<torch::Tensor>& ps) {
      auto opts = [](double wd) {
        return std::make_unique<torch::optim::AdamWOptions>(
            torch::optim::AdamWOptions(3e-3).betas({0.9, 0.95}).eps(1e-8).weight_decay(wd));
      };
      std::vector<torch::optim::OptimizerParamGroup> g;
      g.emplace_back(std::vector<torch::Tensor>{ps[0], ps[1]}, opts(0.1));
      g.emplace_back(std::vector<torch::Tensor>{ps[2]}, opts(0.0));
      return g;
    };
    tfs::FusedAdamW fused(groups(a), torch::optim::AdamWOptions(3e-3));
    torch::optim::AdamW ref(groups(b), torch::optim::AdamWOptions(3e-3));
    for (int step = 0; step < 6; ++step) {
      for (size_t i = 0; i < a.size(); ++i) {
        if (step == 2 && i == 2) continue;  // no gradient this step: left alone by both
        auto g = torch::randn(a[i].sizes()) * (1 + step);
        a[i].mutable_grad() = g.clone();
        b[i].mutable_grad() = g.clone();
      }
      fused.step();
      ref.step();
      for (size_t i = 0; i < a.size(); ++i) {
        // Within a few float ulps (vectorised sqrt and fused multiply-adds round differently).
        const double err = ((a[i] - b[i]).abs().max() / b[i].abs().max()).item<double>();
        QVERIFY2(err < 1e-6, qPrintable(QString("step %1 param %2: %3").arg(step).arg(i).arg(err)));
      }
      fused.zero_grad();
      ref.zero_grad();
      a[2].mutable_grad() = torch::Tensor();
      b[2].mutable_grad() = torch::Tensor();
    }
    // The parameter skipped once has one step fewer in both.
    const std::string path = (tfs::test::tempRoot() + "/fused-adamw.pt").toStdString();
    torch::save(fused, path);
    torch::optim::AdamW loaded(groups(b), torch::optim::AdamWOptions(3e-3));
    torch::load(loaded, path);
    for (size_t i = 0; i < b.size(); ++i) {
      const auto key = c10::guts::to_string(b[i].unsafeGetTensorImpl());
      const auto& ls = static_cast<torch::optim::AdamWParamState&>(*loaded.state().at(key));
      const auto& rs = static_cast<torch::optim::AdamWParamState&>(*ref.state().at(key));
      QCOMPARE(ls.step(), rs.step());
      auto rel = [](const torch::Tensor& x, const torch::Tensor& y) {
        return ((x - y).abs().max() / y.abs().max()).item<double>();
      };
      QVERIFY2(rel(ls.exp_avg(), rs.exp_avg()) < 1e-6,
               qPrintable(QString::number(rel(ls.exp_avg(), rs.exp_avg()))));
      QVERIFY2(rel(ls.exp_avg_sq(), rs.exp_avg_sq()) < 1e-6,
               qPrintable(QString::number(rel(ls.exp_avg_sq(), rs.exp_avg_sq()))));
    }
  }

  void emaFollowsTheWarmupDecay() {
    auto model = std::make_shared<torch::nn::LinearImpl>(2, 1);
    auto shadow = std::make_shared<torch::nn::LinearImpl>(2, 1);
    torch::NoGradGuard ng;
    model->weight.fill_(1.0);
    model->bias.fill_(0.0);
    tfs::Ema ema(shadow, 0.5);
    ema.copyFrom(*model);
    QCOMPARE(shadow->weight[0][0].item<float>(), 1.0f);
    model->weight.fill_(3.0);
    // n = 0: d = min(0.5, 1/10) = 0.1 → 0.1·1 + 0.9·3 = 2.8
    QVERIFY(std::abs(ema.currentDecay() - 0.1) < 1e-12);
    ema.update(*model);
    QVERIFY(std::abs(shadow->weight[0][0].item<float>() - 2.8f) < 1e-6);
    // After many updates the decay is the configured one: d = 0.5.
    ema.setUpdates(1000);
    model->weight.fill_(0.0);
    ema.update(*model);
    QVERIFY(std::abs(shadow->weight[0][1].item<float>() - 1.4f) < 1e-6);
    QCOMPARE(ema.updates(), int64_t(1001));
    QVERIFY(!shadow->weight.requires_grad());
  }

  void guardSkipsNaNAndATenSigmaSpike() {
    tfs::LossGuard g(6.0, 50, 20);
    for (int i = 0; i < 40; ++i) QVERIFY(!g.check(2.0 + 0.01 * (i % 5 - 2)).skip);
    auto nan = g.check(std::nan(""));
    QVERIFY(nan.skip);
    QVERIFY(QString::fromStdString(nan.reason).contains(QLatin1String("not finite")));
    QVERIFY(g.check(std::numeric_limits<double>::infinity()).skip);
    // std of the window ≈ 0.0141: 2.0 + 10σ is a spike, 2.0 + 2σ is not.
    auto spike = g.check(2.0 + 10 * 0.01414);
    QVERIFY(spike.skip);
    QVERIFY(spike.zScore > 9 && spike.zScore < 11);
    QVERIFY(QString::fromStdString(spike.reason).contains(QLatin1String("spike")));
    QVERIFY(!g.check(2.0 + 2 * 0.01414).skip);
    QCOMPARE(g.skipped(), int64_t(3));
    // State round-trips, so a resumed run judges the same way.
    tfs::LossGuard h(6.0, 50, 20);
    h.restore(g.state());
    QCOMPARE(h.state(), g.state());
    QCOMPARE(h.check(5.0).skip, g.check(5.0).skip);
  }

  void guardWaitsForAFullEnoughWindow() {
    tfs::LossGuard g(3.0, 10, 5);
    for (int i = 0; i < 4; ++i) g.check(1.0 + i * 0.001);
    QVERIFY(!g.check(100.0).skip);  // only 4 values seen: no judgement yet
  }

  void metricsLogWritesOneObjectPerLineAndTruncatesOnResume() {
    const std::string path = (tfs::test::tempRoot() + "/metrics.jsonl").toStdString();
    std::filesystem::remove(path);
    {
      tfs::MetricsLog log(path);
      for (int s = 1; s <= 5; ++s) {
        tfs::StepMetrics m;
        m.step = s;
        m.lm = 1.0 / s;
        m.skipped = s == 3;
        m.skipReason = "loss spike";
        log.append(m);
      }
    }
    {
      tfs::MetricsLog log(path, 3);  // resumed from step 3: steps 4 and 5 are redone
      tfs::StepMetrics m;
      m.step = 4;
      log.append(m);
    }
    std::ifstream in(path);
    std::string line;
    std::vector<nlohmann::json> rows;
    while (std::getline(in, line)) rows.push_back(nlohmann::json::parse(line));
    QCOMPARE(rows.size(), size_t(4));
    QCOMPARE(rows[3]["step"].get<int>(), 4);
    QCOMPARE(rows[2]["skipped"].get<bool>(), true);
    for (const char* k : {"step", "time", "lm", "diffusion", "total", "lr", "grad_norm",
                          "tokens_per_s", "images_per_s", "skipped"})
      QVERIFY2(rows[0].contains(k), k);
    QCOMPARE(rows[1]["lm"].get<double>(), 0.5);
  }
};

QTEST_GUILESS_MAIN(TestTrainBasics)
#include "test_train_basics.moc"
