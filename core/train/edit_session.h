#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>

#include "core/data/data_source.h"
#include "core/model/vae.h"
#include "core/text/tokenizer.h"
#include "core/train/batch_builder.h"
#include "core/train/latent_cache.h"
#include "core/train/run_lock.h"
#include "core/train/trainer.h"

namespace tfs {

// What `transfusion finetune-edit` (and the studio's Edit page) asks for.
struct EditSessionOptions {
  std::string baseRun;  // a trained run: its config, tokenizer, VAE and inference weights
  std::string runDir;   // the fine-tune's own run folder (new, or resumed)
  std::string data = "shapes-edit";  // an editing data spec
  std::optional<int64_t> steps;
  std::optional<std::string> device;
  nlohmann::json trainOverrides = nlohmann::json::object();  // merged over the train config
  bool resume = false;
  ResumeOptions resumeOptions;  // --resume-from STEP, --rebuild-ema (used when resume is set)
};

// Instruction-editing fine-tune (the Transfusion paper, §4.5: on 8k public editing examples):
// starts from the base run's weights and trains on [image] instruction [BOI] output-image
// documents. The new run holds a copy of the base's tokenizer and VAE, so it is a complete run of
// its own.
class EditSession {
 public:
  explicit EditSession(const EditSessionOptions& options);
  ~EditSession();
  Trainer& trainer() { return *trainer_; }
  const ModelConfig& modelConfig() const { return model_; }
  const TrainConfig& trainConfig() const { return train_; }
  const Tokenizer& tokenizer() const { return *tok_; }
  const RunDir& run() const { return run_; }
  VAE vae() const { return vae_; }
  bool resumed() const { return resumed_; }

 private:
  EditSessionOptions opts_;
  RunDir run_;
  std::unique_ptr<RunLock> lock_;  // the run folder's one writer
  ModelConfig model_;
  TrainConfig train_;
  std::unique_ptr<EditSource> source_;
  std::unique_ptr<Tokenizer> tok_;
  VAE vae_{nullptr};
  std::shared_ptr<LatentCache> cache_;
  std::shared_ptr<EditBatchBuilder> builder_;
  std::unique_ptr<Trainer> trainer_;
  bool resumed_ = false;
};

}  // namespace tfs
