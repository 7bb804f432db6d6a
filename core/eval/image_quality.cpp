#include "core/eval/image_quality.h"

#include "core/base/error.h"
#include "core/eval/frechet.h"

namespace tfs {

namespace {

torch::Tensor resizeTo(const torch::Tensor& x, int64_t size) {
  if (x.size(-1) == size && x.size(-2) == size) return x;
  namespace F = torch::nn::functional;
  return F::interpolate(x, F::InterpolateFuncOptions()
                               .size(std::vector<int64_t>{size, size})
                               .mode(torch::kBilinear)
                               .align_corners(false));
}

}  // namespace

torch::Tensor toClassifierInput(const torch::Tensor& images, int64_t modelSize,
                                const FeatureClassifierConfig& classifier) {
  if (images.dim() != 4)
    throw DataError("expected images [N, C, H, W], got " + std::to_string(images.dim()) + " dims");
  auto x = resizeTo(resizeTo(images.to(torch::kFloat), modelSize), classifier.imageSize);
  if (x.size(1) != classifier.channels) {
    if (classifier.channels == 1)
      x = x.mean(1, true);
    else if (x.size(1) == 1)
      x = x.repeat({1, classifier.channels, 1, 1});
    else
      throw DataError("cannot map " + std::to_string(x.size(1)) + "-channel images to the " +
                      std::to_string(classifier.channels) + "-channel classifier");
  }
  return x.clamp(-1, 1);
}

nlohmann::json ImageQualityResult::toJson() const {
  return {{"metric", label},
          {"frechet", frechet},
          {"frechet_real_floor", frechetRealHalves},
          {"class_accuracy", classAccuracy},
          {"classifier_real_accuracy", realAccuracy},
          {"per_class_accuracy", perClassAccuracy},
          {"generated", generated},
          {"real", real},
          {"note", "not COCO FID: features of a classifier trained here on the data set's labels"}};
}

ImageQualityResult evaluateImageQuality(Generator& generator, FeatureClassifier& classifier,
                                        const LabelledImages& real,
                                        const ImageQualityOptions& opts) {
  const auto& cc = classifier->config();
  const int64_t classes = cc.classes;
  if (!opts.prompt) throw UsageError("image quality needs a class → prompt rule");
  if (opts.n < classes)
    throw UsageError("the sample count n must be at least the number of classes (" +
                         std::to_string(classes) + ") so every class gets an image",
                     "n");
  if (real.size() < 4) throw DataError("image quality needs at least 4 real images");
  const int64_t modelSize = generator.bundle().config().imageSize;
  ImageQualityResult r;
  r.label = frechetLabel(cc.extractorName());
  // Generated: n spread evenly over classes; each class's images share one prefix computation.
  std::vector<torch::Tensor> images;
  std::vector<int64_t> labels;
  int64_t done = 0;
  for (int64_t c = 0; c < classes; ++c) {
    const int64_t k = opts.n / classes + (c < opts.n % classes ? 1 : 0);
    const int64_t perPrompt = 4;  // a few prompt phrasings per class
    for (int64_t start = 0; start < k; start += perPrompt) {
      const int64_t m = std::min(perPrompt, k - start);
      GenerateOptions g = opts.generate;
      g.seed = opts.generate.seed + uint64_t(c * 100003 + start);
      auto out = generator.textToImage(opts.prompt(c, uint64_t(start / perPrompt)), m, g);
      for (auto& im : out.images) {
        images.push_back(im.image);
        labels.push_back(c);
      }
      done += m;
      if (opts.onImage) opts.onImage(done, opts.n);
    }
  }
  if (images.size() < 2) throw Error("the model produced fewer than 2 images");
  auto gen = toClassifierInput(torch::stack(images), modelSize, cc);
  auto genLabels = torch::tensor(labels, torch::kInt64);
  const int64_t nReal = std::min(opts.realImages, real.size());
  auto realX = toClassifierInput(real.images.slice(0, 0, nReal), modelSize, cc);
  auto realY = real.labels.slice(0, 0, nReal);

  auto genFeat = classifierFeatures(classifier, gen);
  auto realFeat = classifierFeatures(classifier, realX);
  r.frechet = frechetDistance(genFeat, realFeat);
  // The floor at this sample size: as many real images as were generated vs the remaining ones.
  const int64_t m = std::min<int64_t>(gen.size(0), nReal / 2);
  r.frechetRealHalves = frechetDistance(realFeat.slice(0, 0, m), realFeat.slice(0, m));
  auto pred = classifierPredict(classifier, gen);
  r.classAccuracy = pred.eq(genLabels).to(torch::kDouble).mean().item<double>();
  r.realAccuracy =
      classifierPredict(classifier, realX).eq(realY).to(torch::kDouble).mean().item<double>();
  for (int64_t c = 0; c < classes; ++c) {
    auto sel = genLabels.eq(c);
    const auto cnt = sel.sum().item<int64_t>();
    r.perClassAccuracy.push_back(
        cnt ? pred.masked_select(sel).eq(c).to(torch::kDouble).mean().item<double>() : 0.0);
  }
  r.generated = gen.size(0);
  r.real = nReal;
  return r;
}

}  // namespace tfs
