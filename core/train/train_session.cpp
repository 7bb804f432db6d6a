#include "core/train/train_session.h"

#include "core/train/memory_estimate.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/base/logging.h"
#include "core/base/runtime.h"
#include "core/data/data_spec.h"
#include "core/model/weights_io.h"
#include "core/train/checkpoint.h"

namespace tfs {

TrainSession::TrainSession(const TrainSessionOptions& options)
    : opts_(options), run_(options.runDir) {
  if (opts_.runDir.empty()) throw UsageError("a training run needs a run folder", "runDir");
  // A new run that fails to start (bad data, a tokenizer that cannot train, …) leaves no folder
  // behind; one that existed before is never removed, nor one that already holds a trained VAE.
  struct RemoveIfFailed {
    std::string dir;
    bool armed;
    ~RemoveIfFailed() {
      std::error_code ec;
      if (armed && !std::filesystem::exists(std::filesystem::path(dir) / "vae.safetensors", ec))
        std::filesystem::remove_all(dir, ec);
    }
  } cleanup{opts_.runDir, !std::filesystem::exists(opts_.runDir)};
  const bool hadConfig = run_.hasConfig();
  const bool hasCheckpoint = !latestCheckpoint(run_.checkpointsDir()).empty();
  if (hasCheckpoint && !opts_.resume)
    throw UsageError("run \"" + opts_.runDir +
                         "\" already has checkpoints: resume it to continue, or choose a new "
                         "run folder",
                     "resume");
  nlohmann::json saved;
  if (opts_.resume && hadConfig) {
    saved = run_.readConfig();
    model_ = ModelConfig::fromJson(saved.at("model"));
    train_ = TrainConfig::fromJson(saved.at("train"));
    if (opts_.data.empty() && opts_.text.empty()) {
      for (const auto& s : saved.value("data", nlohmann::json::array())) imageSpecs_.push_back(s);
      for (const auto& s : saved.value("text", nlohmann::json::array())) textSpecs_.push_back(s);
    }
  } else {
    bool haveModel = !opts_.preset.empty();
    if (haveModel) {
      model_ = preset(opts_.preset);
      train_ = trainPreset(opts_.preset);
    }
    if (!opts_.initFrom.empty()) {
      // Continuing another run's weights (and its tokenizer, VAE): its model config, unless a
      // preset names one whose parameters have the same shapes (e.g. a longer context: RoPE has
      // no learned positions); loading the weights checks that.
      RunDir from(opts_.initFrom);
      if (!from.hasConfig())
        throw ConfigError(opts_.initFrom +
                              " has no config.json: the run to start from (initFrom) must be a "
                              "trained run folder",
                          "initFrom");
      auto j = from.readConfig();
      if (opts_.preset.empty()) model_ = ModelConfig::fromJson(j.at("model"));
      if (!haveModel) train_ = TrainConfig::fromJson(j.at("train"));
      haveModel = true;
      initWeights_ = from.inferenceWeights();
      if (initWeights_.empty())
        throw CheckpointError(
            "the run to start from (initFrom), " + opts_.initFrom + ", has no complete checkpoint",
            "initFrom");
      if (opts_.data.empty() && opts_.text.empty()) {
        for (const auto& s : j.value("data", nlohmann::json::array())) imageSpecs_.push_back(s);
        for (const auto& s : j.value("text", nlohmann::json::array())) textSpecs_.push_back(s);
      }
    }
    if (!opts_.configFile.empty())
      haveModel = applyConfigFile(opts_.configFile, model_, train_, haveModel) || haveModel;
    if (!haveModel)
      throw UsageError(
          "a new run needs a model: a preset, or a config file with a \"model\" object", "preset");
  }
  if (!opts_.resume || !hadConfig)
    train_.merge(opts_.trainOverrides);
  else if (!opts_.trainOverrides.empty())
    spdlog::warn(
        "train-config overrides are ignored when resuming: the run continues with its saved "
        "config");
  if (opts_.steps) train_.steps = *opts_.steps;
  if (opts_.device) train_.device = *opts_.device;
  train_.validate();
  // Before any folder or tokenizer is made: a config that cannot fit says so with numbers
  // (the vocabulary is the config's until the tokenizer is trained; close enough to size it).
  checkTrainingFits(model_, train_, parseDevice(train_.device));
  if (opts_.resume && hasCheckpoint) {
    // Before the config is rewritten: a step count the run has already reached trains nothing.
    const int64_t at =
        opts_.resumeOptions.fromStep >= 0
            ? opts_.resumeOptions.fromStep
            : checkpointStep(std::filesystem::path(latestCheckpoint(run_.checkpointsDir()))
                                 .filename()
                                 .string());
    if (at >= train_.steps)
      throw UsageError("run \"" + opts_.runDir + "\" is at step " + std::to_string(at) +
                           " and its step count is " + std::to_string(train_.steps) +
                           ": nothing to train; raise its step count above " + std::to_string(at) +
                           " to continue it",
                       "steps");
  }
  for (const auto& s : opts_.data)
    (parseDataSpec(s).isText() ? textSpecs_ : imageSpecs_).push_back(s);
  for (const auto& s : opts_.text) textSpecs_.push_back(s);
  if (imageSpecs_.empty() && textSpecs_.empty())
    throw UsageError(
        "no data: name image data (images with captions) and/or a text corpus\n" + dataSpecHelp(),
        "data");
  if (textSpecs_.size() > 1)
    throw UsageError(
        "a run takes at most one text corpus; got " + std::to_string(textSpecs_.size()), "text");

  lock_ = std::make_unique<RunLock>(run_.root());
  run_.create();
  setRunLogFile(run_.logPath());
  SourceOptions so;
  so.imageSize = model_.imageSize;
  so.channels = model_.imageChannels;
  so.seed = train_.seed;
  so.shuffle = true;
  // Editing triplets (shapes-edit, edit-folder:) are mixed in at editProb (train_config.h).
  for (const auto& s : imageSpecs_) {
    const auto spec = parseDataSpec(s);
    if (spec.isEdit())
      editSources_.push_back(makeEditSource(spec, so));
    else
      imageSources_.push_back(makeExampleSource(spec, so));
  }
  if (!editSources_.empty() && !imageSources_.empty() && train_.editProb <= 0)
    throw UsageError("editing data (" + imageSpecs_.front() +
                         " …) is given but the train config's editProb is 0: set editProb (e.g. "
                         "0.5) or use the shapes-edit preset",
                     "editProb");
  if (!textSpecs_.empty()) textSource_ = makeExampleSource(textSpecs_.front(), so);

  if (!opts_.initFrom.empty() && !run_.hasTokenizer()) {
    RunDir from(opts_.initFrom);
    std::filesystem::copy_file(from.tokenizerPath(), run_.tokenizerPath());
    if (from.hasVae() && !run_.hasVae()) std::filesystem::copy_file(from.vaePath(), run_.vaePath());
  }
  if (run_.hasTokenizer()) {
    tok_ = std::make_unique<Tokenizer>(Tokenizer::load(run_.tokenizerPath()));
  } else {
    trainTokenizer();
  }
  if (hadConfig && opts_.resume && model_.vocabSize != tok_->vocabSize())
    throw ConfigError("the run's tokenizer has " + std::to_string(tok_->vocabSize()) +
                      " tokens but its model config says " + std::to_string(model_.vocabSize));
  model_.vocabSize = tok_->vocabSize();
  model_.validate();

  // Latents: the run's VAE (trained by `transfusion train-vae`), cached on disk; pixels as they
  // are.
  vae_ = VAE(model_);
  LatentEncoder encode;
  if (model_.vaeFactor > 1) {
    if (!run_.hasVae() && opts_.trainMissingVae && !imageSources_.empty()) {
      auto images = makeExampleSource(firstCaptionSpec(), so);
      VaeTrainConfig vc = opts_.vae;
      vc.device = train_.device;
      spdlog::info("the run has no VAE yet: training it first ({} steps on {})", vc.steps,
                   images->describe());
      VaeTrainer(model_, vc, images.get(), run_).run(opts_.vaeObserver, opts_.vaeControl);
    }
    if (!run_.hasVae())
      throw UsageError(
          "model \"" + model_.name + "\" needs a VAE and the run folder " + opts_.runDir +
              " has none: train its VAE there first (on " +
              (imageSources_.empty() ? std::string("its image data") : firstCaptionSpec()) + ")",
          "vae");
    loadWeights(*vae_, run_.vaePath());
    vae_->eval();
    cache_ = std::make_shared<LatentCache>(
        run_.cacheDir(), moduleHash(*vae_),
        std::vector<int64_t>{model_.latentChannels, model_.latentSize(), model_.latentSize()});
    spdlog::info("latent cache {} ({} latents cached)", cache_->path(), cache_->size());
  }
  VAE vae = vae_;
  encode = cachedEncoder([vae](const torch::Tensor& x) mutable { return vae->encode(x); }, cache_);

  nlohmann::json config = {
      {"model", model_.toJson()},
      {"initFrom", opts_.initFrom.empty() ? nlohmann::json() : nlohmann::json(initWeights_)},
      {"train", train_.toJson()},
      {"data", imageSpecs_},
      {"text", textSpecs_}};
  run_.writeConfig(config);

  std::vector<ExampleSource*> imgs;
  for (auto& s : imageSources_) imgs.push_back(s.get());
  std::vector<EditSource*> edits;
  for (auto& s : editSources_) edits.push_back(s.get());
  builder_ =
      std::make_shared<BatchBuilder>(model_, train_, *tok_, imgs, textSource_.get(), encode, edits);
  trainer_ = std::make_unique<Trainer>(model_, train_, builder_, run_);
  if (opts_.resume) {
    resumed_ = trainer_->resume(opts_.resumeOptions);
    if (!resumed_)
      spdlog::warn("run \"{}\" has no complete checkpoint; starting from step 0", opts_.runDir);
  }
  if (!resumed_ && !initWeights_.empty()) trainer_->initWeights(initWeights_);
  cleanup.armed = false;
}

TrainSession::~TrainSession() = default;

std::vector<std::string> TrainSession::samplePrompts(int64_t n) const {
  std::vector<std::string> prompts;
  if (imageSpecs_.empty()) return prompts;
  SourceOptions so;
  so.imageSize = model_.imageSize;
  so.channels = model_.imageChannels;
  so.seed = train_.seed;
  auto src = makeExampleSource(imageSpecs_.front(), so);
  for (int64_t i = 0; i < 64 && int64_t(prompts.size()) < n; ++i) {
    auto ex = src->next();
    if (!ex) break;
    if (ex->text.empty()) continue;
    if (std::find(prompts.begin(), prompts.end(), ex->text) == prompts.end())
      prompts.push_back(ex->text);
  }
  return prompts;
}

std::string TrainSession::firstCaptionSpec() const {
  for (const auto& s : imageSpecs_)
    if (!parseDataSpec(s).isEdit()) return s;
  return {};
}

void TrainSession::trainTokenizer() {
  std::vector<std::string> texts;
  SourceOptions so;
  so.imageSize = model_.imageSize;
  so.channels = model_.imageChannels;
  so.seed = train_.seed;
  std::vector<std::string> specs = imageSpecs_;
  specs.insert(specs.end(), textSpecs_.begin(), textSpecs_.end());
  std::vector<std::string> unreadable;  // sources that yielded no record at all
  for (const auto& spec : specs) {
    if (parseDataSpec(spec).isEdit()) {  // the instructions are text the model must read
      auto src = makeEditSource(parseDataSpec(spec), so);
      for (int64_t i = 0; i < opts_.tokenizerSamples; ++i) {
        auto ex = src->next();
        if (!ex) break;
        texts.push_back(ex->instruction);
      }
      continue;
    }
    auto src = makeExampleSource(spec, so);
    int64_t records = 0;
    for (int64_t i = 0; i < opts_.tokenizerSamples; ++i) {
      auto ex = src->next();
      if (!ex) break;
      ++records;
      if (!ex->text.empty()) texts.push_back(ex->text);
    }
    const auto skipped = src->skipped();
    if (records == 0)
      unreadable.push_back(spec + (skipped.total() > 0
                                       ? ": every record was skipped, " + skipped.summary()
                                       : ": no records at all"));
  }
  if (texts.empty()) {
    // Say why: a source that gave nothing is bad data, not a missing caption.
    if (!unreadable.empty()) {
      std::string why;
      for (const auto& u : unreadable) why += (why.empty() ? "" : "; ") + u;
      throw DataError("no usable data: " + why +
                      " (the log names each skipped file); fix the data or check the spec");
    }
    throw DataError(
        "the data has no text to train a tokenizer on; add a text corpus or captioned images",
        "text");
  }
  Tokenizer::TrainOptions o;
  o.vocabSize = static_cast<int>(train_.tokenizerVocab);
  o.modelType = train_.tokenizerType;
  spdlog::info("training a {} tokenizer ({} tokens) on {} texts", o.modelType, o.vocabSize,
               texts.size());
  tok_ = std::make_unique<Tokenizer>(Tokenizer::train(texts, run_.tokenizerPath(), o));
}

}  // namespace tfs
