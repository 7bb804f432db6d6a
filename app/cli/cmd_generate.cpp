#include <filesystem>
#include <iostream>
#include <memory>

#include "app/cli/command.h"
#include "app/cli/generation_cli.h"
#include "core/base/error.h"
#include "core/generate/image_output.h"
#include "core/generate/png_params.h"

namespace {

namespace fs = std::filesystem;
using tfs::cli::GenArgs;

struct GenerateArgs {
  GenArgs g;
  std::string prompt, out = "out", from;
  int64_t n = 1;
  int64_t batch = 0;
};

std::string outPath(const std::string& out, const std::string& stem, int64_t k, int64_t n) {
  // --out a.png names the file (a-1.png … for several); anything else is a folder.
  fs::path p(out);
  if (p.extension() == ".png") {
    if (n == 1) return p.string();
    return (p.parent_path() / (p.stem().string() + "-" + std::to_string(k + 1) + ".png")).string();
  }
  return (p / (stem + "-" + std::to_string(k + 1) + ".png")).string();
}

std::string slug(const std::string& text) {
  std::string s;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      s += char(std::tolower(static_cast<unsigned char>(c)));
    else if (!s.empty() && s.back() != '-')
      s += '-';
    if (s.size() >= 40) break;
  }
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s.empty() ? "image" : s;
}

// --from FILE.png: the sampler settings, precision and run stored in it, where the command line
// does not say otherwise. A run that is no longer there is an error, not a silent switch to the
// shipped model.
void applyParams(const tfs::ImageParams& p, const std::string& from, const CLI::App& cmd,
                 tfs::cli::GenArgs& g) {
  if (cmd.count("--steps") == 0) g.steps = p.steps;
  if (cmd.count("--sampler") == 0) g.sampler = p.sampler;
  if (cmd.count("--cfg") == 0) g.cfg = p.cfgScale;
  if (cmd.count("--seed") == 0) g.seed = p.seed;
  if (cmd.count("--precision") == 0 && p.extra.count("Precision"))
    g.precision = p.extra.at("Precision");
  if (g.run.empty() && !p.run.empty()) {
    if (!fs::exists(p.run))
      throw tfs::UsageError(from + " was made by the run " + p.run +
                            ", which is not here: pass --run DIR to re-run it with another "
                            "model (the pixels will differ)");
    g.run = p.run;
  }
}

int runGenerate(GenerateArgs a, CLI::App* cmd) {
  if (!a.from.empty()) {
    // Re-run from a PNG's parameters; options given on the command line win.
    auto p = tfs::readPngParameters(a.from);
    if (p.mode == "edit")
      throw tfs::UsageError(a.from + " is an edit; re-run it with `transfusion edit --from " +
                            a.from + "`");
    if (a.prompt.empty()) a.prompt = p.prompt;
    applyParams(p, a.from, *cmd, a.g);
    if (cmd->count("--negative") == 0) a.g.negative = p.negativePrompt;
    std::cout << "re-running \"" << a.prompt << "\" (" << a.g.sampler << ", " << a.g.steps
              << " steps, CFG " << a.g.cfg << ", seed " << a.g.seed << ")\n";
  }
  if (a.prompt.empty()) throw tfs::UsageError("give --prompt \"…\" (or --from IMAGE.png)");
  auto bundle = tfs::cli::loadBundle(a.g);
  tfs::Generator gen(bundle);
  auto opts = tfs::cli::generateOptions(a.g);
  // The images of one prompt are denoised together (0 = all of them, at most 32 at a time).
  opts.image.batch = a.batch > 0 ? a.batch : std::min<int64_t>(a.n, 32);
  tfs::CancelToken cancel;
  tfs::cli::CancelOnInterrupt interrupt(cancel);
  tfs::cli::CliGenerationObserver obs(false);
  auto r = gen.textToImage(a.prompt, a.n, opts, a.g.quiet ? nullptr : &obs, &cancel);
  for (const auto& img : r.images) {
    const auto path = outPath(a.out, slug(a.prompt), img.index, a.n);
    tfs::saveImageWithParams(img.image, tfs::imageParams(*bundle, a.prompt, opts, img.seed), path);
    std::cout << "wrote " << path << " (seed " << img.seed << ")\n";
  }
  std::printf("%zu image(s) in %.2f s (%.2f images/s)%s\n", r.images.size(), r.seconds,
              r.seconds > 0 ? double(r.images.size()) / r.seconds : 0.0,
              r.reason == tfs::FinishReason::Cancelled ? ", stopped early" : "");
  return r.images.empty() && a.n > 0 ? 1 : 0;
}

tfs::cli::Run setupGenerate(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto a = std::make_shared<GenerateArgs>();
  auto* c = app.add_subcommand("generate", "Text to image: denoise N images for a prompt");
  c->add_option("--prompt,-p", a->prompt, "What to draw, e.g. \"a photo of a sneaker\"");
  c->add_option("--batch", a->batch,
                "Images denoised together (default 0: all --n of them, at most 32; 1 = one by one; "
                "the pixels are the same either way)")
      ->check(CLI::Range(int64_t(0), int64_t(256)));
  c->add_option("--n", a->n, "How many images (seeds seed, seed+1, …)")
      ->check(CLI::Range(int64_t(1), int64_t(1000)))
      ->capture_default_str();
  c->add_option("--out,-o", a->out, "Folder for the PNGs, or a file name ending in .png")
      ->capture_default_str();
  c->add_option("--from", a->from, "Re-run the parameters stored in a PNG this tool made");
  tfs::cli::addModelOptions(c, a->g);
  tfs::cli::addImageOptions(c, a->g);
  c->footer(
      "Every PNG carries its parameters (prompt, seed, sampler, steps, CFG, model, run);\n"
      "`transfusion generate --from FILE.png` makes the same pixels again.\n"
      "Ctrl-C: stop after the current image; twice: stop now.");
  return [a, c] { return runGenerate(*a, c); };
}

struct CaptionArgs {
  GenArgs g;
  std::vector<std::string> images;
};

int runCaption(const CaptionArgs& a) {
  auto bundle = tfs::cli::loadBundle(a.g);
  tfs::Generator gen(bundle);
  auto opts = tfs::cli::generateOptions(a.g);
  int failures = 0;
  for (const auto& path : a.images) {
    try {
      auto img = bundle->loadImageFile(path);
      auto r = gen.caption(img, opts);
      std::cout << path << "\t" << r.text << std::endl;
    } catch (const tfs::Error& e) {
      // Image errors name the file already; others get it in front.
      const std::string msg = e.what();
      std::cerr << "error: " << (msg.find(path) != std::string::npos ? "" : path + ": ") << msg
                << "\n";
      ++failures;
    }
  }
  return failures ? 1 : 0;
}

tfs::cli::Run setupCaption(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto a = std::make_shared<CaptionArgs>();
  auto* c = app.add_subcommand("caption",
                               "Image to text: the image first (clean), then decode a caption");
  c->add_option("images", a->images, "Image files (PNG, JPEG, …)")->required();
  tfs::cli::addModelOptions(c, a->g);
  tfs::cli::addTextOptions(c, a->g);
  return [a] { return runCaption(*a); };
}

struct EditArgs {
  GenArgs g;
  std::string image, instruction, out, from;
};

int runGenerateEdit(EditArgs a, CLI::App* cmd) {
  if (!a.from.empty()) {
    auto p = tfs::readPngParameters(a.from);
    if (p.mode != "edit") throw tfs::UsageError(a.from + " is not an edit result");
    if (a.instruction.empty()) a.instruction = p.prompt;
    if (a.image.empty()) a.image = p.input;
    applyParams(p, a.from, *cmd, a.g);
  }
  if (a.image.empty()) throw tfs::UsageError("give --image IN.png");
  if (a.instruction.empty())
    throw tfs::UsageError("give --instruction \"…\", e.g. \"make the circle green\"");
  auto bundle = tfs::cli::loadBundle(a.g, tfs::ModelUse::Edit);
  auto input = bundle->loadImageFile(a.image);
  tfs::Generator gen(bundle);
  auto opts = tfs::cli::generateOptions(a.g, tfs::ModelUse::Edit);
  tfs::CancelToken cancel;
  tfs::cli::CancelOnInterrupt interrupt(cancel);
  tfs::cli::CliGenerationObserver obs(false);
  auto r = gen.edit(input, a.instruction, opts, a.g.quiet ? nullptr : &obs, &cancel);
  if (r.images.empty()) throw tfs::Cancelled("the edit was stopped before its image was done");
  std::string out = a.out;
  if (out.empty())
    out = (fs::path(a.image).parent_path() / (fs::path(a.image).stem().string() + "-edited.png"))
              .string();
  auto params = tfs::imageParams(*bundle, a.instruction, opts, opts.seed, "edit");
  params.input = a.image;
  tfs::saveImageWithParams(r.images[0].image, params, out);
  std::printf("wrote %s (%.2f s)\n", out.c_str(), r.seconds);
  return 0;
}

tfs::cli::Run setupEdit(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto a = std::make_shared<EditArgs>();
  auto* c =
      app.add_subcommand("edit", "Instruction-based image editing: image + instruction → image");
  c->add_option("--image,-i", a->image, "The image to edit");
  c->add_option("--instruction", a->instruction, "What to change, e.g. \"make the circle green\"");
  c->add_option("--out,-o", a->out, "Output PNG (default: IN-edited.png beside the input)");
  c->add_option("--from", a->from, "Re-run the edit stored in a PNG this tool made");
  tfs::cli::addModelOptions(c, a->g);
  tfs::cli::addImageOptions(c, a->g);
  tfs::cli::addEditOptions(c, a->g);
  c->footer(
      "Without --run: the shipped editing model (resources/models/shapes-edit: 32x32 shapes; "
      "recolour, move, resize, remove, add). Your own: train one with "
      "scripts/make_edit_model.sh, or fine-tune a run with `transfusion finetune-edit --base RUN "
      "--run RUN-edit`.");
  return [a, c] { return runGenerateEdit(*a, c); };
}

const bool registeredGenerate = tfs::cli::registerCommand("generate", 50, setupGenerate);
const bool registeredCaption = tfs::cli::registerCommand("caption", 51, setupCaption);
const bool registeredEdit = tfs::cli::registerCommand("edit", 52, setupEdit);

}  // namespace
