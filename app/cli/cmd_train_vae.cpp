#include <cstdio>
#include <iostream>
#include <memory>

#include "app/cli/command.h"
#include "app/cli/progress.h"
#include "core/base/error.h"
#include "core/data/data_spec.h"
#include "core/train/vae_trainer.h"

namespace {

struct VaeArgs {
  std::string preset, run, data, device, precision = "fp32";
  int64_t steps = 0, batch = 0;
  double lr = 0;
};

int runTrainVae(const VaeArgs& a) {
  auto model = tfs::preset(a.preset);
  tfs::RunDir run(a.run);
  if (run.hasConfig()) {
    auto cfg = run.readConfig();
    if (cfg.contains("model")) model = tfs::ModelConfig::fromJson(cfg["model"]);
  }
  if (model.vaeFactor <= 1)
    throw tfs::UsageError(
        "model \"" + model.name +
        "\" works on pixels (vaeFactor 1) and needs no VAE; pick a preset with a VAE, "
        "e.g. shapes-small");
  tfs::VaeTrainConfig vc;
  if (a.steps > 0) vc.steps = a.steps;
  if (a.batch > 0) vc.batchSize = a.batch;
  if (a.lr > 0) vc.lr = a.lr;
  if (!a.device.empty()) vc.device = a.device;
  vc.precision = a.precision;
  auto spec = tfs::parseDataSpec(a.data);
  if (spec.isText() || spec.isEdit())
    throw tfs::UsageError(
        "the VAE trains on images: give an image data spec (e.g. shapes, fmnist:train)");
  tfs::SourceOptions so;
  so.imageSize = model.imageSize;
  so.channels = model.imageChannels;
  so.seed = vc.seed;
  so.shuffle = true;
  auto source = tfs::makeExampleSource(spec, so);
  tfs::VaeTrainer trainer(model, vc, source.get(), run);
  tfs::TrainControl control;
  tfs::cli::installStopHandler([&control] { control.requestStop(); });
  tfs::cli::ProgressLine line(vc.logEvery);
  std::cout << "training the VAE of " << model.name << " (x" << model.vaeFactor << ", "
            << model.latentChannels << " latent channels) on " << source->describe() << std::endl;
  // The progress line, as an observer of the VAE's steps.
  struct Progress : tfs::TrainObserver {
    tfs::cli::ProgressLine& line;
    explicit Progress(tfs::cli::ProgressLine& l) : line(l) {}
    void onVaeStep(const tfs::VaeStepMetrics& m) override {
      char buf[160];
      std::snprintf(buf, sizeof buf, "step %lld/%lld  recon %.4f  kl %.1f  %.1f img/s",
                    static_cast<long long>(m.step), static_cast<long long>(m.totalSteps), m.recon,
                    m.kl, m.imagesPerS);
      line.update(m.step, m.totalSteps, buf);
    }
  } progress(line);
  tfs::VaeTrainResult r;
  try {
    r = trainer.run(&progress, &control);
  } catch (...) {
    tfs::cli::removeStopHandler();
    throw;
  }
  tfs::cli::removeStopHandler();
  line.finish();
  std::printf(
      "%s after %lld steps (%s): held-out PSNR %.2f dB (%.2f dB before training)\nwrote %s\n",
      r.stopped ? "stopped" : "done", static_cast<long long>(r.steps),
      tfs::cli::ProgressLine::eta(r.seconds).c_str(), r.psnr, r.psnrBefore, r.path.c_str());
  return 0;
}

tfs::cli::Run setupTrainVae(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto a = std::make_shared<VaeArgs>();
  auto* c = app.add_subcommand(
      "train-vae", "Train the VAE stage of a latent-space model (writes RUN/vae.safetensors)");
  c->add_option("--preset", a->preset, "Model preset whose VAE to train (the run's config wins)")
      ->default_val("shapes-small");
  c->add_option("--data", a->data, "Image data spec, e.g. shapes or folder:PATH")->required();
  c->add_option("--run", a->run, "Run folder (the Transfusion run that will use this VAE)")
      ->required();
  c->add_option("--steps", a->steps, "Steps (default 2000)")
      ->check(CLI::Range(int64_t(1), int64_t(1) << 30));
  c->add_option("--batch", a->batch, "Images per step (default 16)")
      ->check(CLI::Range(int64_t(1), int64_t(4096)));
  c->add_option("--lr", a->lr, "Adam learning rate (default 1e-3)")->check(CLI::PositiveNumber);
  c->add_option("--device", a->device, "auto | cpu | cuda | cuda:N");
  c->add_option("--precision", a->precision,
                "fp32 | bf16 | auto: the convolutions under bf16 autocast (fp32 weights, Adam "
                "state and losses); auto = bf16 where the device has it")
      ->check(CLI::IsMember({"fp32", "bf16", "auto"}))
      ->capture_default_str();
  c->footer("Then: transfusion train --preset shapes-small --data shapes --run SAME_RUN");
  return [a] { return runTrainVae(*a); };
}

const bool registeredTrainVae = tfs::cli::registerCommand("train-vae", 41, setupTrainVae);

}  // namespace
