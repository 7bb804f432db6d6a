#include "core/generate/image_output.h"

#include <cstdio>
#include <filesystem>

#include "core/base/error.h"
#include "core/data/image_io.h"

namespace tfs {

namespace fs = std::filesystem;

ImageParams imageParams(const ModelBundle& bundle, const std::string& prompt,
                        const GenerateOptions& options, uint64_t seed, const std::string& mode) {
  ImageParams p;
  p.prompt = prompt;
  p.negativePrompt = options.image.negativePrompt;
  p.steps = options.image.steps;
  p.sampler = options.image.sampler;
  p.cfgScale = options.image.cfgScale;
  p.seed = seed;
  p.width = p.height = bundle.config().imageSize;
  p.model = bundle.modelName();
  p.run = bundle.runDir();
  p.mode = mode;
  if (bundle.precision() != Precision::Fp32)
    p.extra["Precision"] = precisionName(bundle.precision());
  if (options.image.sampler == "ddim" && options.image.eta != 0.0)
    p.extra["Eta"] = std::to_string(options.image.eta);
  return p;
}

void saveImageWithParams(const torch::Tensor& image, const ImageParams& params,
                         const std::string& path) {
  const auto parent = fs::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) throw IoError("cannot create folder " + parent.string() + ": " + ec.message());
  }
  savePng(image, path, {{kPngParamsKey, formatParameters(params)}});
}

torch::Tensor tileImages(const std::vector<torch::Tensor>& images, int64_t columns) {
  if (images.empty()) throw UsageError("tileImages: no images");
  const auto c = images[0].size(0), h = images[0].size(1), w = images[0].size(2);
  columns = std::max<int64_t>(1, std::min<int64_t>(columns, int64_t(images.size())));
  const int64_t rows = (int64_t(images.size()) + columns - 1) / columns, gap = 2;
  auto out = torch::full({c, rows * h + (rows - 1) * gap, columns * w + (columns - 1) * gap}, -1.0);
  for (size_t k = 0; k < images.size(); ++k) {
    const int64_t r = int64_t(k) / columns, col = int64_t(k) % columns;
    out.narrow(1, r * (h + gap), h)
        .narrow(2, col * (w + gap), w)
        .copy_(images[k].to(torch::kCPU, torch::kFloat32));
  }
  return out;
}

std::vector<std::string> writeTrainingSamples(Generator& generator,
                                              const std::vector<std::string>& prompts, int64_t step,
                                              const std::string& samplesDir,
                                              const GenerateOptions& options) {
  std::vector<std::string> paths;
  if (prompts.empty()) return paths;
  auto& model = generator.bundle().model();
  const bool wasTraining = model->is_training();
  model->eval();
  char stem[64];
  std::snprintf(stem, sizeof stem, "step-%07lld", static_cast<long long>(step));
  std::vector<torch::Tensor> row;
  try {
    for (size_t k = 0; k < prompts.size(); ++k) {
      GenerateOptions o = options;
      o.seed = k;
      auto r = generator.textToImage(prompts[k], 1, o);
      if (r.images.empty()) continue;
      const auto path =
          (fs::path(samplesDir) / (std::string(stem) + "-" + std::to_string(k) + ".png")).string();
      saveImageWithParams(r.images[0].image, imageParams(generator.bundle(), prompts[k], o, o.seed),
                          path);
      paths.push_back(path);
      row.push_back(r.images[0].image);
    }
    if (!row.empty()) {
      const auto path = (fs::path(samplesDir) / (std::string(stem) + ".png")).string();
      savePng(tileImages(row, int64_t(row.size())), path);
      paths.push_back(path);
    }
  } catch (...) {
    if (wasTraining) model->train();
    throw;
  }
  if (wasTraining) model->train();
  return paths;
}

}  // namespace tfs
