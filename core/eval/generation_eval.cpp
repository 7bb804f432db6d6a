#include "core/eval/generation_eval.h"

#include "core/base/error.h"
#include "core/data/data_source.h"

namespace tfs {

void requireShapesModel(const ModelBundle& bundle, const std::string& what) {
  const auto& c = bundle.config();
  if (c.imageChannels != 3 || c.imageSize < 16)
    throw DataError(what + " needs a model of the shapes world (RGB images); " +
                    bundle.modelName() + " makes " + std::to_string(c.imageChannels) + "-channel " +
                    std::to_string(c.imageSize) + "×" + std::to_string(c.imageSize) +
                    " images. Train one on shapes data, e.g. with the shapes-demo preset");
}

ShapesEvalReport runShapesEval(Generator& generator, const std::vector<ShapesPrompt>& prompts,
                               int64_t imagesPerPrompt, const GenerateOptions& options,
                               const std::function<void(int64_t, int64_t)>& onImage) {
  if (prompts.empty() || imagesPerPrompt < 1)
    throw UsageError("ShapesEval needs at least one prompt and one image per prompt");
  ShapesEvaluator eval;
  const int64_t total = int64_t(prompts.size()) * imagesPerPrompt;
  int64_t done = 0;
  for (size_t i = 0; i < prompts.size(); ++i) {
    GenerateOptions g = options;
    g.seed = options.seed + uint64_t(i) * uint64_t(imagesPerPrompt);
    auto out = generator.textToImage(prompts[i].text, imagesPerPrompt, g);
    for (const auto& im : out.images) eval.add(prompts[i], checkShapesImage(prompts[i], im.image));
    done += imagesPerPrompt;
    if (onImage) onImage(done, total);
  }
  return eval.report();
}

EditAccuracy runEditEval(Generator& generator, uint64_t seed, int64_t n,
                         const GenerateOptions& options, std::vector<std::string>* failures,
                         const std::function<void(int64_t, int64_t)>& onImage) {
  if (n < 1) throw UsageError("editing accuracy needs at least one edit (n >= 1)", "n");
  const int size = int(generator.bundle().config().imageSize);
  EditAccuracy acc;
  for (int64_t i = 0; i < n; ++i) {
    const ShapeEdit e = randomEdit(mixSeed(seed, uint64_t(i)), size);
    GenerateOptions g = options;
    g.seed = options.seed + uint64_t(i);
    auto out = generator.edit(renderScene(e.input), e.instruction, g);
    if (out.images.empty())
      throw Error("the model returned no image for \"" + e.instruction + "\"");
    const EditCheck c = checkEdit(e, out.images[0].image);
    acc.add(c);
    acc.addKeptPsnr(keptRegionPsnr(e, out.images[0].image));
    acc.addOp(editOpName(e.op), c.ok);
    if (!c.ok && failures && failures->size() < 10)
      failures->push_back(e.instruction + ": " + c.reason);
    if (onImage) onImage(i + 1, n);
  }
  return acc;
}

}  // namespace tfs
