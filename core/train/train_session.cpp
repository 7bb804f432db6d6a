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
#include "core/dist/dist_group.h"
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
  } cleanup{opts_.runDir, !std::filesystem::exists(opts_.runDir) && opts_.dist.isMain()};
  // A multi-process job: join it before looking at the run folder, and let every rank look
  // before rank 0 writes anything, so that all of them see the same state.
  if (opts_.dist.distributed())
    dist_ = std::make_shared<DistGroup>(opts_.dist,
                                        parseDevice(opts_.device.value_or(std::string("auto"))));
  const bool hadConfig = run_.hasConfig();
  const bool hasCheckpoint = !latestCheckpoint(run_.checkpointsDir()).empty();
  if (dist_) dist_->barrier();
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

  if (dist_) checkRanksAgree();
  // Rank 0 sets the run up (lock, tokenizer, VAE, config.json) while the others wait, then they
  // read what it wrote; a rank 0 that fails tells them so.
  struct AnnounceSetup {
    DistGroup* group = nullptr;
    bool done = false;
    ~AnnounceSetup() {
      if (!group || done) return;
      try {
        group->set("setup", "error");
      } catch (...) {
      }
    }
  } announce{dist_ && isMain() ? dist_.get() : nullptr};
  if (dist_ && !isMain()) {
    const std::string v = dist_->get("setup", std::chrono::hours(2));
    if (v != "ok")
      throw DistributedError("rank 0 could not set up the run " + opts_.runDir +
                             " (its log says why); this rank stops too");
  }
  if (isMain()) {
    lock_ = std::make_unique<RunLock>(run_.root());
    run_.create();
    setRunLogFile(run_.logPath());
  }
  bool hasEdits = false, hasImages = false;
  for (const auto& s : imageSpecs_) (parseDataSpec(s).isEdit() ? hasEdits : hasImages) = true;
  // Editing triplets (shapes-edit, edit-folder:) are mixed in at editProb (train_config.h).
  if (hasEdits && hasImages && train_.editProb <= 0)
    throw UsageError("editing data (" + imageSpecs_.front() +
                         " …) is given but the train config's editProb is 0: set editProb (e.g. "
                         "0.5) or use the shapes-edit preset",
                     "editProb");
  SourceOptions so;
  so.imageSize = model_.imageSize;
  so.channels = model_.imageChannels;
  so.seed = train_.seed;
  so.shuffle = true;
  {
    // This rank's row streams, each with its share of every source (row_streams.h).
    const int64_t world = dist_ ? dist_->world() : 1, rank = dist_ ? dist_->rank() : 0;
    const int64_t global = train_.batchRows * world;
    for (int64_t k = 0; k < train_.batchRows; ++k) {
      SourceOptions rs = so;
      rs.shardIndex = rank * train_.batchRows + k;
      rs.shardCount = global;
      RowData row;
      for (const auto& s : imageSpecs_) {
        const auto spec = parseDataSpec(s);
        if (spec.isEdit())
          row.edits.push_back(makeEditSource(spec, rs));
        else
          row.images.push_back(makeExampleSource(spec, rs));
      }
      if (!textSpecs_.empty()) row.text = makeExampleSource(textSpecs_.front(), rs);
      rowData_.push_back(std::move(row));
    }
  }

  if (isMain() && !opts_.initFrom.empty() && !run_.hasTokenizer()) {
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
    if (isMain() && !run_.hasVae() && opts_.trainMissingVae && hasImages) {
      auto images = makeExampleSource(firstCaptionSpec(), so);
      VaeTrainConfig vc = opts_.vae;
      vc.device = train_.device;
      spdlog::info("the run has no VAE yet: training it first ({} steps on {})", vc.steps,
                   images->describe());
      VaeTrainer(model_, vc, images.get(), run_).run(opts_.vaeObserver, opts_.vaeControl);
    }
    if (!run_.hasVae())
      throw UsageError("model \"" + model_.name + "\" needs a VAE and the run folder " +
                           opts_.runDir + " has none: train its VAE there first (on " +
                           (!hasImages ? std::string("its image data") : firstCaptionSpec()) + ")",
                       "vae");
    loadWeights(*vae_, run_.vaePath());
    vae_->eval();
    // Rank 0's cache only: the other ranks write nothing into the run folder and encode anew.
    if (isMain())
      cache_ = std::make_shared<LatentCache>(
          run_.cacheDir(), moduleHash(*vae_),
          std::vector<int64_t>{model_.latentChannels, model_.latentSize(), model_.latentSize()});
    if (cache_) spdlog::info("latent cache {} ({} latents cached)", cache_->path(), cache_->size());
  }
  VAE vae = vae_;
  encode = cachedEncoder([vae](const torch::Tensor& x) mutable { return vae->encode(x); }, cache_);

  nlohmann::json config = {
      {"model", model_.toJson()},
      {"initFrom", opts_.initFrom.empty() ? nlohmann::json() : nlohmann::json(initWeights_)},
      {"train", train_.toJson()},
      {"data", imageSpecs_},
      {"text", textSpecs_}};
  if (isMain()) run_.writeConfig(config);
  if (dist_ && isMain()) {
    dist_->set("setup", "ok");
    announce.done = true;
  }

  makeRowStreams(encode);
  trainer_ = std::make_unique<Trainer>(model_, train_, rows_, run_, dist_);
  if (opts_.resume) {
    resumed_ = trainer_->resume(opts_.resumeOptions);
    if (!resumed_)
      spdlog::warn("run \"{}\" has no complete checkpoint; starting from step 0", opts_.runDir);
  }
  if (!resumed_ && !initWeights_.empty()) trainer_->initWeights(initWeights_);
  cleanup.armed = false;
}

TrainSession::~TrainSession() = default;

void TrainSession::makeRowStreams(const LatentEncoder& encode) {
  const int64_t world = dist_ ? dist_->world() : 1, rank = dist_ ? dist_->rank() : 0;
  TrainConfig one = train_;
  one.batchRows = 1;
  std::vector<std::shared_ptr<DocumentPacker>> packers;
  for (size_t k = 0; k < rowData_.size(); ++k) {
    auto& row = rowData_[k];
    std::vector<ExampleSource*> imgs;
    for (auto& s : row.images) imgs.push_back(s.get());
    std::vector<EditSource*> edits;
    for (auto& s : row.edits) edits.push_back(s.get());
    const auto stream = static_cast<uint64_t>(rank * train_.batchRows + int64_t(k));
    packers.push_back(std::make_shared<BatchBuilder>(model_, one, *tok_, imgs, row.text.get(),
                                                     encode, edits, stream));
  }
  rows_ = std::make_shared<RowStreams>(std::move(packers), rank * train_.batchRows,
                                       train_.batchRows * world);
}

void TrainSession::checkRanksAgree() const {
  const nlohmann::json mine = {{"model", model_.toJson()},
                               {"train", train_.toJson()},
                               {"data", imageSpecs_},
                               {"text", textSpecs_},
                               {"resume", opts_.resume},
                               {"resumeFrom", opts_.resumeOptions.fromStep},
                               {"initFrom", opts_.initFrom},
                               {"runDir", opts_.runDir},
                               {"binary", executableFingerprint()}};
  std::string verdict;
  if (dist_->rank() == 0) {
    dist_->set("config", mine.dump());
  } else {
    const auto theirs = nlohmann::json::parse(dist_->get("config"));
    verdict = firstDifference(theirs, mine);
  }
  const auto all = dist_->gatherToMain("config-verdict", verdict);
  auto why = [](int rank, const std::string& d) {
    return "rank " + std::to_string(rank) + " was started differently from rank 0 (" + d +
           ", rank 0's value first" +
           (d.rfind("binary", 0) == 0 ? std::string(": a different build of transfusion")
                                      : std::string()) +
           "); start every rank with the same command, config and binary";
  };
  if (!verdict.empty()) throw ConfigError(why(dist_->rank(), verdict));
  for (size_t r = 1; r < all.size(); ++r)
    if (!all[r].empty()) throw ConfigError(why(int(r), all[r]));
}

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
