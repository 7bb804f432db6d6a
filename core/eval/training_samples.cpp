#include "core/eval/training_samples.h"

#include <memory>

#include "core/generate/generator.h"
#include "core/generate/image_output.h"
#include "core/generate/model_bundle.h"
#include "core/train/train_session.h"

namespace tfs {

void attachTrainingSamples(TrainSession& session, int64_t prompts, int64_t steps) {
  if (session.trainConfig().sampleEvery <= 0 || prompts <= 0) return;
  auto texts = session.samplePrompts(prompts);
  if (texts.empty()) return;
  auto bundle = ModelBundle::fromModules(session.modelConfig(), session.trainer().inferenceModel(),
                                         session.tokenizer(), session.vae(), session.run().root());
  auto gen = std::make_shared<Generator>(bundle);
  GenerateOptions go;
  go.image.steps = steps;
  go.image.previewEvery = 0;
  session.trainer().setSampleHook([gen, texts, go](int64_t step, const std::string& dir) {
    return writeTrainingSamples(*gen, texts, step, dir, go);
  });
}

}  // namespace tfs
