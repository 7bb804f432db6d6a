#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/data/data_source.h"
#include "core/dist/dist_env.h"
#include "core/model/vae.h"
#include "core/text/tokenizer.h"
#include "core/train/batch_builder.h"
#include "core/train/latent_cache.h"
#include "core/train/row_streams.h"
#include "core/train/run_lock.h"
#include "core/train/trainer.h"
#include "core/train/vae_trainer.h"

namespace tfs {

// What `transfusion train` (and the studio's Train page) asks for.
struct TrainSessionOptions {
  std::string runDir;
  std::string preset;      // model preset (ignored when resuming a run that has config.json)
  std::string configFile;  // optional: train config JSON, or a run config with "model"/"train"
  std::vector<std::string> data;  // image–caption specs (text specs are moved to the text side)
  std::vector<std::string> text;  // text corpus specs
  std::optional<int64_t> steps;
  std::optional<std::string> device;
  nlohmann::json trainOverrides = nlohmann::json::object();  // merged over the preset / config
  bool resume = false;
  ResumeOptions resumeOptions;  // --resume-from STEP, --rebuild-ema (used when resume is set)
  std::string
      initFrom;  // a trained run whose model, tokenizer, VAE and weights a new run starts from
  int64_t tokenizerSamples = 20000;  // records read per source to train the tokenizer
  // A latent-space model whose run has no VAE yet: train one first on the first image source
  // (the studio's Train page does; the CLI asks for `transfusion train-vae` instead). A stop or
  // pause through vaeControl acts on this phase; what it learned so far is saved and used.
  bool trainMissingVae = false;
  VaeTrainConfig vae;
  TrainObserver* vaeObserver = nullptr;  // the VAE phase's steps (onVaeStep)
  TrainControl* vaeControl = nullptr;
  // Where this process stands in a multi-process job (distEnvFromEnvironment); world 1 = alone.
  // All ranks must be started with the same options and binary (checked at start, naming the
  // first differing field). Only rank 0 writes the run folder; the others wait for its
  // tokenizer, VAE and config.json and read them.
  DistEnv dist;
};

// Everything a training run needs, wired together: resolved configs, sources, tokenizer (trained
// from the run's captions and text when the run has none), VAE + latent cache, batch builder and
// trainer. Writes config.json. Throws UsageError / ConfigError / IoError with what to do.
class TrainSession {
 public:
  explicit TrainSession(const TrainSessionOptions& options);
  ~TrainSession();

  Trainer& trainer() { return *trainer_; }
  const ModelConfig& modelConfig() const { return model_; }
  const TrainConfig& trainConfig() const { return train_; }
  const Tokenizer& tokenizer() const { return *tok_; }
  const RunDir& run() const { return run_; }
  // The job's process group (null when this process trains alone).
  std::shared_ptr<DistGroup> distGroup() const { return dist_; }
  VAE vae() const { return vae_; }
  // Captions of the first images of the first image source (prompts for periodic samples).
  std::vector<std::string> samplePrompts(int64_t n) const;
  bool resumed() const { return resumed_; }
  // This rank's rows of every batch (RowStreams: one builder and one share of the data each).
  std::shared_ptr<RowStreams> rows() { return rows_; }

 private:
  void trainTokenizer();
  void checkRanksAgree() const;  // every rank runs the same config and binary as rank 0
  void makeRowStreams(const LatentEncoder& encode);
  bool isMain() const { return !dist_ || dist_->rank() == 0; }

  TrainSessionOptions opts_;
  RunDir run_;
  std::unique_ptr<RunLock> lock_;  // the run folder's one writer
  ModelConfig model_;
  TrainConfig train_;
  std::vector<std::string> imageSpecs_, textSpecs_;
  std::shared_ptr<DistGroup> dist_;
  // One share of every source per row stream (sources are streams: each row reads its own).
  struct RowData {
    std::vector<std::unique_ptr<ExampleSource>> images;
    std::unique_ptr<ExampleSource> text;
    std::vector<std::unique_ptr<EditSource>> edits;
  };
  std::vector<RowData> rowData_;
  std::string firstCaptionSpec() const;  // the first --data that is not editing triplets
  std::unique_ptr<Tokenizer> tok_;
  VAE vae_{nullptr};
  std::shared_ptr<LatentCache> cache_;
  std::shared_ptr<RowStreams> rows_;
  std::unique_ptr<Trainer> trainer_;
  bool resumed_ = false;
  std::string initWeights_;
};

}  // namespace tfs
