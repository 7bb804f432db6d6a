#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace tfs {

struct ModelConfig;

// Everything about how a model is trained (the model's shape is ModelConfig's). Defaults follow
// the Transfusion paper's optimiser (§4.1); values marked (ours) are this project's choice.
struct TrainConfig {
  int64_t steps = 1000;
  int64_t batchRows = 8;    // packed rows per micro-batch
  int64_t rowLength = 512;  // tokens (text positions + patches) per packed row
  int64_t gradAccum = 1;    // micro-batches per optimiser step
  double lr = 3e-4;
  int64_t warmupSteps = 100;
  double minLr = 1.5e-5;  // cosine decay ends here at `steps`
  double beta1 = 0.9, beta2 = 0.95;
  double eps = 1e-8;
  double weightDecay = 0.1;  // not applied to norms, biases and embeddings
  double gradClip = 1.0;     // 0 = off
  double emaDecay = 0.999;   // 0 = no EMA
  uint64_t seed = 1234;
  std::string device = "auto";  // auto | cpu | cuda | cuda:N
  // fp32 | bf16 | auto: bf16 autocast (fp32 master weights) where the device has native bf16.
  std::string precision = "auto";
  double captionFirstProb = 0.8;
  double textImageRatio = 1.0;  // text-corpus tokens : image patches, over time (ours: see
                                // batch_builder.h)
  // Of the image documents: the share that are chat dialogues in the turn format (draw requests,
  // questions about attached images, follow-ups; several images each), and the share that are
  // several caption–image pairs in one document. The rest are single caption–image documents.
  double dialogueProb = 0.0;
  double interleavedProb = 0.0;
  // With editing data (--data shapes-edit / edit-folder:): the share of image documents that are
  // editing triplets (editLayout); dialogueProb and interleavedProb then split the rest.
  double editProb = 0.0;
  // Diffusion loss weight of the output-image patches an edit changes (pixels that differ from
  // the input), relative to the unchanged ones (ours; 1 = uniform). Most of an edit's output is
  // a copy of its input; weighting the changed patches keeps the loss on the edit itself.
  double editRegionWeight = 1.0;
  int64_t checkpointEvery = 500;  // 0 = only at the end
  int64_t keepCheckpoints = 3;    // complete checkpoints kept (oldest deleted first)
  int64_t sampleEvery = 0;        // 0 = no periodic samples
  int64_t logEvery = 10;
  double spikeZScore = 6.0;   // loss z-score above which the update is skipped; 0 = off
  int64_t spikeWindow = 100;  // losses the z-score is computed over (ours)
  // Stop with an error after this many consecutive skipped updates (ours; 0 = never).
  int64_t maxConsecutiveSkips = 50;
  // Data parallelism (several processes, core/dist): gradients are all-reduced in buckets of about
  // this many MB, each launched as soon as backward has produced it (PyTorch DDP's default: 25).
  double bucketMB = 25.0;
  int64_t tokenizerVocab = 1000;
  std::string tokenizerType = "bpe";  // bpe | unigram | char | word

  // Throws ConfigError naming the field and what to do.
  void validate() const;
  nlohmann::json toJson() const;
  // Starts from the defaults; unknown key or wrong type → ConfigError.
  static TrainConfig fromJson(const nlohmann::json& j);
  // Partial JSON over an existing config (a preset); same checks as fromJson.
  void merge(const nlohmann::json& j);
};

// Training defaults suited to a model preset (batch size, row length, schedule; the tokenizer's
// size is the preset's vocabSize); unknown names get the generic defaults.
TrainConfig trainPreset(const std::string& modelPreset);
// Reads a JSON file (either a TrainConfig object or a run config with a "train" member).
TrainConfig loadTrainConfig(const std::string& path, const TrainConfig& base = {});
// A new run's --config file: a train config, or a run config {"model": ..., "train": ...}. Its
// "model" (a preset named in "name" with the given fields over it, or a complete config) replaces
// `model`, and then `train` starts from that preset's train config unless `haveModel` (a --preset
// already chose it); the file's train fields go over `train`. Returns whether the file gave a
// model. IoError (unreadable) or ConfigError (not JSON, bad fields) naming the file or the field.
bool applyConfigFile(const std::string& path, ModelConfig& model, TrainConfig& train,
                     bool haveModel);
// A short stable hash of a JSON value (for "was this checkpoint made with this config").
std::string jsonHash(const nlohmann::json& j);

}  // namespace tfs
