#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>

#include "app/cli/command.h"
#include "core/base/error.h"
#include "core/data/data_spec.h"
#include "core/data/image_io.h"

namespace {

struct DataOptions {
  std::string spec;
  int n = 8;
  int64_t statsN = 1000;
  std::string out = "data-preview";
  int size = 64;
  int channels = 3;
  uint64_t seed = 0;
  bool shuffle = false;
};

tfs::SourceOptions sourceOptions(const DataOptions& o) {
  tfs::SourceOptions s;
  s.imageSize = o.size;
  s.channels = o.channels;
  s.seed = o.seed;
  s.shuffle = o.shuffle;
  return s;
}

void writeText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw tfs::IoError("cannot write '" + path.string() + "'");
  out << text << "\n";
}

std::string oneLine(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  if (s.size() > 100) s = s.substr(0, 97) + "...";
  return s;
}

int runPreview(const DataOptions& o) {
  namespace fs = std::filesystem;
  auto spec = tfs::parseDataSpec(o.spec);
  fs::create_directories(o.out);
  int written = 0;
  if (spec.isEdit()) {
    auto src = tfs::makeEditSource(spec, sourceOptions(o));
    std::cout << "source: " << src->describe() << "\n";
    for (; written < o.n; ++written) {
      auto e = src->next();
      if (!e) break;
      const std::string stem = (fs::path(o.out) / std::to_string(written)).string();
      tfs::savePng(e->input, stem + "-input.png", {{"instruction", e->instruction}});
      tfs::savePng(e->output, stem + "-output.png", {{"instruction", e->instruction}});
      writeText(stem + ".txt", e->instruction);
      std::cout << "  " << written << "  " << e->id << "  " << oneLine(e->instruction) << "\n";
    }
    std::cout << "wrote " << written << " editing triplets to " << o.out << "\n";
    return 0;
  }
  auto src = tfs::makeExampleSource(spec, sourceOptions(o));
  std::cout << "source: " << src->describe() << "\n";
  for (; written < o.n; ++written) {
    auto e = src->next();
    if (!e) break;
    const std::string stem = (fs::path(o.out) / std::to_string(written)).string();
    if (e->image.defined()) tfs::savePng(e->image, stem + ".png", {{"caption", e->text}});
    writeText(stem + ".txt", e->text);
    std::cout << "  " << written << "  " << e->id << "  " << oneLine(e->text) << "\n";
  }
  std::cout << "wrote " << written << " examples to " << o.out
            << (written < o.n ? " (the source ended early)" : "") << "\n"
            << "skipped: " << src->skipped().summary() << "\n";
  return 0;
}

int runStats(const DataOptions& o) {
  auto spec = tfs::parseDataSpec(o.spec);
  const auto start = std::chrono::steady_clock::now();
  int64_t count = 0, images = 0, chars = 0, minChars = INT64_MAX, maxChars = 0, words = 0;
  double pixelSum = 0, pixelSq = 0, pixels = 0;
  std::map<int64_t, int64_t> labels;
  std::string description;
  tfs::SkipStats skipped;
  auto addText = [&](const std::string& t) {
    chars += int64_t(t.size());
    minChars = std::min<int64_t>(minChars, int64_t(t.size()));
    maxChars = std::max<int64_t>(maxChars, int64_t(t.size()));
    bool inWord = false;
    for (char c : t) {
      bool ws = std::isspace(uint8_t(c));
      if (!ws && !inWord) ++words;
      inWord = !ws;
    }
  };
  auto addImage = [&](const torch::Tensor& img) {
    ++images;
    pixelSum += img.sum().item<double>();
    pixelSq += img.square().sum().item<double>();
    pixels += double(img.numel());
  };
  if (spec.isEdit()) {
    auto src = tfs::makeEditSource(spec, sourceOptions(o));
    description = src->describe();
    for (; count < o.statsN; ++count) {
      auto e = src->next();
      if (!e) break;
      addText(e->instruction);
      addImage(e->input);
      addImage(e->output);
    }
    skipped = src->skipped();
  } else {
    auto src = tfs::makeExampleSource(spec, sourceOptions(o));
    description = src->describe();
    for (; count < o.statsN; ++count) {
      auto e = src->next();
      if (!e) break;
      addText(e->text);
      if (e->image.defined()) addImage(e->image);
      if (e->label >= 0) ++labels[e->label];
    }
    skipped = src->skipped();
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "source:    " << description << "\n"
            << "examples:  " << count << (count < o.statsN ? " (the source ended)" : "") << "\n"
            << "images:    " << images << "\n";
  if (count > 0)
    std::cout << "text:      " << std::fixed << std::setprecision(1) << double(chars) / count
              << " chars on average (min " << minChars << ", max " << maxChars << "), "
              << double(words) / count << " words\n";
  if (pixels > 0) {
    const double mean = pixelSum / pixels;
    std::cout << "pixels:    mean " << std::setprecision(3) << mean << ", std "
              << std::sqrt(std::max(0.0, pixelSq / pixels - mean * mean)) << " (range -1..1)\n";
  }
  if (!labels.empty()) {
    std::cout << "labels:   ";
    for (const auto& [l, c] : labels) std::cout << " " << l << ":" << c;
    std::cout << "\n";
  }
  std::cout << "skipped:   " << skipped.summary() << "\n"
            << "speed:     " << std::setprecision(1) << (secs > 0 ? double(count) / secs : 0.0)
            << " examples/s\n";
  return 0;
}

tfs::cli::Run setupData(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto opts = std::make_shared<DataOptions>();
  auto* data = app.add_subcommand("data", "Look at a data source: preview examples, statistics");
  data->require_subcommand(1, 1);
  data->footer(tfs::dataSpecHelp());
  auto common = [&](CLI::App* sub) {
    sub->add_option("spec", opts->spec, "Data spec, e.g. fmnist:train, shapes:7, folder:PATH")
        ->required();
    sub->add_option("--size", opts->size, "Image size")
        ->check(CLI::Range(8, 4096))
        ->capture_default_str();
    sub->add_option("--channels", opts->channels, "Image channels (1 or 3)")
        ->check(CLI::IsMember({1, 3}))
        ->capture_default_str();
    sub->add_option("--seed", opts->seed, "Seed for generators, captions and shuffling")
        ->capture_default_str();
    sub->add_flag("--shuffle", opts->shuffle, "Shuffle through a buffer");
  };
  auto* preview = data->add_subcommand("preview", "Write N examples as PNG + caption files");
  common(preview);
  preview->add_option("--n", opts->n, "How many examples")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  preview->add_option("--out", opts->out, "Output folder")->capture_default_str();
  auto* stats = data->add_subcommand("stats", "Statistics over the first N examples");
  common(stats);
  stats->add_option("--n", opts->statsN, "How many examples")
      ->check(CLI::Range(int64_t(1), int64_t(100000000)))
      ->capture_default_str();
  return [opts, preview]() { return preview->parsed() ? runPreview(*opts) : runStats(*opts); };
}

const bool registeredData = tfs::cli::registerCommand("data", 30, setupData);

}  // namespace
