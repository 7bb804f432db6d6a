#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/train/metrics_log.h"

namespace tfs {

// One row of an ablation: a model trained with these overrides of the ablation's base model.
struct AblationArm {
  std::string id;     // folder name under runs/ablate-NAME/
  std::string label;  // the table's row label
  nlohmann::json model = nlohmann::json::object();
};

// A small fixed-budget grid reproducing one of the paper's ablations in direction.
struct AblationPlan {
  std::string name;      // attention | patches | noise-limit
  std::string title;     // "bidirectional vs causal image attention (paper Table 5)"
  std::string paper;     // what the paper measured, for the table's footer
  nlohmann::json model;  // the base model config (complete ModelConfig JSON)
  nlohmann::json train;  // train-config overrides shared by every arm
  std::vector<AblationArm> arms;
  std::vector<std::string> columns;  // which metrics the table shows, in order
};

std::vector<std::string> ablationNames();
// budget scales the training steps (1 = the default grid, ~15 min on one core). UsageError for an
// unknown name or a budget outside (0, 100].
AblationPlan ablationPlan(const std::string& name, double budget = 1.0);

struct AblationOptions {
  std::string runsRoot = "runs";  // arms go to <runsRoot>/ablate-NAME/<arm>/
  std::string classifierPath;     // feature classifier for the Fréchet distance ("" = skip it)
  std::string data = "fmnist:train", text = "fortunes", testData = "test";
  int64_t fidImages = 200;      // text-to-image samples per arm
  int64_t captionImages = 300;  // test images captioned per arm
  int64_t sampleSteps = 20;     // dpmpp-2m
  double cfg = 3.0;             // the paper's ablation setting
  bool retrain = false;         // retrain arms that already finished
  std::function<void(const std::string& arm, const StepMetrics&)> onStep;
  std::function<void(const std::string& line)> onMessage;
};

// Trains (or reuses, when an arm's run already reached its steps) every arm, evaluates it and
// returns {"ablation", "title", "paper", "rows": [{arm, label, metrics…}], …}.
nlohmann::json runAblation(const AblationPlan& plan, const AblationOptions& options);
std::string formatAblation(const nlohmann::json& result);

}  // namespace tfs
