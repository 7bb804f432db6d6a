#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/base/precision.h"
#include "core/dist/dist_group.h"
#include "core/dist/grad_reducer.h"
#include "core/model/model_config.h"
#include "core/model/transfusion_model.h"
#include "core/train/batch_stream.h"
#include "core/train/ema.h"
#include "core/train/fused_adamw.h"
#include "core/train/loss_guard.h"
#include "core/train/lr_schedule.h"
#include "core/train/metrics_log.h"
#include "core/train/run_dir.h"
#include "core/train/run_lock.h"
#include "core/train/train_config.h"
#include "core/train/train_observer.h"

namespace tfs {

// Makes sample images for a step (the generator lives in generate/: core/eval's
// attachTrainingSamples sets this). The trainer puts its inference model (the EMA when there is
// one) in eval mode around the call; returns the image paths it wrote.
using SampleHook =
    std::function<std::vector<std::string>(int64_t step, const std::string& samplesDir)>;

struct ResumeOptions {
  int64_t fromStep = -1;    // this checkpoint's step; -1 = the newest intact one
  bool rebuildEma = false;  // a checkpoint without ema.safetensors starts the EMA from the model
};

// AdamW training of a TransfusionModel on a BatchStream, writing metrics.jsonl and checkpoints into
// a run directory. Everything random is seeded from TrainConfig::seed, so on CPU a resumed run
// repeats the uninterrupted run's losses step for step.
//
// With a DistGroup (a multi-process job, core/dist) every rank runs one Trainer on its own share
// of the rows (RowStreams): rank 0's initial weights are broadcast, each micro-batch's losses are
// normalised by the whole job's token and image counts, gradients are summed by a GradReducer
// (bucketed, overlapped with backward; skipped until the last micro-batch), and the stop, pause
// and skip decisions are taken on values every rank agrees on — so the weights stay identical on
// all ranks and the job trains what one process with all the rows would. Only rank 0 writes the
// run folder (lock, metrics, samples, checkpoints, which hold every rank's data position).
class Trainer {
 public:
  // The run folder is created if needed; config.json is the caller's (it knows the data specs).
  Trainer(const ModelConfig& model, const TrainConfig& train, std::shared_ptr<BatchStream> data,
          const RunDir& run, std::shared_ptr<DistGroup> dist = nullptr);
  ~Trainer();

  void addObserver(TrainObserver* observer);
  TrainControl& control() { return control_; }
  void setSampleHook(SampleHook hook) { sampleHook_ = std::move(hook); }

  // Loads the newest intact checkpoint of the run (weights, EMA, optimiser, data position, RNG,
  // guard): each file is checked against the DONE marker's size and CRC-32 first, and a damaged
  // checkpoint is moved aside (step-N.damaged) with a warning in favour of the previous one.
  // Returns false when the run has none. CheckpointError when the model config differs, when
  // fromStep names no intact checkpoint, or when the EMA is missing and rebuildEma is not set.
  bool resume(const ResumeOptions& options = {});
  // Starts from existing weights (a fine-tune): the model and its EMA take them. CheckpointError
  // when the file does not fit the model.
  void initWeights(const std::string& weightsPath);
  // Trains until TrainConfig::steps or a stop request; saves a checkpoint at the end either way.
  TrainSummary run();
  // One optimiser step (gradAccum micro-batches); public for tests and the studio.
  StepMetrics step();
  // Writes a checkpoint of the current step; returns its folder.
  std::string saveCheckpoint();

  TransfusionModel& model() { return model_; }
  // The EMA model when the config keeps one, else the model (what samples and inference use).
  TransfusionModel inferenceModel() { return emaModel_ ? emaModel_ : model_; }
  int64_t stepsDone() const { return step_; }
  torch::Device device() const { return device_; }
  Precision precision() const { return precision_; }  // TrainConfig::precision resolved
  const LossGuard& guard() const { return guard_; }
  bool isMain() const { return !dist_ || dist_->rank() == 0; }  // writes the run folder
  int world() const { return dist_ ? dist_->world() : 1; }
  const GradReducer* reducer() const { return reducer_.get(); }

 private:
  void message(spdlog::level::level_enum level, const std::string& text);
  void buildOptimizer();
  void syncWeights();        // rank 0's model (and EMA) to every rank
  void verifySameWeights();  // DistributedError unless every rank holds the same weights
  bool agreeToStop();        // waits out a pause; true to stop (the same answer on every rank)
  nlohmann::json stateJson() const;
  double clock() const;

  ModelConfig modelCfg_;
  TrainConfig cfg_;
  std::shared_ptr<BatchStream> data_;
  RunDir run_;
  std::unique_ptr<RunLock> lock_;  // the run folder's one writer (rank 0 of a job)
  std::shared_ptr<DistGroup> dist_;
  std::unique_ptr<GradReducer> reducer_;
  bool verifyWeights_ = false;  // TFS_DIST_VERIFY_WEIGHTS=1: compare a checksum every step
  torch::Device device_;
  Precision precision_ = Precision::Fp32;
  TransfusionModel model_{nullptr};
  TransfusionModel emaModel_{nullptr};
  std::unique_ptr<Ema> ema_;
  std::unique_ptr<FusedAdamW> optimizer_;
  std::vector<torch::Tensor> params_;
  LrSchedule schedule_;
  LossGuard guard_;
  std::unique_ptr<MetricsLog> metrics_;
  std::vector<TrainObserver*> observers_;
  TrainControl control_;
  SampleHook sampleHook_;
  int64_t step_ = 0;
  std::string chooseCheckpoint(const ResumeOptions& options);
  double clockAtStart_ = 0;  // run clock when this session started (resume continues it)
  std::chrono::steady_clock::time_point sessionStart_;
  std::string lastCheckpoint_;
};

}  // namespace tfs
