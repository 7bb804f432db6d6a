#include "core/train/train_config.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <type_traits>

#include <spdlog/spdlog.h>

#include "core/base/config_fields.h"
#include "core/base/error.h"
#include "core/base/precision.h"
#include "core/model/model_config.h"

namespace tfs {

namespace {

// One entry per JSON key (core/base/config_fields.h), ordered so toJson() reads like the struct.
const ConfigFields<TrainConfig>& fields() {
  using F = ConfigFields<TrainConfig>;
  // [beta1, beta2] as one list, as the paper writes them.
  const F::Field betas{
      [](TrainConfig& c, const nlohmann::json& v, const std::string& k) {
        if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number())
          F::fail(k, v, "it must be a list of two numbers, e.g. [0.9, 0.95]");
        c.beta1 = v[0].get<double>();
        c.beta2 = v[1].get<double>();
      },
      [](const TrainConfig& c) {
        return nlohmann::json{c.beta1, c.beta2};
      }};
  static const F f("train config",
                   {
                       {"steps", F::integer(&TrainConfig::steps)},
                       {"batchRows", F::integer(&TrainConfig::batchRows)},
                       {"rowLength", F::integer(&TrainConfig::rowLength)},
                       {"gradAccum", F::integer(&TrainConfig::gradAccum)},
                       {"lr", F::number(&TrainConfig::lr)},
                       {"warmupSteps", F::integer(&TrainConfig::warmupSteps)},
                       {"minLr", F::number(&TrainConfig::minLr)},
                       {"betas", betas},
                       {"eps", F::number(&TrainConfig::eps)},
                       {"weightDecay", F::number(&TrainConfig::weightDecay)},
                       {"gradClip", F::number(&TrainConfig::gradClip)},
                       {"emaDecay", F::number(&TrainConfig::emaDecay)},
                       {"seed", F::integer(&TrainConfig::seed)},
                       {"device", F::string(&TrainConfig::device)},
                       {"precision", F::string(&TrainConfig::precision)},
                       {"dtype", F::alias("precision")},  // the key's name before precision
                       {"captionFirstProb", F::number(&TrainConfig::captionFirstProb)},
                       {"textImageRatio", F::number(&TrainConfig::textImageRatio)},
                       {"dialogueProb", F::number(&TrainConfig::dialogueProb)},
                       {"interleavedProb", F::number(&TrainConfig::interleavedProb)},
                       {"editProb", F::number(&TrainConfig::editProb)},
                       {"editRegionWeight", F::number(&TrainConfig::editRegionWeight)},
                       {"checkpointEvery", F::integer(&TrainConfig::checkpointEvery)},
                       {"keepCheckpoints", F::integer(&TrainConfig::keepCheckpoints)},
                       {"sampleEvery", F::integer(&TrainConfig::sampleEvery)},
                       {"logEvery", F::integer(&TrainConfig::logEvery)},
                       {"spikeZScore", F::number(&TrainConfig::spikeZScore)},
                       {"spikeWindow", F::integer(&TrainConfig::spikeWindow)},
                       {"maxConsecutiveSkips", F::integer(&TrainConfig::maxConsecutiveSkips)},
                       {"bucketMB", F::number(&TrainConfig::bucketMB)},
                       {"tokenizerVocab", F::integer(&TrainConfig::tokenizerVocab)},
                       {"tokenizerType", F::string(&TrainConfig::tokenizerType)},
                   });
  return f;
}

}  // namespace

void TrainConfig::validate() const {
  auto fail = [](const std::string& field, const std::string& fix) {
    throw ConfigError("train config: " + field + " " + fix);
  };
  if (steps < 1) fail("steps", "must be at least 1");
  if (batchRows < 1) fail("batchRows", "must be at least 1");
  if (rowLength < 8) fail("rowLength", "must be at least 8 tokens");
  if (gradAccum < 1) fail("gradAccum", "must be at least 1");
  if (!(bucketMB > 0) || bucketMB > 4096) fail("bucketMB", "must be in (0, 4096] MB; DDP uses 25");
  if (!(lr > 0) || lr > 1) fail("lr", "must be in (0, 1]; the paper uses 3e-4");
  if (warmupSteps < 0) fail("warmupSteps", "must be >= 0");
  if (minLr < 0 || minLr > lr) fail("minLr", "must be in [0, lr]");
  if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
    fail("betas", "must both be in [0, 1); the paper uses [0.9, 0.95]");
  if (!(eps > 0)) fail("eps", "must be > 0");
  if (weightDecay < 0) fail("weightDecay", "must be >= 0");
  if (gradClip < 0) fail("gradClip", "must be >= 0 (0 turns clipping off)");
  if (!(emaDecay >= 0 && emaDecay < 1)) fail("emaDecay", "must be in [0, 1) (0 turns EMA off)");
  if (!isDeviceName(device))
    fail("device", "must be \"auto\", \"cpu\" or \"cuda[:N]\" (got \"" + device + "\")");
  if (!isPrecisionName(precision))
    fail("precision", "must be \"fp32\", \"bf16\" or \"auto\" (got \"" + precision + "\")");
  if (!(captionFirstProb >= 0 && captionFirstProb <= 1))
    fail("captionFirstProb", "must be in [0, 1]; the paper uses 0.8");
  if (!(dialogueProb >= 0 && interleavedProb >= 0 && dialogueProb + interleavedProb <= 1))
    fail("dialogueProb", "and interleavedProb must be >= 0 and add up to at most 1");
  if (!(editProb >= 0 && editProb <= 1))
    fail("editProb", "must be in [0, 1] (the share of image documents that are edits)");
  if (!(editRegionWeight >= 1 && editRegionWeight <= 1000))
    fail("editRegionWeight", "must be in [1, 1000] (1 = the changed patches weigh as the rest)");
  if (!(textImageRatio >= 0)) fail("textImageRatio", "must be >= 0 (0 = no text-only documents)");
  if (checkpointEvery < 0) fail("checkpointEvery", "must be >= 0 (0 = only at the end)");
  if (keepCheckpoints < 1) fail("keepCheckpoints", "must be at least 1");
  if (sampleEvery < 0) fail("sampleEvery", "must be >= 0 (0 = off)");
  if (logEvery < 1) fail("logEvery", "must be at least 1");
  if (spikeZScore < 0) fail("spikeZScore", "must be >= 0 (0 turns the spike guard off)");
  if (spikeWindow < 2) fail("spikeWindow", "must be at least 2");
  if (maxConsecutiveSkips < 0)
    fail("maxConsecutiveSkips", "must be >= 0 (0 = never stop on skipped updates)");
  if (tokenizerVocab < 16) fail("tokenizerVocab", "must be at least 16");
  if (tokenizerType != "bpe" && tokenizerType != "unigram" && tokenizerType != "char" &&
      tokenizerType != "word")
    fail("tokenizerType", "must be bpe, unigram, char or word");
}

nlohmann::json TrainConfig::toJson() const {
  return fields().write(*this);
}

void TrainConfig::merge(const nlohmann::json& j) {
  fields().read(*this, j);
  validate();
}

TrainConfig TrainConfig::fromJson(const nlohmann::json& j) {
  TrainConfig c;
  c.merge(j);
  return c;
}

namespace {

// Training defaults per model preset, by exact name, read through the same field reader as a
// config file (merge). A name not listed gets the paper's recipe scaled to one machine.
const std::map<std::string, nlohmann::json>& trainPresets() {
  // The small models' shared defaults (fmnist-small, shapes-small).
  const nlohmann::json small = {{"steps", 3000},          {"batchRows", 8},    {"rowLength", 256},
                                {"warmupSteps", 200},     {"lr", 1e-3},        {"minLr", 5e-5},
                                {"checkpointEvery", 250}, {"sampleEvery", 500}};
  static const std::map<std::string, nlohmann::json> p = {
      {"tiny-test",
       {{"steps", 20},
        {"batchRows", 2},
        {"rowLength", 64},
        {"warmupSteps", 2},
        {"lr", 1e-3},
        {"minLr", 1e-4},
        {"checkpointEvery", 10},
        {"logEvery", 1}}},
      // Images first: a quarter as many corpus tokens as patches, so most compute goes to
      // pictures.
      {"fmnist-demo",
       {{"steps", 3000},
        {"batchRows", 8},
        {"rowLength", 128},
        {"warmupSteps", 200},
        {"lr", 1e-3},
        {"minLr", 5e-5},
        {"checkpointEvery", 500},
        {"sampleEvery", 500},
        {"textImageRatio", 0.25}}},
      // Rows of 512 positions holding chat dialogues (draw requests, questions about attached
      // images, follow-ups: up to 8 images each), several caption–image pairs per document,
      // single pairs, and a little corpus text. Meant to start from fmnist-demo's weights
      // (--init-from).
      {"fmnist-chat",
       {{"steps", 6000},
        {"batchRows", 4},
        {"rowLength", 512},
        {"warmupSteps", 100},
        {"lr", 5e-4},
        {"minLr", 3e-5},
        {"checkpointEvery", 250},
        {"sampleEvery", 1000},
        {"captionFirstProb", 0.6},
        {"textImageRatio", 0.05},
        {"dialogueProb", 0.55},
        {"interleavedProb", 0.15}}},
      // Shapes captions only (no corpus): 4 rows of 256 positions hold ~12 caption + image
      // documents.
      {"shapes-demo",
       {{"steps", 4000},
        {"batchRows", 4},
        {"rowLength", 256},
        {"warmupSteps", 200},
        {"lr", 1e-3},
        {"minLr", 5e-5},
        {"checkpointEvery", 500},
        {"sampleEvery", 1000}}},
      // Editing triplets (shapes-edit) for 70 % of the documents, shapes captions for the rest,
      // from scratch: one model that edits and draws. An edit (~140 positions) and a caption
      // pair (~75) fill a 256-position row; 8 rows a step.
      {"shapes-edit",
       {{"steps", 20000},
        {"batchRows", 8},
        {"rowLength", 256},
        {"warmupSteps", 200},
        {"lr", 1e-3},
        {"minLr", 5e-5},
        {"checkpointEvery", 250},
        {"sampleEvery", 0},
        {"editProb", 0.7},
        {"textImageRatio", 0}}},
      {"fmnist-small", small},
      {"shapes-small", small},
  };
  return p;
}

}  // namespace

TrainConfig trainPreset(const std::string& modelPreset) {
  TrainConfig c;
  const auto& table = trainPresets();
  if (auto it = table.find(modelPreset); it != table.end()) {
    c.merge(it->second);
  } else {
    // The paper's recipe scaled to one machine: 4096-token rows, 4000 warm-up steps.
    c.merge({{"steps", 250000},
             {"rowLength", 4096},
             {"warmupSteps", 4000},
             {"checkpointEvery", 1000},
             {"sampleEvery", 5000},
             {"tokenizerVocab", 32000}});
  }
  // One source of truth: a preset's tokenizer is as large as its model's vocabulary (a run sets
  // the model's vocabulary from the tokenizer it trains, so the two can never disagree).
  const auto names = presetNames();
  if (std::find(names.begin(), names.end(), modelPreset) != names.end())
    c.tokenizerVocab = preset(modelPreset).vocabSize;
  return c;
}

namespace {

// A run config ({"model", "train", "data", "text"}) carries its train config under "train"
// (possibly none: the base as it is); anything else is a train config itself.
TrainConfig trainConfigOver(const nlohmann::json& file, const TrainConfig& base) {
  nlohmann::json j = file;
  if (j.is_object() &&
      (j.contains("train") || j.contains("model") || j.contains("data") || j.contains("text")))
    j = j.value("train", nlohmann::json::object());
  TrainConfig c = base;
  c.merge(j);
  return c;
}

}  // namespace

TrainConfig loadTrainConfig(const std::string& path, const TrainConfig& base) {
  return trainConfigOver(readConfigFile(path, "config file"), base);
}

bool applyConfigFile(const std::string& path, ModelConfig& model, TrainConfig& train,
                     bool haveModel) {
  const nlohmann::json j = readConfigFile(path, "config file");
  bool gaveModel = false;
  if (j.is_object() && j.contains("model")) {
    std::string basedOn;
    model = modelConfigForNewRun(j["model"], &basedOn);
    if (!basedOn.empty())
      spdlog::info("model config: preset {}, with the fields given in {} over it", basedOn, path);
    if (!haveModel) train = trainPreset(model.name);
    gaveModel = true;
  }
  train = trainConfigOver(j, train);
  return gaveModel;
}

std::string jsonHash(const nlohmann::json& j) {
  // FNV-1a 64 over the canonical dump: stable across runs and platforms.
  const std::string s = j.dump();
  uint64_t h = 1469598103934665603ull;
  for (unsigned char ch : s) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  std::ostringstream os;
  os << std::hex << h;
  return os.str();
}

}  // namespace tfs
