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

#include "core/base/error.h"
#include "core/base/precision.h"
#include "core/model/model_config.h"

namespace tfs {

namespace {

template <typename T>
void readField(const nlohmann::json& j, const char* key, T& out) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    // 1e30 or 2.5 for an integer field: say so, instead of a wrapped value failing a range check.
    if (j.is_number_float()) {
      const double v = j.get<double>();
      if (!(std::abs(v) < 9.2e18))
        throw ConfigError(std::string("train config: \"") + key + "\" is " + j.dump() +
                          ": too large (at most 9.2e18)");
      if (v != std::floor(v))
        throw ConfigError(std::string("train config: \"") + key + "\" is " + j.dump() +
                          ": it must be a whole number");
    }
    if (j.is_number_unsigned() && j.get<uint64_t>() > uint64_t(INT64_MAX))
      throw ConfigError(std::string("train config: \"") + key + "\" is " + j.dump() +
                        ": too large");
  }
  try {
    out = j.get<T>();
  } catch (const nlohmann::json::exception&) {
    throw ConfigError(std::string("train config: \"") + key + "\" has the wrong type (" +
                      j.type_name() + "); see `transfusion train --help` for the expected value");
  }
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
  if (!(lr > 0) || lr > 1) fail("lr", "must be in (0, 1]; the paper uses 3e-4");
  if (warmupSteps < 0) fail("warmupSteps", "must be >= 0");
  if (minLr < 0 || minLr > lr) fail("minLr", "must be in [0, lr]");
  if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
    fail("betas", "must both be in [0, 1); the paper uses [0.9, 0.95]");
  if (!(eps > 0)) fail("eps", "must be > 0");
  if (weightDecay < 0) fail("weightDecay", "must be >= 0");
  if (gradClip < 0) fail("gradClip", "must be >= 0 (0 turns clipping off)");
  if (!(emaDecay >= 0 && emaDecay < 1)) fail("emaDecay", "must be in [0, 1) (0 turns EMA off)");
  if (device != "auto" && device != "cpu" && device.rfind("cuda", 0) != 0)
    fail("device", "must be \"auto\", \"cpu\" or \"cuda[:N]\" (got \"" + device + "\")");
  if (!isPrecisionName(precision))
    fail("precision", "must be \"fp32\", \"bf16\" or \"auto\" (got \"" + precision + "\")");
  if (!(captionFirstProb >= 0 && captionFirstProb <= 1))
    fail("captionFirstProb", "must be in [0, 1]; the paper uses 0.8");
  if (!(dialogueProb >= 0 && interleavedProb >= 0 && dialogueProb + interleavedProb <= 1))
    fail("dialogueProb", "and interleavedProb must be >= 0 and add up to at most 1");
  if (!(editProb >= 0 && editProb <= 1))
    fail("editProb", "must be in [0, 1] (the share of image documents that are edits)");
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
  return {{"steps", steps},
          {"batchRows", batchRows},
          {"rowLength", rowLength},
          {"gradAccum", gradAccum},
          {"lr", lr},
          {"warmupSteps", warmupSteps},
          {"minLr", minLr},
          {"betas", {beta1, beta2}},
          {"eps", eps},
          {"weightDecay", weightDecay},
          {"gradClip", gradClip},
          {"emaDecay", emaDecay},
          {"seed", seed},
          {"device", device},
          {"precision", precision},
          {"captionFirstProb", captionFirstProb},
          {"textImageRatio", textImageRatio},
          {"dialogueProb", dialogueProb},
          {"interleavedProb", interleavedProb},
          {"editProb", editProb},
          {"checkpointEvery", checkpointEvery},
          {"keepCheckpoints", keepCheckpoints},
          {"sampleEvery", sampleEvery},
          {"logEvery", logEvery},
          {"spikeZScore", spikeZScore},
          {"spikeWindow", spikeWindow},
          {"maxConsecutiveSkips", maxConsecutiveSkips},
          {"tokenizerVocab", tokenizerVocab},
          {"tokenizerType", tokenizerType}};
}

void TrainConfig::merge(const nlohmann::json& j) {
  if (!j.is_object())
    throw ConfigError("train config: expected a JSON object, got " + std::string(j.type_name()));
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    const auto& v = it.value();
    const char* key = k.c_str();
    if (k == "steps")
      readField(v, key, steps);
    else if (k == "batchRows")
      readField(v, key, batchRows);
    else if (k == "rowLength")
      readField(v, key, rowLength);
    else if (k == "gradAccum")
      readField(v, key, gradAccum);
    else if (k == "lr")
      readField(v, key, lr);
    else if (k == "warmupSteps")
      readField(v, key, warmupSteps);
    else if (k == "minLr")
      readField(v, key, minLr);
    else if (k == "betas") {
      std::vector<double> b;
      readField(v, key, b);
      if (b.size() != 2)
        throw ConfigError(
            "train config: \"betas\" must be a list of two numbers, e.g. [0.9, 0.95]");
      beta1 = b[0];
      beta2 = b[1];
    } else if (k == "eps")
      readField(v, key, eps);
    else if (k == "weightDecay")
      readField(v, key, weightDecay);
    else if (k == "gradClip")
      readField(v, key, gradClip);
    else if (k == "emaDecay")
      readField(v, key, emaDecay);
    else if (k == "seed")
      readField(v, key, seed);
    else if (k == "device")
      readField(v, key, device);
    else if (k == "precision" || k == "dtype")  // "dtype": the key's name before precision
      readField(v, key, precision);
    else if (k == "captionFirstProb")
      readField(v, key, captionFirstProb);
    else if (k == "textImageRatio")
      readField(v, key, textImageRatio);
    else if (k == "dialogueProb")
      readField(v, key, dialogueProb);
    else if (k == "interleavedProb")
      readField(v, key, interleavedProb);
    else if (k == "editProb")
      readField(v, key, editProb);
    else if (k == "checkpointEvery")
      readField(v, key, checkpointEvery);
    else if (k == "keepCheckpoints")
      readField(v, key, keepCheckpoints);
    else if (k == "sampleEvery")
      readField(v, key, sampleEvery);
    else if (k == "logEvery")
      readField(v, key, logEvery);
    else if (k == "spikeZScore")
      readField(v, key, spikeZScore);
    else if (k == "spikeWindow")
      readField(v, key, spikeWindow);
    else if (k == "maxConsecutiveSkips")
      readField(v, key, maxConsecutiveSkips);
    else if (k == "tokenizerVocab")
      readField(v, key, tokenizerVocab);
    else if (k == "tokenizerType")
      readField(v, key, tokenizerType);
    else {
      std::string known;
      const auto all = toJson();
      for (auto kv = all.begin(); kv != all.end(); ++kv) known += " " + kv.key();
      throw ConfigError("train config: unknown key \"" + k + "\"; known keys:" + known);
    }
  }
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

nlohmann::json readConfigJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw IoError("cannot read the config file \"" + path + "\": check the path");
  nlohmann::json j;
  try {
    in >> j;
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError("config file \"" + path + "\" is not valid JSON (" + e.what() +
                      "); fix the file");
  }
  return j;
}

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
  return trainConfigOver(readConfigJson(path), base);
}

bool applyConfigFile(const std::string& path, ModelConfig& model, TrainConfig& train,
                     bool haveModel) {
  const nlohmann::json j = readConfigJson(path);
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
