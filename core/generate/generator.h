#pragma once

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

#include "core/data/conversation.h"
#include "core/data/document_format.h"
#include "core/generate/cancel_token.h"
#include "core/generate/decode_state.h"
#include "core/generate/generation_observer.h"
#include "core/generate/generation_request.h"
#include "core/generate/model_bundle.h"

namespace tfs {

// Interleaved text+image decoding over a loaded model (the Transfusion paper, its inference
// procedure). Text mode samples tokens with a KV cache; on BOI (sampled, or forced by the caller)
// it switches to diffusion mode: the prefix up to BOI is in the cache once, every denoising step
// runs only the image's own positions (bidirectional among them, commit = false), the clean latent
// is then committed at t = 0, EOI appended, and text mode resumes. User images enter clean through
// the VAE.
class Generator {
 public:
  explicit Generator(std::shared_ptr<ModelBundle> bundle);

  // Continues the conversation with the model's reply in the chat's turn format (dialogueLayout).
  // forceImage: the reply starts with BOI. A conversation longer than the context loses its
  // oldest turns (result.notice says so); a newest turn that cannot fit is a UsageError.
  GenerationResult reply(const Conversation& conversation, const GenerateOptions& options,
                         bool forceImage = false, GenerationObserver* observer = nullptr,
                         CancelToken* cancel = nullptr);
  // [BOS] prompt [BOI] → n images with seeds seed, seed+1, … (the prefix is computed once).
  GenerationResult textToImage(const std::string& prompt, int64_t n, const GenerateOptions& options,
                               GenerationObserver* observer = nullptr,
                               CancelToken* cancel = nullptr);
  // The same from token ids ending in BOI (benchmarks and models without a tokenizer).
  GenerationResult imagesFromTokens(const std::vector<int64_t>& prefix, int64_t n,
                                    const GenerateOptions& options,
                                    GenerationObserver* observer = nullptr,
                                    CancelToken* cancel = nullptr);
  // [BOS] [BOI] image (clean) [EOI] → text until EOS.
  GenerationResult caption(const torch::Tensor& image, const GenerateOptions& options,
                           GenerationObserver* observer = nullptr, CancelToken* cancel = nullptr);
  // [BOS] [BOI] input [EOI] instruction [BOI] → output image.
  GenerationResult edit(const torch::Tensor& input, const std::string& instruction,
                        const GenerateOptions& options, GenerationObserver* observer = nullptr,
                        CancelToken* cancel = nullptr);

  ModelBundle& bundle() { return *bundle_; }

  // Lower-level, for tests and benchmarks: a state holding a layout's items (core/data/
  // document_format.h); image slot k is images[k], entered clean.
  DecodeState prefillItems(const std::vector<int64_t>& items,
                           const std::vector<torch::Tensor>& images, bool useCache,
                           torch::Tensor* lastHidden = nullptr);
  // The conversation as reply() sees it: the oldest turns dropped to fit the context.
  FittedConversation fit(const Conversation& conversation, bool forceImage) const;
  // The items reply() feeds the model for this (fitted) conversation: its dialogueLayout with the
  // model's turn opened.
  DialogueItems replyPrompt(const Conversation& fitted) const;
  static std::vector<torch::Tensor> conversationImages(const Conversation& conversation);
  DecodeState prefillTokens(const std::vector<int64_t>& tokens, bool useCache,
                            torch::Tensor* lastHidden = nullptr);
  // ε̂ for x_t of the image opened at the end of cond (and of uncond when given: CFG batch).
  torch::Tensor predictEps(DecodeState& state, int64_t imageId, const torch::Tensor& x, int64_t t,
                           double cfgScale);

 private:
  struct ImageRun {
    torch::Tensor latent;  // [1, C, h, w] clean latent (undefined when skipped or stopped)
    int64_t imageId = 0;
    bool skipped = false, stopped = false;
  };
  // Classifier-free guidance's unconditional prompt: layout items up to the image's BOI and the
  // images its slots stand for (the edit's input image; none for text-to-image).
  struct UncondPrompt {
    std::vector<int64_t> items;
    std::vector<torch::Tensor> images;
  };
  // Denoises one image after cond's BOI, guided against `uncond`. Several seeds: that many
  // images of the same prompt in one batch (latent [N, C, h, w]). start: a clean latent
  // [1, C, h, w] to begin from, noised (options.image.editStrength < 1: SDEdit).
  ImageRun diffuse(DecodeState& cond, const UncondPrompt& uncond, const GenerateOptions& options,
                   const std::vector<uint64_t>& seeds, int64_t imageIndex,
                   GenerationObserver* observer, CancelToken* cancel,
                   const torch::Tensor& start = {});
  // Commits a clean latent (t = 0) and EOI; returns EOI's hidden state [1, D].
  torch::Tensor commitImage(DecodeState& state, const torch::Tensor& latent, int64_t imageId);
  GeneratedImage finishImage(const torch::Tensor& latent, uint64_t seed, int64_t index);
  UncondPrompt uncondTokens(const GenerateOptions& options) const;
  // The text loop from a state whose last hidden state is given.
  void decodeLoop(DecodeState& state, torch::Tensor lastHidden, const GenerateOptions& options,
                  bool forceImage, std::vector<int64_t> extraBanned, GenerationResult& result,
                  GenerationObserver* observer, CancelToken* cancel);

  std::shared_ptr<ModelBundle> bundle_;
};

}  // namespace tfs
