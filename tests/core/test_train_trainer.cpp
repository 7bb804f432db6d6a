// The trainer on the tiny-test model: both losses fall, resume repeats the uninterrupted run,
// observers and the stop control work, bf16 keeps fp32 master weights.
#include <torch/torch.h>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "core/base/error.h"
#include "core/train/batch_builder.h"
#include "core/train/checkpoint.h"
#include "core/train/trainer.h"
#include "tests/core/train_fixtures.h"
#include "tests/support/test_support.h"

namespace fs = std::filesystem;
using tfs::test::SyntheticImages;
using tfs::test::SyntheticText;

namespace {

struct Recorder : tfs::TrainObserver {
  std::vector<tfs::StepMetrics> steps;
  std::vector<std::string> checkpoints, messages;
  int finished = 0;
  int64_t stopAt = -1;
  tfs::TrainControl* control = nullptr;
  void onStep(const tfs::StepMetrics& m) override {
    steps.push_back(m);
    if (m.step == stopAt && control) control->requestStop();
  }
  void onCheckpoint(const std::string& p) override { checkpoints.push_back(p); }
  void onFinished(const tfs::TrainSummary&) override { ++finished; }
  void onMessage(spdlog::level::level_enum, const std::string& text) override {
    messages.push_back(text);
  }
};

tfs::LatentEncoder identity() {
  return [](const std::vector<std::string>&, const torch::Tensor& x) { return x.clone(); };
}

}  // namespace

// Batches of `inner` whose n-th (1-based) has NaN latents when poison(n): losses that are not
// finite, as a diverging run gives.
struct Poisoned : tfs::BatchStream {
  Poisoned(std::shared_ptr<tfs::BatchStream> in, std::function<bool(int)> p)
      : inner(std::move(in)), poison(std::move(p)) {}
  std::shared_ptr<tfs::BatchStream> inner;
  std::function<bool(int)> poison;
  int n = 0;
  tfs::Batch next() override {
    auto b = inner->next();
    if (poison(++n)) b.latents.fill_(std::nan(""));
    return b;
  }
  nlohmann::json state() const override { return inner->state(); }
  void restore(const nlohmann::json& s) override { inner->restore(s); }
};

class TestTrainTrainer : public QObject {
  Q_OBJECT
  std::string dir_;
  std::unique_ptr<tfs::Tokenizer> tok_;
  tfs::ModelConfig model_;

  tfs::TrainConfig config(int64_t steps) {
    tfs::TrainConfig c = tfs::trainPreset("tiny-test");
    c.steps = steps;
    c.device = "cpu";
    c.batchRows = 2;
    c.rowLength = 64;
    c.gradAccum = 2;
    c.checkpointEvery = 3;
    c.warmupSteps = 2;
    c.lr = 3e-3;
    c.minLr = 3e-4;
    c.emaDecay = 0.9;
    c.seed = 11;
    return c;
  }

  // A fresh data pipeline, as a new process would build it.
  struct Pipeline {
    SyntheticImages images{50};
    SyntheticText text{40};
    std::shared_ptr<tfs::BatchBuilder> builder;
  };
  std::unique_ptr<Pipeline> pipeline(const tfs::TrainConfig& c) {
    auto p = std::make_unique<Pipeline>();
    p->builder = std::make_shared<tfs::BatchBuilder>(
        model_, c, *tok_, std::vector<tfs::ExampleSource*>{&p->images}, &p->text, identity());
    return p;
  }

 private Q_SLOTS:
  void initTestCase() {
    dir_ = (tfs::test::tempRoot() + "/train_trainer").toStdString();
    fs::remove_all(dir_);
    tok_ = std::make_unique<tfs::Tokenizer>(tfs::test::trainTestTokenizer(dir_));
    model_ = tfs::test::tinyModel(*tok_);
  }

  void shortRunMakesBothLossesFall() {
    auto c = config(60);
    c.gradAccum = 1;
    c.checkpointEvery = 0;
    c.batchRows = 4;
    auto p = pipeline(c);
    tfs::Trainer t(model_, c, p->builder, tfs::RunDir(dir_ + "/fall"));
    Recorder rec;
    t.addObserver(&rec);
    auto summary = t.run();
    QCOMPARE(summary.steps, int64_t(60));
    QCOMPARE(rec.steps.size(), size_t(60));
    auto mean = [&](size_t from, size_t to, bool lm) {
      double s = 0;
      for (size_t i = from; i < to; ++i) s += lm ? rec.steps[i].lm : rec.steps[i].diffusion;
      return s / (to - from);
    };
    const double lm0 = mean(0, 5, true), lm1 = mean(55, 60, true);
    const double d0 = mean(0, 5, false), d1 = mean(55, 60, false);
    qInfo("lm %.3f -> %.3f, diffusion %.3f -> %.3f, %.0f tokens/s", lm0, lm1, d0, d1,
          rec.steps.back().tokensPerS);
    QVERIFY2(lm1 < 0.7 * lm0, "LM loss did not fall");
    QVERIFY2(d1 < 0.9 * d0, "diffusion loss did not fall");
    QCOMPARE(rec.finished, 1);
    // metrics.jsonl holds every step; the final checkpoint exists.
    std::ifstream in(dir_ + "/fall/metrics.jsonl");
    int lines = 0;
    std::string line;
    while (std::getline(in, line)) ++lines;
    QCOMPARE(lines, 60);
    QVERIFY(fs::exists(dir_ + "/fall/checkpoints/step-0000060/DONE"));
    QVERIFY(fs::exists(dir_ + "/fall/checkpoints/step-0000060/ema.safetensors"));
  }

  void resumeEqualsUninterrupted_data() {
    QTest::addColumn<QString>("precision");
    QTest::newRow("fp32") << "fp32";
    QTest::newRow("bf16") << "bf16";
  }
  void resumeEqualsUninterrupted() {
    QFETCH(QString, precision);
    auto c = config(8);
    c.precision = precision.toStdString();
    const std::string straightDir = dir_ + "/straight-" + c.precision;
    const std::string resumedDir = dir_ + "/resumed-" + c.precision;
    std::vector<double> straight;
    {
      auto p = pipeline(c);
      tfs::Trainer t(model_, c, p->builder, tfs::RunDir(straightDir));
      Recorder rec;
      t.addObserver(&rec);
      t.run();
      for (auto& m : rec.steps) straight.push_back(m.total);
    }
    {
      // Stopped on request after step 4 (mid-way between checkpoints): it saves step 4.
      auto p = pipeline(c);
      tfs::Trainer t(model_, c, p->builder, tfs::RunDir(resumedDir));
      Recorder rec;
      rec.control = &t.control();
      rec.stopAt = 4;
      t.addObserver(&rec);
      auto s = t.run();
      QVERIFY(s.stopped);
      QCOMPARE(s.steps, int64_t(4));
      QVERIFY(fs::exists(resumedDir + "/checkpoints/step-0000004/DONE"));
    }
    auto p = pipeline(c);
    tfs::Trainer t(model_, c, p->builder, tfs::RunDir(resumedDir));
    QVERIFY(t.resume());
    QCOMPARE(t.stepsDone(), int64_t(4));
    Recorder rec;
    t.addObserver(&rec);
    t.run();
    QCOMPARE(rec.steps.size(), size_t(4));
    for (size_t i = 0; i < 4; ++i) {
      qInfo("step %zu: %.9f vs %.9f", i + 5, rec.steps[i].total, straight[i + 4]);
      QVERIFY(std::abs(rec.steps[i].total - straight[i + 4]) <= 1e-6);
    }
    // metrics.jsonl of the resumed run has each step once.
    std::ifstream in(resumedDir + "/metrics.jsonl");
    std::string line;
    std::vector<int> steps;
    while (std::getline(in, line)) steps.push_back(nlohmann::json::parse(line)["step"].get<int>());
    QCOMPARE(steps, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8}));
  }

  void resumeIgnoresAHalfWrittenCheckpoint() {
    auto c = config(3);
    c.checkpointEvery = 0;
    {
      auto p = pipeline(c);
      tfs::Trainer t(model_, c, p->builder, tfs::RunDir(dir_ + "/kill"));
      t.run();
    }
    // A kill while writing step 6.
    fs::create_directories(dir_ + "/kill/checkpoints/.tmp-step-0000006");
    fs::create_directories(dir_ + "/kill/checkpoints/step-0000006");
    std::ofstream(dir_ + "/kill/checkpoints/step-0000006/model.safetensors") << "torn";
    auto p = pipeline(c);
    tfs::Trainer t(model_, c, p->builder, tfs::RunDir(dir_ + "/kill"));
    QVERIFY(t.resume());
    QCOMPARE(t.stepsDone(), int64_t(3));
  }

  // Two checkpoints (steps 3 and 6) of a fresh run; returns the run folder.
  std::string twoCheckpoints(const std::string& name) {
    auto c = config(6);
    c.keepCheckpoints = 5;
    const std::string run = dir_ + "/" + name;
    fs::remove_all(run);
    auto p = pipeline(c);
    tfs::Trainer t(model_, c, p->builder, tfs::RunDir(run));
    t.run();
    return run;
  }

  void aDamagedNewestCheckpointFallsBackToTheIntactOne() {
    auto c = config(6);
    c.keepCheckpoints = 5;
    for (const char* how : {"truncated", "flipped"}) {
      const std::string run = twoCheckpoints(std::string("damaged-") + how);
      const std::string six = run + "/checkpoints/step-0000006";
      const auto opt = six + "/optimizer.pt";
      const auto size = fs::file_size(opt);
      if (std::string(how) == "truncated") {
        fs::resize_file(opt, size / 2);
      } else {
        // Same size, one byte changed: only the checksum can tell.
        std::fstream f(opt, std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(std::streamoff(size / 2));
        char b = 0;
        f.read(&b, 1);
        b = char(b ^ 0x5a);
        f.seekp(std::streamoff(size / 2));
        f.write(&b, 1);
      }
      QVERIFY(!tfs::checkpointDamage(six).empty());
      auto p = pipeline(c);
      tfs::Trainer t(model_, c, p->builder, tfs::RunDir(run));
      Recorder rec;
      t.addObserver(&rec);
      QVERIFY(t.resume());
      QCOMPARE(t.stepsDone(), int64_t(3));
      QVERIFY(!fs::exists(six));  // set aside, not deleted
      QVERIFY(fs::exists(six + ".damaged/optimizer.pt"));
      bool warned = false;
      for (const auto& m : rec.messages) warned |= m.find("is damaged") != std::string::npos;
      QVERIFY2(warned, how);
      t.run();  // trains 4..6 again and writes a new step 6
      QVERIFY(tfs::checkpointDamage(six).empty());
    }
  }

  void resumeFromAChosenStep() {
    auto c = config(6);
    c.keepCheckpoints = 5;
    const std::string run = twoCheckpoints("resume-from");
    {
      auto p = pipeline(c);
      tfs::Trainer t(model_, c, p->builder, tfs::RunDir(run));
      tfs::ResumeOptions o;
      o.fromStep = 3;
      QVERIFY(t.resume(o));
      QCOMPARE(t.stepsDone(), int64_t(3));
    }
    auto p = pipeline(c);
    tfs::Trainer t(model_, c, p->builder, tfs::RunDir(run));
    tfs::ResumeOptions o;
    o.fromStep = 4;
    try {
      t.resume(o);
      QFAIL("resumed from a step without a checkpoint");
    } catch (const tfs::CheckpointError& e) {
      QVERIFY2(std::string(e.what()).find("steps 3, 6") != std::string::npos, e.what());
    }
  }

  void aMissingEmaIsAnErrorUnlessRebuilt() {
    auto c = config(6);
    c.keepCheckpoints = 5;
    const std::string run = twoCheckpoints("no-ema");
    // A checkpoint from before the marker recorded files (nothing vouches for the EMA) without it.
    const std::string six = run + "/checkpoints/step-0000006";
    fs::remove(six + "/ema.safetensors");
    std::ofstream(six + "/DONE") << "6\n";
    {
      auto p = pipeline(c);
      tfs::Trainer t(model_, c, p->builder, tfs::RunDir(run));
      try {
        t.resume();
        QFAIL("resumed without the EMA weights");
      } catch (const tfs::CheckpointError& e) {
        QVERIFY2(std::string(e.what()).find("rebuildEma") != std::string::npos, e.what());
        QCOMPARE(e.option(), std::string("rebuildEma"));
      }
    }
    auto p = pipeline(c);
    tfs::Trainer t(model_, c, p->builder, tfs::RunDir(run));
    tfs::ResumeOptions o;
    o.rebuildEma = true;
    QVERIFY(t.resume(o));
    QCOMPARE(t.stepsDone(), int64_t(6));
    auto m = t.model()->named_parameters();
    for (const auto& kv : t.inferenceModel()->named_parameters())
      QVERIFY(torch::equal(kv.value(), m[kv.key()]));
  }

  void pauseAndStopFromAnotherThread() {
    auto c = config(1000);
    c.checkpointEvery = 0;
    auto p = pipeline(c);
    tfs::Trainer t(model_, c, p->builder, tfs::RunDir(dir_ + "/control"));
    t.control().pause();
    std::thread other([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      QCOMPARE(t.stepsDone(), int64_t(0));  // paused: nothing happened
      t.control().resume();
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      t.control().requestStop();
    });
    auto s = t.run();
    other.join();
    QVERIFY(s.stopped);
    QVERIFY(s.steps > 0 && s.steps < 1000);
    QVERIFY(fs::exists(dir_ + "/control/checkpoints/" + tfs::checkpointName(s.steps) + "/DONE"));
  }

  // bf16 autocast on the CPU: the matmuls run in bf16, the master weights, the optimiser state
  // and the losses stay fp32, and the losses are close to the fp32 run's from the same start.
  void bf16OnCpuKeepsFp32MasterWeights() {
    auto c = config(3);
    c.checkpointEvery = 0;
    std::vector<double> losses[2];
    for (int k = 0; k < 2; ++k) {
      c.precision = k == 0 ? "fp32" : "bf16";
      auto p = pipeline(c);
      tfs::Trainer t(model_, c, p->builder, tfs::RunDir(dir_ + "/prec-" + c.precision));
      QCOMPARE(tfs::precisionName(t.precision()), c.precision);
      for (int s = 0; s < 3; ++s) losses[k].push_back(t.step().total);
      for (const auto& kv : t.model()->named_parameters())
        QVERIFY2(kv.value().scalar_type() == torch::kFloat32, kv.key().c_str());
    }
    for (int s = 0; s < 3; ++s) {
      qInfo("step %d: fp32 %.5f bf16 %.5f", s + 1, losses[0][s], losses[1][s]);
      QVERIFY(std::isfinite(losses[1][s]));
      QVERIFY(std::abs(losses[1][s] - losses[0][s]) < 0.05 * losses[0][s]);
    }
    QVERIFY(losses[1][0] != losses[0][0]);  // it did run in bf16
  }

  void autoPrecisionFollowsTheCpu() {
    const auto p = tfs::resolvePrecision("auto", torch::kCPU);
    QCOMPARE(p == tfs::Precision::Bf16, tfs::cpuFeatures().nativeBf16());
    QCOMPARE(tfs::resolvePrecision("fp32", torch::kCPU), tfs::Precision::Fp32);
    QVERIFY_EXCEPTION_THROWN(tfs::resolvePrecision("fp16", torch::kCPU), tfs::UsageError);
  }

  void nanLossSkipsTheUpdate() {
    // A stream whose second batch has a NaN latent: the step is skipped and the weights kept.
    auto c = config(3);
    c.gradAccum = 1;
    c.checkpointEvery = 0;
    auto p = pipeline(c);
    auto stream = std::make_shared<Poisoned>(p->builder, [](int n) { return n == 2; });
    tfs::Trainer t(model_, c, stream, tfs::RunDir(dir_ + "/nan"));
    t.step();
    auto before = t.model()->parameters()[0].clone();
    auto m = t.step();
    QVERIFY(m.skipped);
    QVERIFY(QString::fromStdString(m.skipReason).contains(QLatin1String("not finite")));
    QVERIFY(torch::equal(before, t.model()->parameters()[0]));
    QVERIFY(!t.step().skipped);
  }

  void aRunThatOnlySkipsStops() {
    // Every batch poisoned: after maxConsecutiveSkips skipped updates the trainer gives up with a
    // message saying what to change, instead of writing untrained checkpoints and exiting 0.
    auto c = config(20);
    c.gradAccum = 1;
    c.checkpointEvery = 0;
    c.maxConsecutiveSkips = 4;
    auto p = pipeline(c);
    auto stream = std::make_shared<Poisoned>(p->builder, [](int) { return true; });
    tfs::Trainer t(model_, c, stream, tfs::RunDir(dir_ + "/all-nan"));
    for (int i = 0; i < 3; ++i) QVERIFY(t.step().skipped);
    try {
      t.step();
      QFAIL("expected TrainingError");
    } catch (const tfs::TrainingError& e) {
      const QString msg = QString::fromUtf8(e.what());
      QVERIFY2(msg.contains(QLatin1String("last 4 updates were all skipped")), qPrintable(msg));
      QVERIFY2(msg.contains(QLatin1String("Lower lr")), qPrintable(msg));
    }
    QCOMPARE(t.guard().skipped(), int64_t(4));
    // 0 turns the stop off; an applied update ends the run of skips.
    tfs::LossGuard g;
    g.check(std::nan(""));
    g.noteSkipped();
    QCOMPARE(g.consecutiveSkips(), int64_t(2));
    g.noteApplied();
    QCOMPARE(g.consecutiveSkips(), int64_t(0));
    QCOMPARE(g.skipped(), int64_t(2));
    auto bad = c;
    bad.maxConsecutiveSkips = -1;
    QVERIFY_THROWS_EXCEPTION(tfs::ConfigError, bad.validate());
  }
};

QTEST_GUILESS_MAIN(TestTrainTrainer)
#include "test_train_trainer.moc"
