#include <iostream>
#include <memory>

#include "app/cli/command.h"
#include "app/cli/progress.h"
#include "core/base/error.h"
#include "core/eval/ablation.h"
#include "core/eval/shipped_classifier.h"

namespace {

struct AblateArgs {
  std::string name, classifier, runs = "runs";
  double budget = 1.0;
  int64_t fidImages = 200, captionImages = 300;
  bool retrain = false, json = false;
};

int runAblate(const AblateArgs& a) {
  const auto plan = tfs::ablationPlan(a.name, a.budget);
  tfs::AblationOptions o;
  o.runsRoot = a.runs;
  o.classifierPath = a.classifier;
  o.fidImages = a.fidImages;
  o.captionImages = a.captionImages;
  o.retrain = a.retrain;
  auto line = std::make_shared<tfs::cli::ProgressLine>(50);
  o.onMessage = [line](const std::string& s) {
    line->finish();
    std::cerr << s << std::endl;
  };
  o.onStep = [line, &a](const std::string& arm, const tfs::StepMetrics& m) {
    if (a.json) return;
    char buf[200];
    std::snprintf(buf, sizeof buf, "%s step %lld/%lld  lm %.3f  diffusion %.4f  %.0f tok/s",
                  arm.c_str(), static_cast<long long>(m.step), static_cast<long long>(m.totalSteps),
                  m.lm, m.diffusion, m.tokensPerS);
    line->update(m.step, m.totalSteps, buf);
  };
  const auto r = tfs::runAblation(plan, o);
  line->finish();
  if (a.json)
    std::cout << r.dump(2) << "\n";
  else
    std::cout << tfs::formatAblation(r) << "results: " << a.runs << "/ablate-" << a.name
              << "/results.json\n";
  return 0;
}

tfs::cli::Run setupAblate(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto a = std::make_shared<AblateArgs>();
  auto* c = app.add_subcommand("ablate",
                               "Reproduce one of the paper's ablations at small scale "
                               "on Fashion-MNIST and print its table");
  c->add_option("name", a->name, "attention | patches | noise-limit")
      ->required()
      ->check(CLI::IsMember({"attention", "patches", "noise-limit"}));
  c->add_option("--budget", a->budget,
                "Scales the training steps (1 = default grid, ~15 min on "
                "one core)")
      ->capture_default_str();
  c->add_option("--classifier", a->classifier,
                "Feature classifier for the Fréchet distance (default: the shipped one)");
  c->add_option("--runs", a->runs, "Folder for runs/ablate-NAME/")->capture_default_str();
  c->add_option("--fid-images", a->fidImages, "Text-to-image samples per arm")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(10), int64_t(100000)));
  c->add_option("--caption-images", a->captionImages, "Test images captioned per arm")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(1), int64_t(10000)));
  c->add_flag("--retrain", a->retrain, "Retrain arms whose runs already finished");
  c->add_flag("--json", a->json, "Print JSON instead of a table");
  c->footer("Example:\n  transfusion --threads 1 ablate attention --budget 1");
  return [a] {
    if (a->classifier.empty()) a->classifier = tfs::shippedClassifierPath();
    return runAblate(*a);
  };
}

const bool registeredAblate = tfs::cli::registerCommand("ablate", 74, setupAblate);

}  // namespace
