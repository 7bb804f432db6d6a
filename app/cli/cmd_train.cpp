#include <iostream>
#include <memory>

#include "app/cli/command.h"
#include "app/cli/progress.h"
#include "core/base/error.h"
#include "core/data/data_spec.h"
#include "core/dist/dist_env.h"
#include "core/eval/training_samples.h"
#include "core/train/edit_session.h"
#include "core/train/train_session.h"

namespace {

// --set key=value pairs → a JSON object (values parsed as JSON when they are, else strings).
nlohmann::json parseOverrides(const std::vector<std::string>& sets) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& s : sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0)
      throw tfs::UsageError("--set wants KEY=VALUE (e.g. --set lr=3e-4), got \"" + s + "\"");
    const auto key = s.substr(0, eq), value = s.substr(eq + 1);
    auto v = nlohmann::json::parse(value, nullptr, false);
    j[key] = v.is_discarded() ? nlohmann::json(value) : v;
  }
  return j;
}

// --resume, --resume-from STEP, --rebuild-ema: the same for train and finetune-edit.
void addResumeOptions(CLI::App* c, bool& resume, tfs::ResumeOptions& o) {
  c->add_flag("--resume", resume,
              "Continue the run from its newest intact checkpoint (files are checked against "
              "the sizes and CRC-32s in its DONE marker; a damaged one is moved aside as "
              "step-N.damaged with a warning and the previous one is used)");
  c->add_option("--resume-from", o.fromStep,
                "Continue the run from the checkpoint of this step (implies --resume)")
      ->check(CLI::Range(int64_t(0), int64_t(1) << 40));
  c->add_flag("--rebuild-ema", o.rebuildEma,
              "Resuming a checkpoint without ema.safetensors: start the EMA from the model's "
              "weights (otherwise an error)");
}

struct TrainArgs {
  std::string preset, config, run, device, initFrom;
  std::vector<std::string> data, text, sets;
  int64_t steps = 0;
  bool resume = false;
  tfs::ResumeOptions resumeOptions;
  int64_t samplePrompts = 4;
  int64_t sampleSteps = 20;
};

// Runs the trainer with the CLI's progress bar and Ctrl-C = stop and save.
int runTrainer(tfs::Trainer& trainer, int64_t logEvery, bool speaks = true) {
  tfs::cli::TrainProgress progress(logEvery);
  if (speaks) trainer.addObserver(&progress);
  auto* control = &trainer.control();
  tfs::cli::installStopHandler([control] { control->requestStop(); });
  if (speaks)
    std::cout << "training from step " << trainer.stepsDone()
              << " (Ctrl-C stops after the current step and saves a checkpoint)" << std::endl;
  tfs::TrainSummary s;
  try {
    s = trainer.run();
  } catch (...) {
    tfs::cli::removeStopHandler();
    throw;
  }
  tfs::cli::removeStopHandler();
  if (s.stopped) {
    if (!speaks) return tfs::cli::kExitStopped;
    // Ctrl-C or SIGTERM: a checkpoint of the last step is saved; not the same as a finished run.
    std::cout << "stopped at step " << s.steps << " (checkpoint saved); continue with --resume"
              << std::endl;
    return tfs::cli::kExitStopped;
  }
  return 0;
}

int runTrain(const TrainArgs& a) {
  tfs::TrainSessionOptions o;
  o.runDir = a.run;
  o.preset = a.preset;
  o.configFile = a.config;
  o.data = a.data;
  o.text = a.text;
  if (a.steps > 0) o.steps = a.steps;
  if (!a.device.empty()) o.device = a.device;
  o.resume = a.resume || a.resumeOptions.fromStep >= 0;
  o.resumeOptions = a.resumeOptions;
  o.initFrom = a.initFrom;
  o.trainOverrides = parseOverrides(a.sets);
  // Started by torchrun, Slurm or `transfusion launch`: this process is one rank of a job.
  o.dist = tfs::distEnvFromEnvironment();
  if (!o.dist.isMain() && spdlog::get_level() == spdlog::level::info)
    spdlog::set_level(spdlog::level::warn);  // rank 0 speaks for the job
  tfs::TrainSession session(o);
  const auto& mc = session.modelConfig();
  const auto& tc = session.trainConfig();
  if (o.dist.isMain())
    std::cout << "run " << session.run().root() << ": model " << mc.name << ", " << tc.steps
              << " steps of " << tc.batchRows << "x" << tc.rowLength << " tokens on "
              << session.trainer().device().str()
              << (o.dist.distributed()
                      ? " × " + std::to_string(o.dist.world) + " ranks (global batch " +
                            std::to_string(tc.batchRows * o.dist.world * tc.gradAccum) + " rows)"
                      : std::string())
              << (session.resumed() ? " (resumed)" : "") << std::endl;
  if (o.dist.isMain()) tfs::attachTrainingSamples(session, a.samplePrompts, a.sampleSteps);
  return runTrainer(session.trainer(), tc.logEvery, o.dist.isMain());
}

tfs::cli::Run setupTrain(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto a = std::make_shared<TrainArgs>();
  auto* c = app.add_subcommand(
      "train", "Train a Transfusion model on images with captions and text (writes a run folder)");
  c->add_option("--run", a->run, "Run folder (created; config.json, metrics.jsonl, checkpoints/)")
      ->required();
  c->add_option("--preset", a->preset, "Model preset for a new run (see `transfusion presets`)");
  c->add_option("--config", a->config,
                "JSON file: a train config, or a run config with \"model\" and \"train\"");
  c->add_option("--data", a->data, "Image–caption data spec (repeatable); text specs go to --text");
  c->add_option("--text", a->text,
                "Text corpus spec for the text half (text:PATH, fortunes, wordnet)");
  c->add_option("--steps", a->steps, "Optimiser steps (overrides the preset)")
      ->check(CLI::Range(int64_t(1), int64_t(1) << 40));
  c->add_option("--device", a->device, "auto | cpu | cuda | cuda:N");
  c->add_option("--set", a->sets,
                "Override a train-config field, KEY=VALUE (repeatable), e.g. --set lr=3e-4 "
                "--set batchRows=16 --set sampleEvery=250");
  c->add_option("--sample-prompts", a->samplePrompts,
                "Captions of the data used as prompts for periodic samples")
      ->check(CLI::Range(int64_t(0), int64_t(16)))
      ->capture_default_str();
  c->add_option("--sample-steps", a->sampleSteps, "Denoising steps of the periodic samples")
      ->check(CLI::Range(int64_t(1), int64_t(999)))
      ->capture_default_str();
  addResumeOptions(c, a->resume, a->resumeOptions);
  c->add_option("--init-from", a->initFrom,
                "Start a new run from a trained run's weights, model, tokenizer and data (a second "
                "stage with another recipe, e.g. --set captionFirstProb=0.5)");
  c->footer(
      "Example:\n  transfusion train --preset fmnist-small --data fmnist:train --text fortunes "
      "--run runs/fmnist\n\n" +
      tfs::dataSpecHelp());
  return [a] { return runTrain(*a); };
}

struct EditArgs {
  std::string base, run, data = "shapes-edit", device;
  std::vector<std::string> sets;
  int64_t steps = 0;
  bool resume = false;
  tfs::ResumeOptions resumeOptions;
};

int runFinetuneEdit(const EditArgs& a) {
  tfs::EditSessionOptions o;
  o.baseRun = a.base;
  o.runDir = a.run;
  o.data = a.data;
  if (a.steps > 0) o.steps = a.steps;
  if (!a.device.empty()) o.device = a.device;
  o.resume = a.resume || a.resumeOptions.fromStep >= 0;
  o.resumeOptions = a.resumeOptions;
  o.trainOverrides = parseOverrides(a.sets);
  if (tfs::distEnvFromEnvironment().distributed())
    throw tfs::UsageError(
        "finetune-edit trains as one process; for several, use train with the editing data "
        "mixed in (editProb)");
  tfs::EditSession session(o);
  std::cout << "editing fine-tune " << session.run().root() << " from " << a.base << ": "
            << session.trainConfig().steps << " steps on " << a.data << std::endl;
  return runTrainer(session.trainer(), session.trainConfig().logEvery);
}

tfs::cli::Run setupFinetuneEdit(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto a = std::make_shared<EditArgs>();
  auto* c = app.add_subcommand("finetune-edit",
                               "Fine-tune a trained run for instruction-based image editing");
  c->add_option("--base", a->base, "The trained run to start from");
  c->add_option("--run", a->run, "The fine-tune's own run folder")->required();
  c->add_option("--data", a->data,
                "Editing triplets: shapes-edit[:SEED] or edit-folder:PATH (NAME.input.png, "
                "NAME.output.png, NAME.txt)")
      ->capture_default_str();
  c->add_option("--steps", a->steps, "Optimiser steps (default 500)")
      ->check(CLI::Range(int64_t(1), int64_t(1) << 40));
  c->add_option("--device", a->device, "auto | cpu | cuda | cuda:N");
  c->add_option("--set", a->sets, "Override a train-config field, KEY=VALUE (repeatable)");
  addResumeOptions(c, a->resume, a->resumeOptions);
  c->footer(
      "Example:\n  transfusion finetune-edit --base runs/shapes --run runs/shapes-edit --steps "
      "500");
  return [a] { return runFinetuneEdit(*a); };
}

const bool registeredTrain = tfs::cli::registerCommand("train", 40, setupTrain);
const bool registeredFinetuneEdit =
    tfs::cli::registerCommand("finetune-edit", 45, setupFinetuneEdit);

}  // namespace
