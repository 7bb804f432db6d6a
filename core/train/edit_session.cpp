#include "core/train/edit_session.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "core/base/error.h"
#include "core/base/logging.h"
#include "core/data/data_spec.h"
#include "core/model/weights_io.h"
#include "core/train/checkpoint.h"

namespace tfs {

namespace fs = std::filesystem;

namespace {

void copyInto(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) throw IoError("cannot copy " + from + " to " + to + ": " + ec.message());
}

}  // namespace

EditSession::EditSession(const EditSessionOptions& options) : opts_(options), run_(options.runDir) {
  if (opts_.runDir.empty())
    throw UsageError("an editing fine-tune needs a run folder of its own", "runDir");
  const bool hasCheckpoint = !latestCheckpoint(run_.checkpointsDir()).empty();
  if (hasCheckpoint && !opts_.resume)
    throw UsageError("run \"" + opts_.runDir +
                         "\" already has checkpoints: resume it to continue, or choose a new "
                         "run folder",
                     "resume");
  const bool resuming = opts_.resume && run_.hasConfig();
  nlohmann::json config;
  std::string baseWeights;
  if (resuming) {
    config = run_.readConfig();
  } else {
    if (opts_.baseRun.empty())
      throw UsageError("an editing fine-tune needs a base run (a trained run to start from)",
                       "baseRun");
    RunDir base(opts_.baseRun);
    if (!base.hasConfig())
      throw ConfigError(opts_.baseRun + " has no config.json: the base run must be a trained run",
                        "baseRun");
    if (fs::equivalent(fs::absolute(opts_.baseRun), fs::absolute(opts_.runDir)))
      throw UsageError("the fine-tune's run folder must be a new folder, not the base run itself",
                       "runDir");
    baseWeights = base.inferenceWeights();
    if (baseWeights.empty())
      throw CheckpointError("base run " + opts_.baseRun +
                            " has no complete checkpoint: train it first");
    config = base.readConfig();
    config["base"] = {{"run", opts_.baseRun}, {"weights", baseWeights}};
    config["data"] = nlohmann::json::array({opts_.data});
    config["text"] = nlohmann::json::array();
  }
  model_ = ModelConfig::fromJson(config.at("model"));
  train_ = TrainConfig::fromJson(config.at("train"));
  if (!resuming) {
    // A fine-tune: short, gentle, no periodic text-to-image samples (they would not be edits).
    train_.steps = 500;
    train_.warmupSteps = 50;
    train_.lr = std::min(train_.lr, 3e-4);
    train_.minLr = std::min(train_.minLr, train_.lr / 10);
    train_.sampleEvery = 0;
    train_.checkpointEvery = 250;
  }
  train_.merge(opts_.trainOverrides);
  if (opts_.steps) train_.steps = *opts_.steps;
  if (opts_.device) train_.device = *opts_.device;
  train_.validate();

  const std::string dataSpec =
      config.at("data").empty() ? opts_.data : config["data"][0].get<std::string>();
  auto spec = parseDataSpec(dataSpec);
  if (!spec.isEdit())
    throw UsageError("\"" + dataSpec +
                     "\" is not an editing data set: use shapes-edit[:SEED] or edit-folder:PATH");
  SourceOptions so;
  so.imageSize = model_.imageSize;
  so.channels = model_.imageChannels;
  so.seed = train_.seed;
  source_ = makeEditSource(spec, so);

  lock_ = std::make_unique<RunLock>(run_.root());
  run_.create();
  setRunLogFile(run_.logPath());
  if (!resuming) {
    RunDir base(opts_.baseRun);
    copyInto(base.tokenizerPath(), run_.tokenizerPath());
    if (base.hasVae()) copyInto(base.vaePath(), run_.vaePath());
  }
  tok_ = std::make_unique<Tokenizer>(Tokenizer::load(run_.tokenizerPath()));
  vae_ = VAE(model_);
  if (model_.vaeFactor > 1) {
    if (!run_.hasVae())
      throw IoError(run_.root() + " has no vae.safetensors: the base run's VAE is needed");
    loadWeights(*vae_, run_.vaePath());
    vae_->eval();
    cache_ = std::make_shared<LatentCache>(
        run_.cacheDir(), moduleHash(*vae_),
        std::vector<int64_t>{model_.latentChannels, model_.latentSize(), model_.latentSize()});
  }
  VAE vae = vae_;
  auto encode =
      cachedEncoder([vae](const torch::Tensor& x) mutable { return vae->encode(x); }, cache_);
  config["train"] = train_.toJson();
  run_.writeConfig(config);

  builder_ = std::make_shared<EditBatchBuilder>(model_, train_, *tok_, source_.get(), encode);
  trainer_ = std::make_unique<Trainer>(model_, train_, builder_, run_);
  if (opts_.resume) resumed_ = trainer_->resume(opts_.resumeOptions);
  if (!resumed_) {
    if (baseWeights.empty() && config.contains("base"))
      baseWeights = config["base"].value("weights", std::string());
    if (baseWeights.empty() || !fs::exists(baseWeights))
      throw CheckpointError("cannot find the base weights (" + baseWeights +
                            ") to start the fine-tune from");
    trainer_->initWeights(baseWeights);
  }
}

EditSession::~EditSession() = default;

}  // namespace tfs
