// The VAE stage of a latent-space model: shapes through the VAE, VaeTrainer learning to
// reconstruct held-out shapes scenes and saving weights that load back, a stop mid-run, and a
// latent-space TrainSession that refuses to start without the VAE and trains on latents with it.
#include <torch/torch.h>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/data/data_spec.h"
#include "core/model/vae.h"
#include "core/model/weights_io.h"
#include "core/train/run_dir.h"
#include "core/train/train_session.h"
#include "core/train/vae_trainer.h"
#include "tests/support/test_support.h"

namespace fs = std::filesystem;

namespace {

// 32×32 RGB shapes scenes through a ×4 VAE: 8×8×4 latents, 16 patches of 2×2×4.
tfs::ModelConfig latentConfig() {
  tfs::ModelConfig c = tfs::preset("tiny-test");
  c.name = "tiny-latent";
  c.maxSeqLen = 128;
  c.imageSize = 32;
  c.imageChannels = 3;
  c.vaeFactor = 4;
  c.latentChannels = 4;
  c.vaeChannels = {16, 32, 32};
  c.patchSize = 2;
  c.validate();
  return c;
}

std::unique_ptr<tfs::ExampleSource> shapes(const tfs::ModelConfig& m) {
  tfs::SourceOptions so;
  so.imageSize = m.imageSize;
  so.channels = m.imageChannels;
  so.seed = 5;
  so.shuffle = true;
  return tfs::makeExampleSource("shapes", so);
}

// A run config of latentConfig() training `steps` steps on shapes, and the session options for it.
tfs::TrainSessionOptions latentSession(const std::string& dir, int64_t steps) {
  std::ofstream(dir + "/config.json") << nlohmann::json{
      {"model", latentConfig().toJson()},
      {"train",
       {{"steps", steps},
        {"batchRows", 2},
        {"rowLength", 128},
        {"warmupSteps", 1},
        {"tokenizerVocab", 300},
        {"checkpointEvery", steps},
        {"logEvery", 1},
        {"sampleEvery", 0}}}}.dump();
  tfs::TrainSessionOptions o;
  o.configFile = dir + "/config.json";
  o.data = {"shapes"};
  o.device = "cpu";
  o.tokenizerSamples = 300;
  return o;
}

tfs::VaeTrainConfig quickVae(int64_t steps) {
  tfs::VaeTrainConfig v;
  v.steps = steps;
  v.batchSize = 8;
  v.lr = 3e-3;
  v.heldOut = 8;
  v.logEvery = 10;
  v.device = "cpu";
  return v;
}

}  // namespace

// The VAE trainer's steps, to a function (it reports through TrainObserver::onVaeStep).
struct VaeSteps : tfs::TrainObserver {
  std::function<void(const tfs::VaeStepMetrics&)> f;
  explicit VaeSteps(std::function<void(const tfs::VaeStepMetrics&)> fn) : f(std::move(fn)) {}
  void onVaeStep(const tfs::VaeStepMetrics& m) override { f(m); }
};

class TestTrainVae : public QObject {
  Q_OBJECT
  std::string dir_;

 private Q_SLOTS:
  void init() {
    dir_ = (tfs::test::tempRoot() + "/train_vae/" + QTest::currentTestFunction()).toStdString();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  void encodeDecodeShapes() {
    torch::manual_seed(1);
    const auto cfg = latentConfig();
    tfs::VAE vae(cfg);
    QVERIFY(!vae->pixelSpace());
    const auto x = torch::rand({2, 3, 32, 32}) * 2 - 1;
    const auto z = vae->encode(x);
    QCOMPARE(z.sizes().vec(), std::vector<int64_t>({2, 4, 8, 8}));
    QCOMPARE(vae->decode(z).sizes().vec(), std::vector<int64_t>({2, 3, 32, 32}));
    const auto l = vae->loss(x);
    QVERIFY(std::isfinite(l.total.item<double>()));
    QVERIFY(l.kl.item<double>() >= 0);
    // The analytic count the presets table prints is what the module allocates.
    int64_t allocated = 0;
    for (const auto& p : vae->parameters()) allocated += p.numel();
    QCOMPARE(tfs::countVaeParameters(cfg), allocated);
  }

  // The VAE's train config reads and writes through the same field table as the others.
  void vaeConfigRoundTripsAndNamesBadFields() {
    tfs::VaeTrainConfig c;
    c.merge({{"steps", 7}, {"klWeight", 1e-5}, {"precision", "bf16"}});
    QCOMPARE(c.steps, int64_t(7));
    tfs::VaeTrainConfig back;
    back.merge(c.toJson());
    QCOMPARE(back.toJson(), c.toJson());
    auto refused = [](const nlohmann::json& j, const char* says) {
      try {
        tfs::VaeTrainConfig v;
        v.merge(j);
        return false;
      } catch (const tfs::ConfigError& e) {
        return QString::fromUtf8(e.what()).contains(QString::fromUtf8(says));
      }
    };
    QVERIFY(refused({{"batchSize", 0}}, "VAE config: batchSize must be at least 1"));
    QVERIFY(refused({{"stepz", 3}}, "VAE config: unknown key \"stepz\""));
    QVERIFY(refused({{"lr", "fast"}}, "VAE config: \"lr\" is \"fast\": it must be a number"));
  }

  void trainerLearnsShapesAndSavesWeightsThatLoadBack() {
    torch::manual_seed(2);
    const auto cfg = latentConfig();
    auto source = shapes(cfg);
    tfs::RunDir run(dir_);
    tfs::VaeTrainer trainer(cfg, quickVae(120), source.get(), run);
    std::vector<tfs::VaeStepMetrics> steps;
    VaeSteps observer([&](const tfs::VaeStepMetrics& m) { steps.push_back(m); });
    const auto r = trainer.run(&observer);
    QCOMPARE(r.steps, int64_t(120));
    QVERIFY(!r.stopped);
    QCOMPARE(int64_t(steps.size()), int64_t(120));
    QCOMPARE(steps.back().totalSteps, int64_t(120));
    double first = 0, last = 0;
    for (int i = 0; i < 10; ++i) {
      first += steps[i].recon / 10;
      last += steps[steps.size() - 1 - i].recon / 10;
    }
    QVERIFY2(last < 0.7 * first, qPrintable(QStringLiteral("L1 %1 → %2").arg(first).arg(last)));
    // Held-out scenes (never trained on) come back sharper than from the untrained VAE.
    QVERIFY2(r.psnr > r.psnrBefore + 6,  // measured: 5.96 → 16.09 dB
             qPrintable(QStringLiteral("PSNR %1 → %2 dB").arg(r.psnrBefore).arg(r.psnr)));
    QVERIFY(run.hasVae());
    QCOMPARE(QString::fromStdString(r.path), QString::fromStdString(run.vaePath()));

    tfs::VAE loaded(cfg);
    tfs::loadWeights(*loaded, run.vaePath());
    loaded->eval();
    trainer.vae()->eval();
    torch::NoGradGuard ng;
    const auto x = torch::rand({2, 3, 32, 32}) * 2 - 1;
    QVERIFY(torch::allclose(loaded->encode(x), trainer.vae()->encode(x).cpu()));
    // 10·log10(peak² / MSE) with peak-to-peak 2: an error of 0.1 everywhere is 26.02 dB.
    const auto mid = x * 0.5;  // away from the ±1 clamp
    QVERIFY(std::abs(tfs::psnr(mid, mid + 0.1) - 10 * std::log10(4 / 0.01)) < 1e-3);
    QCOMPARE(tfs::psnr(x, x), 100.0);  // capped, not infinite
  }

  void bf16AutocastTrainsToo() {
    // --precision bf16: the convolutions under autocast, fp32 weights and losses; it learns.
    torch::manual_seed(2);
    const auto cfg = latentConfig();
    auto source = shapes(cfg);
    tfs::RunDir run(dir_);
    auto v = quickVae(60);
    v.precision = "bf16";
    tfs::VaeTrainer trainer(cfg, v, source.get(), run);
    std::vector<double> recon;
    VaeSteps observer([&](const tfs::VaeStepMetrics& m) { recon.push_back(m.recon); });
    const auto r = trainer.run(&observer);
    QCOMPARE(r.steps, int64_t(60));
    for (const auto& p : trainer.vae()->parameters()) QCOMPARE(p.scalar_type(), torch::kFloat32);
    double first = 0, last = 0;
    for (int i = 0; i < 5; ++i)
      first += recon[size_t(i)] / 5, last += recon[recon.size() - 1 - size_t(i)] / 5;
    QVERIFY2(std::isfinite(last) && last < 0.8 * first,
             qPrintable(QStringLiteral("bf16 L1 %1 → %2").arg(first).arg(last)));
    QVERIFY(r.psnr > r.psnrBefore + 3);
  }

  void stopEndsTheRunAndKeepsWhatItLearned() {
    const auto cfg = latentConfig();
    auto source = shapes(cfg);
    tfs::RunDir run(dir_);
    tfs::VaeTrainer trainer(cfg, quickVae(500), source.get(), run);
    tfs::TrainControl control;
    VaeSteps stopAt7([&](const tfs::VaeStepMetrics& m) {
      if (m.step == 7) control.requestStop();
    });
    const auto r = trainer.run(&stopAt7, &control);
    QVERIFY(r.stopped);
    QVERIFY2(r.steps >= 7 && r.steps <= 8, qPrintable(QString::number(r.steps)));
    QVERIFY(run.hasVae());
  }

  void latentTrainingNeedsTheVaeThenTrainsOnLatents() {
    const auto cfg = latentConfig();
    auto o = latentSession(dir_, 2);
    o.runDir = dir_ + "/run";
    try {
      tfs::TrainSession session(o);
      QFAIL("a latent-space model trained without its VAE");
    } catch (const tfs::UsageError& e) {
      QVERIFY2(QString(e.what()).contains(QStringLiteral("needs a VAE")), e.what());
      QCOMPARE(e.option(), std::string("vae"));
    }

    auto source = shapes(cfg);
    tfs::VaeTrainer(cfg, quickVae(20), source.get(), tfs::RunDir(o.runDir)).run();
    tfs::TrainSession session(o);
    QCOMPARE(session.modelConfig().vaeFactor, int64_t(4));
    QVERIFY(!session.vae()->pixelSpace());
    const auto result = session.trainer().run();
    QCOMPARE(result.steps, int64_t(2));
    QVERIFY(std::isfinite(result.lastDiffusion) && result.lastDiffusion > 0);
    QVERIFY(!result.lastCheckpoint.empty());
    // The images went through the VAE once and now sit in the run's latent cache.
    int64_t cached = 0;
    for (const auto& e : fs::directory_iterator(session.run().cacheDir()))
      cached += e.is_regular_file() || e.is_directory();
    QVERIFY(cached > 0);
  }

  // The studio's path: a session that trains the missing VAE first, reporting its steps.
  void sessionTrainsTheMissingVaeFirst() {
    auto o = latentSession(dir_, 1);
    o.trainMissingVae = true;
    o.vae = quickVae(12);
    std::vector<int64_t> steps;
    VaeSteps observer([&](const tfs::VaeStepMetrics& m) { steps.push_back(m.step); });
    o.vaeObserver = &observer;
    o.runDir = dir_ + "/full";
    {
      tfs::TrainSession session(o);
      QCOMPARE(int64_t(steps.size()), int64_t(12));
      QVERIFY(session.run().hasVae());
      QCOMPARE(session.trainer().run().steps, int64_t(1));
    }
    // A stop during the VAE phase ends it there; the VAE learned so far is saved and used.
    tfs::TrainControl control;
    steps.clear();
    o.runDir = dir_ + "/stopped";
    o.vaeControl = &control;
    VaeSteps stopAt3([&](const tfs::VaeStepMetrics& m) {
      steps.push_back(m.step);
      if (m.step == 3) control.requestStop();
    });
    o.vaeObserver = &stopAt3;
    tfs::TrainSession stopped(o);
    QCOMPARE(int64_t(steps.size()), int64_t(3));
    QVERIFY(stopped.run().hasVae());
    // With the VAE in place a later session does not train it again.
    steps.clear();
    o.resume = true;
    tfs::TrainSession again(o);
    QVERIFY(steps.empty());
  }
};

QTEST_MAIN(TestTrainVae)
#include "test_train_vae.moc"
