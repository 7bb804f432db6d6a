// A --config file for a new run (a train config or {"model", "train"}), read as `transfusion
// train --config` reads it, then validated and sized before anything is allocated; the same bytes
// as a model config file (loadModelConfig).
#include "core/base/runtime.h"
#include "core/model/model_config.h"
#include "core/train/memory_estimate.h"
#include "core/train/train_config.h"
#include "tests/fuzz/fuzz_target.h"

TFS_FUZZ_TARGET(config_json) {
  tfs::fuzz::quietLogs();
  const std::string path = tfs::fuzz::writeScratch("config.json", data, size);
  tfs::fuzz::expectOnlyOurErrors([&] {
    tfs::ModelConfig model = tfs::preset("tiny-test");
    tfs::TrainConfig train = tfs::trainPreset("tiny-test");
    tfs::applyConfigFile(path, model, train, false);
    model.validate();
    train.validate();
    const auto estimate = tfs::estimateTrainMemory(model, train);
    if (!(estimate.total() >= 0)) std::abort();
    tfs::checkTrainingFits(model, train, torch::Device(torch::kCPU));
  });
  tfs::fuzz::expectOnlyOurErrors([&] { (void)tfs::loadModelConfig(path).toJson(); });
  return 0;
}
