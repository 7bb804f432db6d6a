// Checkpoints are written atomically, a kill during writing leaves the previous one usable,
// retention deletes only old complete ones, and the run directory's layout.
#include <torch/torch.h>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/train/checkpoint.h"
#include "core/train/run_dir.h"
#include "tests/support/test_support.h"

namespace fs = std::filesystem;

class TestTrainCheckpoint : public QObject {
  Q_OBJECT
  std::string dir_;

  tfs::CheckpointContent content(torch::nn::Linear& m, torch::optim::AdamW& opt, int64_t step) {
    tfs::CheckpointContent c;
    c.model = m.get();
    c.optimizer = &opt;
    c.state = {{"step", step}};
    c.weightsMeta = {{"kind", "test"}};
    return c;
  }

 private Q_SLOTS:
  void init() {
    dir_ = (tfs::test::tempRoot() + "/train_checkpoint").toStdString();
    fs::remove_all(dir_);
  }

  void namesAndBytes() {
    QCOMPARE(QString::fromStdString(tfs::checkpointName(100)), QStringLiteral("step-0000100"));
    QCOMPARE(tfs::checkpointStep("step-0000100"), int64_t(100));
    QCOMPARE(tfs::checkpointStep(".tmp-step-0000100"), int64_t(-1));
    QCOMPARE(tfs::checkpointStep("step-12a"), int64_t(-1));
    for (int n : {0, 1, 2, 3, 100, 5056}) {
      auto t = torch::randint(0, 256, {n}, torch::kUInt8);
      QVERIFY(torch::equal(tfs::decodeBytes(tfs::encodeBytes(t)), t));
    }
  }

  void writeLoadAndLatest() {
    torch::manual_seed(0);
    torch::nn::Linear m(3, 2);
    torch::optim::AdamW opt(m->parameters(), torch::optim::AdamWOptions(1e-2));
    m(torch::ones({1, 3})).sum().backward();
    opt.step();
    const auto folder = tfs::writeCheckpoint(dir_, 5, content(m, opt, 5), 3);
    QCOMPARE(QString::fromStdString(fs::path(folder).filename().string()),
             QStringLiteral("step-0000005"));
    for (const char* f : {"model.safetensors", "optimizer.pt", "state.json", "DONE"})
      QVERIFY2(fs::exists(fs::path(folder) / f), f);
    std::ifstream latest(dir_ + "/latest");
    std::string name;
    latest >> name;
    QCOMPARE(QString::fromStdString(name), QStringLiteral("step-0000005"));
    QVERIFY(!fs::exists(dir_ + "/.tmp-step-0000005"));

    torch::nn::Linear m2(3, 2);
    torch::optim::AdamW opt2(m2->parameters(), torch::optim::AdamWOptions(1e-2));
    tfs::CheckpointContent c;
    c.model = m2.get();
    c.optimizer = &opt2;
    auto state = tfs::readCheckpoint(tfs::latestCheckpoint(dir_), c);
    QCOMPARE(state["step"].get<int>(), 5);
    QVERIFY(torch::equal(m->weight, m2->weight));
    // The optimiser's moments came back: the next step is identical.
    opt.zero_grad();  // m still holds the gradient of its first step; m2 has none
    for (auto* mm : {&m, &m2}) (*mm)(torch::ones({1, 3})).sum().backward();
    opt.step();
    opt2.step();
    QVERIFY(torch::equal(m->weight, m2->weight));
  }

  void theMarkerRecordsSizesAndChecksums() {
    torch::nn::Linear m(3, 2);
    torch::optim::AdamW opt(m->parameters(), torch::optim::AdamWOptions(1e-2));
    const auto older = tfs::writeCheckpoint(dir_, 1, content(m, opt, 1), 3);
    const auto newer = tfs::writeCheckpoint(dir_, 2, content(m, opt, 2), 3);
    std::ifstream in(newer + "/DONE");
    const auto marker = nlohmann::json::parse(in);
    QCOMPARE(marker["step"].get<int>(), 2);
    for (const char* f : {"model.safetensors", "optimizer.pt", "state.json"}) {
      QVERIFY2(marker["files"].contains(f), f);
      QCOMPARE(marker["files"][f]["bytes"].get<int64_t>(),
               int64_t(fs::file_size(fs::path(newer) / f)));
      QCOMPARE(marker["files"][f]["crc32"].get<uint32_t>(),
               tfs::fileCrc32((fs::path(newer) / f).string()));
    }
    QVERIFY(tfs::checkpointDamage(newer).empty());
    // A torn state.json: named; readCheckpoint refuses before loading anything.
    std::ofstream(newer + "/state.json", std::ios::app) << " ";
    const std::string why = tfs::checkpointDamage(newer);
    QVERIFY2(why.find("state.json has") != std::string::npos, why.c_str());
    tfs::CheckpointContent c = content(m, opt, 0);
    QVERIFY_THROWS_EXCEPTION(tfs::CheckpointError, tfs::readCheckpoint(newer, c));
    // Readers take the newest intact one and say which they skipped.
    std::vector<std::string> damaged;
    QCOMPARE(tfs::latestIntactCheckpoint(dir_, &damaged), older);
    QCOMPARE(damaged.size(), size_t(1));
    // Only the files asked about count: the weights are intact.
    QCOMPARE(tfs::latestIntactCheckpoint(dir_, nullptr, {"model.safetensors"}), newer);
    // A marker from before checksums (the step number alone) vouches for nothing and passes.
    std::ofstream(newer + "/DONE") << "2\n";
    QVERIFY(tfs::checkpointDamage(newer).empty());
  }

  void inferenceWeightsSkipDamagedCheckpoints() {
    const std::string run = dir_ + "/run";
    tfs::RunDir r(run);
    torch::nn::Linear m(3, 2);
    torch::optim::AdamW opt(m->parameters(), torch::optim::AdamWOptions(1e-2));
    tfs::writeCheckpoint(r.checkpointsDir(), 1, content(m, opt, 1), 3);
    const auto newer = tfs::writeCheckpoint(r.checkpointsDir(), 2, content(m, opt, 2), 3);
    QVERIFY(r.inferenceWeights().find("step-0000002") != std::string::npos);
    fs::resize_file(newer + "/model.safetensors", 10);
    std::vector<std::string> damaged;
    const auto w = tfs::runInferenceWeights(run, &damaged);
    QVERIFY2(w.find("step-0000001/model.safetensors") != std::string::npos, w.c_str());
    QCOMPARE(damaged.size(), size_t(1));
    QVERIFY(damaged[0].find("model.safetensors has 10 bytes") != std::string::npos);
    // A shipped model (scripts/ship_model.sh) keeps ema.safetensors and the marker, not the
    // training files the marker also lists (model.safetensors, optimizer.pt): it loads.
    const auto shipped = tfs::writeCheckpoint(r.checkpointsDir(), 3, content(m, opt, 3), 3);
    fs::copy_file(shipped + "/model.safetensors", shipped + "/ema.safetensors");
    std::ofstream(shipped + "/DONE") << tfs::checkpointMarker(shipped, 3).dump();
    fs::remove(shipped + "/model.safetensors");
    fs::remove(shipped + "/optimizer.pt");
    const auto w3 = tfs::runInferenceWeights(run);
    QVERIFY2(w3.find("step-0000003/ema.safetensors") != std::string::npos, w3.c_str());
  }

  void aKillDuringCheckpointingLeavesThePreviousUsable() {
    torch::nn::Linear m(3, 2);
    torch::optim::AdamW opt(m->parameters(), torch::optim::AdamWOptions(1e-2));
    tfs::writeCheckpoint(dir_, 10, content(m, opt, 10), 3);
    // Killed while writing step 20: a temp folder with part of the files ...
    fs::create_directories(dir_ + "/.tmp-step-0000020");
    std::ofstream(dir_ + "/.tmp-step-0000020/model.safetensors") << "partial";
    // ... and killed between rename and marker on another file system: no DONE.
    fs::create_directories(dir_ + "/step-0000030");
    std::ofstream(dir_ + "/step-0000030/state.json") << "{";
    QCOMPARE(QString::fromStdString(fs::path(tfs::latestCheckpoint(dir_)).filename().string()),
             QStringLiteral("step-0000010"));
    tfs::CheckpointContent c;
    c.model = m.get();
    auto st = tfs::readCheckpoint(tfs::latestCheckpoint(dir_), c);
    QCOMPARE(st["step"].get<int>(), 10);
    QVERIFY_THROWS_EXCEPTION(tfs::CheckpointError, tfs::readCheckpoint(dir_ + "/step-0000030", c));
    // The next write cleans the temp leftovers and becomes the latest.
    tfs::writeCheckpoint(dir_, 40, content(m, opt, 40), 3);
    QVERIFY(!fs::exists(dir_ + "/.tmp-step-0000020"));
    QCOMPARE(QString::fromStdString(fs::path(tfs::latestCheckpoint(dir_)).filename().string()),
             QStringLiteral("step-0000040"));
  }

  void retentionKeepsTheNewest() {
    torch::nn::Linear m(3, 2);
    torch::optim::AdamW opt(m->parameters(), torch::optim::AdamWOptions(1e-2));
    for (int s = 1; s <= 5; ++s) tfs::writeCheckpoint(dir_, s * 10, content(m, opt, s * 10), 2);
    auto all = tfs::completeCheckpoints(dir_);
    QCOMPARE(all.size(), size_t(2));
    QCOMPARE(QString::fromStdString(fs::path(all[0]).filename().string()),
             QStringLiteral("step-0000040"));
    QCOMPARE(QString::fromStdString(fs::path(all[1]).filename().string()),
             QStringLiteral("step-0000050"));
    // Re-writing an existing step (a resumed run) replaces it.
    tfs::writeCheckpoint(dir_, 50, content(m, opt, 50), 2);
    QCOMPARE(tfs::completeCheckpoints(dir_).size(), size_t(2));
  }

  void unwritableFolderIsAnIoErrorNamingThePath() {
    fs::create_directories(dir_);
    std::ofstream(dir_ + "/file") << "x";
    torch::nn::Linear m(3, 2);
    torch::optim::AdamW opt(m->parameters(), torch::optim::AdamWOptions(1e-2));
    try {
      tfs::writeCheckpoint(dir_ + "/file/checkpoints", 1, content(m, opt, 1), 2);
      QFAIL("expected IoError");
    } catch (const tfs::IoError& e) {
      QVERIFY(QString::fromUtf8(e.what()).contains(QLatin1String("file/checkpoints")));
    }
  }

  void runDirLayout() {
    tfs::RunDir run(dir_ + "/runs/demo/");
    run.create();
    QVERIFY(fs::is_directory(dir_ + "/runs/demo/checkpoints"));
    QVERIFY(fs::is_directory(dir_ + "/runs/demo/samples"));
    QCOMPARE(QString::fromStdString(run.configPath()),
             QString::fromStdString(dir_ + "/runs/demo/config.json"));
    QVERIFY(!run.hasConfig());
    run.writeConfig({{"model", {{"dModel", 8}}}, {"train", {}}, {"data", {"shapes"}}});
    QCOMPARE(run.readConfig()["model"]["dModel"].get<int>(), 8);
    QVERIFY(run.inferenceWeights().empty());
    torch::nn::Linear m(3, 2);
    tfs::CheckpointContent c;
    c.model = m.get();
    c.ema = m.get();
    tfs::writeCheckpoint(run.checkpointsDir(), 3, c, 2);
    QVERIFY(QString::fromStdString(run.inferenceWeights())
                .endsWith(QLatin1String("step-0000003/ema.safetensors")));
  }
};

QTEST_GUILESS_MAIN(TestTrainCheckpoint)
#include "test_train_checkpoint.moc"
