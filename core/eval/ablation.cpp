#include "core/eval/ablation.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/error.h"
#include "core/data/fashion_mnist.h"
#include "core/eval/caption_accuracy.h"
#include "core/eval/frechet.h"
#include "core/eval/image_quality.h"
#include "core/eval/text_table.h"
#include "core/eval/train_bench.h"
#include "core/generate/generator.h"
#include "core/model/param_count.h"
#include "core/train/train_session.h"

namespace tfs {

namespace fs = std::filesystem;

std::vector<std::string> ablationNames() {
  return {"attention", "patches", "noise-limit"};
}

namespace {

nlohmann::json baseModel(int64_t imageSize, int64_t patch, int64_t d, int64_t layers, int64_t heads,
                         int64_t maxSeqLen) {
  ModelConfig m = preset("fmnist-small");
  m.name = "ablation";
  m.vocabSize = 512;
  m.imageSize = imageSize;
  m.patchSize = patch;
  m.dModel = d;
  m.nLayers = layers;
  m.nHeads = heads;
  m.maxSeqLen = maxSeqLen;
  return m.toJson();
}

nlohmann::json baseTrain(int64_t steps, int64_t rowLength) {
  return {{"steps", steps},
          {"batchRows", 8},
          {"rowLength", rowLength},
          {"lr", 1e-3},
          {"minLr", 5e-5},
          {"warmupSteps", std::max<int64_t>(1, std::min<int64_t>(100, steps / 10))},
          {"emaDecay", 0.99},  // short runs: a 0.999 average would still hold the random start
          {"checkpointEvery", 0},
          {"sampleEvery", 0},
          {"logEvery", 50},
          {"textImageRatio", 0.25},
          {"tokenizerVocab", 512},
          {"seed", 1234}};
}

int64_t scaled(int64_t steps, double budget) {
  return std::max<int64_t>(10, int64_t(std::llround(double(steps) * budget)));
}

// Mean of the last tenth of a run's logged losses (metrics.jsonl).
std::pair<double, double> finalLosses(const std::string& metricsPath, int64_t* lastStep) {
  std::ifstream in(metricsPath);
  std::vector<std::pair<double, double>> all;
  std::string line;
  *lastStep = 0;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("lm")) continue;
    if (j.value("skipped", false)) continue;
    all.emplace_back(j.value("lm", 0.0), j.value("diffusion", 0.0));
    *lastStep = std::max<int64_t>(*lastStep, j.value("step", int64_t(0)));
  }
  if (all.empty()) return {NAN, NAN};
  const size_t n = std::max<size_t>(1, all.size() / 10);
  double lm = 0, diff = 0;
  for (size_t i = all.size() - n; i < all.size(); ++i) {
    lm += all[i].first;
    diff += all[i].second;
  }
  return {lm / double(n), diff / double(n)};
}

class StepForwarder : public TrainObserver {
 public:
  StepForwarder(std::string arm, const AblationOptions& o) : arm_(std::move(arm)), o_(o) {}
  void onStep(const StepMetrics& m) override {
    if (o_.onStep) o_.onStep(arm_, m);
  }

 private:
  std::string arm_;
  const AblationOptions& o_;
};

}  // namespace

AblationPlan ablationPlan(const std::string& name, double budget) {
  if (!(budget > 0 && budget <= 100))
    throw UsageError(
        "the budget must be in (0, 100] (1 = the default grid), got " + std::to_string(budget),
        "budget");
  AblationPlan p;
  p.name = name;
  p.columns = {"frechet",        "class_acc",   "caption_acc", "lm_loss",
               "diffusion_loss", "train_gflop", "minutes"};
  if (name == "attention") {
    p.title = "bidirectional vs causal attention within an image (paper Table 5)";
    p.paper = "paper, 0.76B, linear 2x2 patches: FID 61.3 (causal) -> 20.3 (bidirectional)";
    p.model = baseModel(28, 4, 192, 4, 6, 128);
    p.train = baseTrain(scaled(1000, budget), 128);
    p.arms = {{"bidirectional", "bidirectional (Transfusion)", {{"bidirectionalImages", true}}},
              {"causal", "causal only", {{"bidirectionalImages", false}}}};
  } else if (name == "patches") {
    p.title = "patch size x patch encoder, linear vs U-Net (paper Tables 6-7)";
    p.paper =
        "paper: with linear patches smaller patches are better; U-Net patches stay good at 4x4 "
        "and 8x8 and beat linear at every size";
    p.model = baseModel(16, 2, 128, 3, 4, 288);
    p.train = baseTrain(scaled(260, budget), 288);
    for (int64_t patch : {1, 2, 4})
      for (const char* enc : {"linear", "unet"}) {
        const std::string e = enc;
        p.arms.push_back({"p" + std::to_string(patch) + "-" + e,
                          std::to_string(patch) + "x" + std::to_string(patch) + " " +
                              (e == "unet" ? "U-Net" : "linear") + " (" +
                              std::to_string((16 / patch) * (16 / patch)) + " patches)",
                          {{"patchSize", patch}, {"patchEncoder", e}}});
      }
  } else if (name == "noise-limit") {
    p.title =
        "noise limiting for image-first (captioning) documents, 50 % image-first (paper Table 8)";
    p.paper = "paper, 0.76B: CIDEr 25.4 (off) -> 29.4 (on, t <= 500); other metrics within 1%";
    p.model = baseModel(28, 4, 192, 4, 6, 128);
    p.train = baseTrain(scaled(1000, budget), 128);
    // Half the image documents image-first (paper: 20 %), so captioning learns within the budget.
    p.train["captionFirstProb"] = 0.5;
    p.arms = {{"limit-on", "noise limit on (t <= 500)", {{"noiseLimit", 500}}},
              {"limit-off", "noise limit off (t <= 999)", {{"noiseLimit", 999}}}};
  } else {
    std::string names;
    for (const auto& n : ablationNames()) names += (names.empty() ? "" : ", ") + n;
    throw UsageError("unknown ablation '" + name + "'; choose one of " + names);
  }
  p.train["budget"] = budget;  // removed before use; recorded with the plan
  return p;
}

nlohmann::json runAblation(const AblationPlan& plan, const AblationOptions& o) {
  const fs::path root = fs::path(o.runsRoot) / ("ablate-" + plan.name);
  fs::create_directories(root);
  auto say = [&](const std::string& s) {
    if (o.onMessage) o.onMessage(s);
  };
  nlohmann::json train = plan.train;
  const double budget = train.value("budget", 1.0);
  train.erase("budget");
  const int64_t steps = train["steps"].get<int64_t>();

  FeatureClassifier classifier{nullptr};
  LabelledImages test;
  if (!o.classifierPath.empty()) classifier = loadFeatureClassifier(o.classifierPath);
  test = loadFashionMnist(o.testData, std::max<int64_t>(2000, o.captionImages));

  nlohmann::json rows = nlohmann::json::array();
  std::string sharedTokenizer;
  for (const auto& arm : plan.arms) {
    const fs::path dir = root / arm.id;
    nlohmann::json model = plan.model;
    model.merge_patch(arm.model);
    model["name"] = "ablate-" + plan.name + "-" + arm.id;
    const ModelConfig mc = ModelConfig::fromJson(model);
    const auto t0 = std::chrono::steady_clock::now();
    int64_t lastStep = 0;
    finalLosses((dir / "metrics.jsonl").string(), &lastStep);
    const bool done =
        !o.retrain && lastStep >= steps && !RunDir(dir.string()).inferenceWeights().empty();
    double trainSeconds = 0;
    if (done) {
      say(arm.id + ": reusing the finished run in " + dir.string());
    } else {
      std::error_code ec;
      fs::remove_all(dir, ec);
      fs::create_directories(dir);
      // One tokenizer for every arm: the rows differ only in what the ablation changes.
      if (!sharedTokenizer.empty()) fs::copy_file(sharedTokenizer, dir / "tokenizer.model");
      const fs::path cfgPath = root / (arm.id + ".config.json");
      std::ofstream(cfgPath) << nlohmann::json{{"model", model}, {"train", train}}.dump(2);
      TrainSessionOptions so;
      so.runDir = dir.string();
      so.preset = "fmnist-small";
      so.configFile = cfgPath.string();
      so.data = {o.data};
      so.text = {o.text};
      so.device = "cpu";
      say(arm.id + ": training " + std::to_string(steps) + " steps (" + arm.label + ")");
      TrainSession session(so);
      StepForwarder fwd(arm.id, o);
      session.trainer().addObserver(&fwd);
      session.trainer().run();
      trainSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    if (sharedTokenizer.empty()) sharedTokenizer = (dir / "tokenizer.model").string();

    nlohmann::json row = {{"arm", arm.id}, {"label", arm.label}, {"run", dir.string()}};
    const auto [lm, diff] = finalLosses((dir / "metrics.jsonl").string(), &lastStep);
    row["steps"] = lastStep;
    row["lm_loss"] = lm;
    row["diffusion_loss"] = diff;
    const auto cfgJson = RunDir(dir.string()).readConfig();
    const ModelConfig trained = ModelConfig::fromJson(cfgJson.at("model"));
    const TrainConfig tc = TrainConfig::fromJson(cfgJson.at("train"));
    row["parameters_N"] = flopParameters(trained);
    row["train_gflop"] =
        trainStepFlops(trained, tc.batchRows, tc.rowLength).total() * double(lastStep) / 1e9;
    if (trainSeconds > 0) row["train_minutes"] = trainSeconds / 60.0;

    say(arm.id + ": evaluating");
    LoadOptions lo;
    lo.device = "cpu";
    auto bundle = ModelBundle::load(dir.string(), lo);
    Generator gen(bundle);
    GenerateOptions g;
    g.image.sampler = "dpmpp-2m";
    g.image.steps = o.sampleSteps;
    g.image.cfgScale = o.cfg;
    g.image.previewEvery = 0;
    g.text.maxTokens = 16;
    if (classifier) {
      ImageQualityOptions qo;
      qo.n = o.fidImages;
      qo.generate = g;
      qo.prompt = [](int64_t c, uint64_t v) { return fashionMnistCaption(c, v); };
      const auto q = evaluateImageQuality(gen, classifier, test, qo);
      row["frechet"] = q.frechet;
      row["frechet_real_floor"] = q.frechetRealHalves;
      row["class_acc"] = q.classAccuracy;
    }
    CaptionEvalOptions co;
    co.n = o.captionImages;
    co.generate = g;
    co.classOf = fashionMnistClassFromCaption;
    row["caption_acc"] = evaluateCaptions(gen, test, fashionMnistClassNames(), co).accuracy.value();
    row["minutes"] =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / 60.0;
    rows.push_back(row);
  }
  nlohmann::json out = {{"ablation", plan.name},
                        {"title", plan.title},
                        {"paper", plan.paper},
                        {"budget", budget},
                        {"steps", steps},
                        {"base_model", plan.model},
                        {"train", train},
                        {"threads", at::get_num_threads()},
                        {"fid_images", classifier ? o.fidImages : 0},
                        {"caption_images", o.captionImages},
                        {"sampler", "dpmpp-2m, " + std::to_string(o.sampleSteps) + " steps, CFG " +
                                        fmtNumber(o.cfg, 1)},
                        {"columns", plan.columns},
                        {"rows", rows}};
  if (classifier) out["frechet_label"] = frechetLabel(classifier->config().extractorName());
  std::ofstream(root / "results.json") << out.dump(2);
  return out;
}

std::string formatAblation(const nlohmann::json& r) {
  std::ostringstream s;
  s << "ablate " << r["ablation"].get<std::string>() << ": " << r["title"].get<std::string>()
    << "\n"
    << r["steps"].get<int64_t>() << " steps x " << r["train"]["batchRows"].get<int64_t>()
    << " rows x " << r["train"]["rowLength"].get<int64_t>() << " positions per arm (budget "
    << fmtNumber(r["budget"].get<double>(), 2) << "), " << r["threads"].get<int>()
    << " threads; samples " << r["sampler"].get<std::string>() << "\n";
  static const std::map<std::string, std::pair<std::string, int>> heads = {
      {"frechet", {"FD (clf) ↓", 2}},
      {"class_acc", {"T2I class acc ↑", 3}},
      {"caption_acc", {"caption acc ↑", 3}},
      {"lm_loss", {"LM loss", 3}},
      {"diffusion_loss", {"diff. loss", 4}},
      {"train_gflop", {"train GFLOP", 0}},
      {"minutes", {"minutes", 1}}};
  std::vector<std::string> header = {"arm"};
  for (const auto& c : r["columns"]) header.push_back(heads.at(c.get<std::string>()).first);
  TextTable t(header);
  for (const auto& row : r["rows"]) {
    std::vector<std::string> cells = {row["label"].get<std::string>()};
    for (const auto& c : r["columns"]) {
      const auto key = c.get<std::string>();
      cells.push_back(row.contains(key) && row[key].is_number()
                          ? fmtNumber(row[key].get<double>(), heads.at(key).second)
                          : "-");
    }
    t.add(cells);
  }
  s << t.render();
  if (r.contains("frechet_label")) {
    s << "FD: " << r["frechet_label"].get<std::string>() << ", " << r["fid_images"].get<int64_t>()
      << " samples vs 2000 test images";
    if (!r["rows"].empty() && r["rows"][0].contains("frechet_real_floor"))
      s << " (floor, real vs real at this n: "
        << fmtNumber(r["rows"][0]["frechet_real_floor"].get<double>(), 2) << ")";
    s << "\n";
  } else
    s << "FD: skipped (no classifier)\n";
  s << "caption acc: class named in the caption, " << r["caption_images"].get<int64_t>()
    << " test images; losses: mean of the last 10% of logged training steps\n"
    << r["paper"].get<std::string>() << "\n";
  return s.str();
}

}  // namespace tfs
