#include "core/generate/generator.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>

#include "core/base/error.h"
#include "core/base/precision.h"
#include "core/data/document_format.h"
#include "core/generate/cfg.h"
#include "core/generate/sampler.h"
#include "core/generate/token_sampler.h"

namespace tfs {
namespace {

void warnNoisyImages(GenerationResult& result) {
  for (const auto& img : result.images)
    if (highFrequencyRatio(img.image) > kNoiseRatio)
      result.warnings.push_back("image " + std::to_string(img.index + 1) +
                                " is mostly noise: this model cannot draw it (is it trained for "
                                "this task?)");
}

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Text decoding draws from its own stream so adding an image does not shift the token draws.
constexpr uint64_t kTextSeedSalt = 0x9E3779B97F4A7C15ULL;

torch::Tensor lastRow(const torch::Tensor& h) {
  return h.select(1, h.size(1) - 1);  // [B, D]
}

}  // namespace

Generator::Generator(std::shared_ptr<ModelBundle> bundle) : bundle_(std::move(bundle)) {
  if (!bundle_) throw Error("generator needs a loaded model");
}

DecodeState Generator::prefillTokens(const std::vector<int64_t>& tokens, bool useCache,
                                     torch::Tensor* lastHidden) {
  torch::NoGradGuard ng;
  AutocastScope autocast(bundle_->device(), bundle_->precision());
  DecodeState st(bundle_->model(), 1, useCache);
  auto h = st.runTokens(torch::tensor(tokens, torch::kInt64).unsqueeze(0), true);
  if (lastHidden) *lastHidden = lastRow(h);
  return st;
}

DecodeState Generator::prefillItems(const std::vector<int64_t>& items,
                                    const std::vector<torch::Tensor>& images, bool useCache,
                                    torch::Tensor* lastHidden) {
  torch::NoGradGuard ng;
  AutocastScope autocast(bundle_->device(), bundle_->precision());
  DecodeState st(bundle_->model(), 1, useCache);
  std::vector<int64_t> pending;
  torch::Tensor last;
  auto flush = [&]() {
    if (pending.empty()) return;
    last = lastRow(st.runTokens(torch::tensor(pending, torch::kInt64).unsqueeze(0), true));
    pending.clear();
  };
  for (size_t i = 0; i < items.size(); ++i) {
    const int64_t v = items[i];
    if (!DocumentItems::isSlot(v)) {
      pending.push_back(v);
      continue;
    }
    const auto k = static_cast<size_t>(DocumentItems::slotImage(v));
    if (k >= images.size()) throw Error("internal: the prompt names an image it was not given");
    flush();
    auto img = bundle_->prepareImage(images[k], "image " + std::to_string(k + 1));
    // commitImage runs the clean patches and the [EOI] that follows them in the layout.
    last = commitImage(st, bundle_->imagesToLatents(img.unsqueeze(0)), st.newImageId());
    if (i + 1 < items.size() && items[i + 1] == bundle_->special().eoi) ++i;
  }
  flush();
  if (lastHidden) *lastHidden = last;
  return st;
}

DialogueItems Generator::replyPrompt(const Conversation& fitted) const {
  return dialogueLayout(
      fitted, bundle_->special(), [&](const std::string& t) { return bundle_->encode(t); }, true);
}

std::vector<torch::Tensor> Generator::conversationImages(const Conversation& conversation) {
  std::vector<torch::Tensor> images;
  for (const auto& m : conversation.messages)
    for (const auto& p : m.parts)
      if (p.isImage()) images.push_back(p.image);
  return images;
}

FittedConversation Generator::fit(const Conversation& conversation, bool forceImage) const {
  const auto& cfg = bundle_->config();
  // Room for the reply: an image (BOI + patches + EOI) when one is asked for, else a few tokens.
  const int64_t reserve = forceImage ? cfg.patchesPerImage() + 3 : 8;
  return fitConversation(
      conversation, bundle_->special(), [&](const std::string& t) { return bundle_->encode(t); },
      cfg.patchesPerImage(), cfg.maxSeqLen, reserve);
}

torch::Tensor Generator::predictEps(DecodeState& state, int64_t imageId, const torch::Tensor& x,
                                    int64_t t, double cfgScale) {
  torch::NoGradGuard ng;
  AutocastScope autocast(bundle_->device(), bundle_->precision());
  auto& model = bundle_->model();
  const int64_t b = state.rows();
  auto xd = x.to(bundle_->device(), bundle_->dtype());
  // x holds one latent per image; the state has one row per image (×2 with CFG's pair).
  auto xin = xd.size(0) == b ? xd
                             : (xd.size(0) == 1 ? xd.expand({b, -1, -1, -1}).contiguous()
                                                : torch::cat({xd, xd}, 0));
  auto tt = torch::full({b}, t, torch::TensorOptions().dtype(torch::kInt64).device(xin.device()));
  auto enc = model->encodeImages(xin, tt);
  auto h = state.run(enc.tokens, imageId, false);
  auto eps = model->decodeImages(h, enc).to(torch::kFloat32);
  return b == 2 * xd.size(0) ? combineGuidance(eps, cfgScale) : eps;
}

torch::Tensor Generator::commitImage(DecodeState& state, const torch::Tensor& latent,
                                     int64_t imageId) {
  torch::NoGradGuard ng;
  AutocastScope autocast(bundle_->device(), bundle_->precision());
  auto& model = bundle_->model();
  auto z = latent.to(bundle_->device(), bundle_->dtype());
  auto t0 =
      torch::zeros({z.size(0)}, torch::TensorOptions().dtype(torch::kInt64).device(z.device()));
  auto enc = model->encodeImages(z, t0);
  state.run(enc.tokens, imageId, true);
  auto eoi = torch::full({state.rows(), 1}, bundle_->special().eoi, torch::kInt64);
  return lastRow(state.runTokens(eoi, true));
}

GeneratedImage Generator::finishImage(const torch::Tensor& latent, uint64_t seed, int64_t index) {
  GeneratedImage g;
  g.latent = latent[0].to(torch::kCPU, torch::kFloat32);
  g.image = bundle_->latentsToImages(latent)[0].clamp(-1.0, 1.0).to(torch::kCPU);
  g.seed = seed;
  g.index = index;
  return g;
}

Generator::UncondPrompt Generator::uncondTokens(const GenerateOptions& options) const {
  // The caption-dropped layout (or the negative prompt as its caption), up to the image's BOI.
  const auto neg = options.image.negativePrompt.empty()
                       ? std::vector<int64_t>{}
                       : bundle_->encode(options.image.negativePrompt);
  return {captionFirstLayout(bundle_->special(), neg).promptForImage(0), {}};
}

Generator::ImageRun Generator::diffuse(DecodeState& cond, const UncondPrompt& uncondPrompt,
                                       const GenerateOptions& options,
                                       const std::vector<uint64_t>& seeds, int64_t imageIndex,
                                       GenerationObserver* observer, CancelToken* cancel,
                                       const torch::Tensor& start) {
  torch::NoGradGuard ng;
  AutocastScope autocast(bundle_->device(), bundle_->precision());
  const auto& cfg = bundle_->config();
  const auto& io = options.image;
  io.validate(cfg.diffusionSteps);
  const int64_t need = cond.length() + cfg.patchesPerImage() + 1;
  if (need > cfg.maxSeqLen)
    throw UsageError("the image needs " + std::to_string(need) + " positions but the model has " +
                     std::to_string(cfg.maxSeqLen) + ": shorten the prompt or the conversation");
  auto sampler = makeSampler(io.sampler, bundle_->alphaBar(), io.steps, io.eta);
  if (cfg.vaeFactor <= 1) sampler->setClipX0(cfg.latentScale);  // pixels live in [-1, 1]
  const int64_t n = static_cast<int64_t>(seeds.size());
  if (n < 1) throw Error("internal: diffuse needs at least one seed");
  std::vector<at::Generator> gens;
  for (auto seed : seeds) gens.push_back(at::detail::createCPUGenerator(seed));
  const std::vector<int64_t> shape = {1, cfg.latentChannels, cfg.latentSize(), cfg.latentSize()};
  // Noise is drawn on the CPU, each image from its own seed's stream, so a seed means the same
  // pixels on every device and in a batch of any size.
  auto noise = [&]() {
    std::vector<torch::Tensor> z;
    for (auto& g : gens) z.push_back(at::randn(shape, g, torch::kFloat32));
    return (n == 1 ? z[0] : torch::cat(z, 0)).to(bundle_->device());
  };
  auto x = noise();
  int64_t first = 0;
  if (start.defined() && io.editStrength < 1.0) {
    // SDEdit: skip the noisiest steps; x is the start latent noised to the first step kept.
    const int64_t S = sampler->steps();
    first = std::min<int64_t>(
        S - 1, static_cast<int64_t>(std::llround((1.0 - io.editStrength) * double(S))));
    const double ab = sampler->alphaBarAt(first);
    x = std::sqrt(ab) * start.to(x.device(), x.scalar_type()).expand_as(x) +
        std::sqrt(1.0 - ab) * x;
    sampler->reset();
  }

  ImageRun run;
  run.imageId = cond.newImageId();
  DecodeState* st = &cond;
  std::optional<DecodeState> batch;
  if (guidanceNeedsUnconditional(io.cfgScale)) {
    auto uncond = prefillItems(uncondPrompt.items, uncondPrompt.images, cond.usesCache());
    batch.emplace(DecodeState::stack(cond.repeat(n), uncond.repeat(n)));
    st = &*batch;
  } else if (n > 1) {
    batch.emplace(cond.repeat(n));
    st = &*batch;
  }
  const auto& preview = bundle_->preview();
  for (int64_t i = first; i < sampler->steps(); ++i) {
    if (cancel && cancel->stopNowRequested()) {
      run.stopped = true;
      return run;
    }
    if (cancel && cancel->takeSkipImage()) {
      run.skipped = true;
      return run;
    }
    auto t0 = Clock::now();
    const int64_t t = sampler->timesteps()[static_cast<size_t>(i)];
    auto eps = predictEps(*st, run.imageId, x, t, io.cfgScale);
    torch::Tensor z;
    if (sampler->stochastic() && sampler->alphaBarNext(i) < 1.0) z = noise();
    auto out = sampler->step(i, x, eps, z);
    if (observer) {
      DenoiseStepEvent ev;
      ev.image = imageIndex;
      ev.step = i;
      ev.steps = sampler->steps();
      ev.t = t;
      const bool lastStep = i + 1 == sampler->steps();
      if (io.previewEvery > 0 && (i % io.previewEvery == 0 || lastStep)) {
        ev.xtPreview = preview.toRgb(x.narrow(0, 0, 1));
        ev.x0Preview = preview.toRgb(out.x0.narrow(0, 0, 1));
      }
      if (io.decodeEvery > 0 && ((i + 1) % io.decodeEvery == 0 || lastStep))
        ev.decoded =
            bundle_->latentsToImages(out.x0.narrow(0, 0, 1))[0].clamp(-1.0, 1.0).to(torch::kCPU);
      ev.seconds = since(t0);
      observer->onStep(ev);
    }
    x = out.x;
  }
  run.latent = x;
  return run;
}

void Generator::decodeLoop(DecodeState& state, torch::Tensor lastHidden,
                           const GenerateOptions& options, bool forceImage,
                           std::vector<int64_t> extraBanned, GenerationResult& result,
                           GenerationObserver* observer, CancelToken* cancel) {
  torch::NoGradGuard ng;
  AutocastScope autocast(bundle_->device(), bundle_->precision());
  const auto& sp = bundle_->special();
  const auto& cfg = bundle_->config();
  auto& model = bundle_->model();
  TokenSampler sampler(options.text, options.seed ^ kTextSeedSalt);
  std::vector<int64_t> runIds;
  std::string runText;
  auto flushText = [&]() {
    if (!runText.empty()) {
      result.reply.parts.push_back(Part::fromText(runText));
      result.text += runText;
    }
    runIds.clear();
    runText.clear();
  };
  int64_t produced = 0, imageIndex = 0, made = 0;
  bool banBoi = false;
  result.reason = FinishReason::Eos;
  while (true) {
    if (cancel && (cancel->stopNowRequested() || cancel->stopAfterImageRequested())) {
      result.reason = FinishReason::Cancelled;
      break;
    }
    int64_t id;
    if (forceImage) {
      id = sp.boi;
      forceImage = false;
    } else {
      if (produced >= options.text.maxTokens) {
        result.reason = FinishReason::MaxTokens;
        break;
      }
      if (state.length() + 1 > cfg.maxSeqLen) {
        result.reason = FinishReason::Length;
        break;
      }
      auto logits = model->logits(lastHidden)[0].to(torch::kCPU, torch::kFloat32).clone();
      for (const auto& [tok, bias] : options.logitBias) {
        if (tok >= 0 && tok < logits.size(0)) logits[tok] += bias;
      }
      std::vector<int64_t> banned = {sp.pad, sp.bos, sp.eoi};
      banned.insert(banned.end(), extraBanned.begin(), extraBanned.end());
      const bool imageFits = state.length() + cfg.patchesPerImage() + 2 <= cfg.maxSeqLen;
      if (banBoi || made >= options.maxImages || !imageFits) banned.push_back(sp.boi);
      id = sampler.sample(logits, banned);
      banBoi = false;
      ++produced;
    }
    if (id == sp.eos) {
      result.tokens.push_back(id);
      result.reason = FinishReason::Eos;
      break;
    }
    if (id == sp.boi) {
      flushText();
      const int64_t before = state.length();
      state.runTokens(torch::full({1, 1}, sp.boi, torch::kInt64), true);
      const uint64_t seed = options.seed + static_cast<uint64_t>(imageIndex);
      auto run =
          diffuse(state, uncondTokens(options), options, {seed}, imageIndex, observer, cancel);
      if (run.stopped) {
        state.truncate(before);
        result.reason = FinishReason::Cancelled;
        break;
      }
      if (run.skipped) {
        state.truncate(before);
        ++result.skippedImages;
        if (observer) observer->onImage(ImageDoneEvent{imageIndex, {}, true});
        ++imageIndex;
        banBoi = true;  // otherwise a model that wants an image here would start it again
        continue;
      }
      lastHidden = commitImage(state, run.latent, run.imageId);
      auto img = finishImage(run.latent, seed, imageIndex);
      result.tokens.push_back(sp.boi);
      result.tokens.push_back(sp.eoi);
      result.images.push_back(img);
      result.reply.parts.push_back(Part::fromImage(img.image));
      if (observer) observer->onImage(ImageDoneEvent{imageIndex, img, false});
      ++imageIndex;
      ++made;
      continue;
    }
    result.tokens.push_back(id);
    runIds.push_back(id);
    runText = bundle_->decode(runIds);
    size_t stop = findStop(runText, options.text.stop);
    if (stop != std::string::npos) {
      runText.resize(stop);
      result.reason = FinishReason::StopString;
      break;
    }
    if (observer) observer->onToken(TokenEvent{id, bundle_->piece(id), runText});
    lastHidden = lastRow(state.runTokens(torch::full({1, 1}, id, torch::kInt64), true));
  }
  flushText();
}

GenerationResult Generator::reply(const Conversation& conversation, const GenerateOptions& options,
                                  bool forceImage, GenerationObserver* observer,
                                  CancelToken* cancel) {
  options.text.validate();
  options.image.validate(bundle_->config().diffusionSteps);
  if (conversation.empty()) throw UsageError("the conversation is empty: say something first");
  auto t0 = Clock::now();
  GenerationResult result;
  const auto fitted = fit(conversation, forceImage);
  result.droppedMessages = fitted.droppedMessages;
  result.notice = fitted.notice();
  if (!result.notice.empty()) spdlog::warn("{}", result.notice);
  const auto layout = replyPrompt(fitted.conversation);
  torch::Tensor last;
  auto st = prefillItems(layout.doc.items, conversationImages(fitted.conversation),
                         options.useKvCache, &last);
  GenerateOptions o = options;
  // A reply ends at [EOS]; a model that starts the user's next turn is stopped there too.
  o.text.stop.push_back(turnMarker(Role::User));
  decodeLoop(st, last, o, forceImage, {}, result, observer, cancel);
  if (result.reason == FinishReason::Eos &&
      result.text.find_first_not_of(" \t\r\n") == std::string::npos && result.images.empty())
    result.warnings.push_back("the model ended its reply at once: it has nothing to say to this");
  warnNoisyImages(result);
  result.seconds = since(t0);
  if (observer) observer->onFinished(result);
  return result;
}

GenerationResult Generator::textToImage(const std::string& prompt, int64_t n,
                                        const GenerateOptions& options,
                                        GenerationObserver* observer, CancelToken* cancel) {
  if (prompt.find_first_not_of(" \t\r\n") == std::string::npos)
    throw UsageError("the prompt is empty: describe the image to generate");
  const auto tokens =
      captionFirstLayout(bundle_->special(), bundle_->encode(prompt)).promptForImage(0);
  return imagesFromTokens(tokens, n, options, observer, cancel);
}

GenerationResult Generator::imagesFromTokens(const std::vector<int64_t>& prefix, int64_t n,
                                             const GenerateOptions& options,
                                             GenerationObserver* observer, CancelToken* cancel) {
  options.image.validate(bundle_->config().diffusionSteps);
  if (n < 1) throw UsageError("the number of images must be at least 1");
  if (prefix.empty() || prefix.back() != bundle_->special().boi)
    throw UsageError("an image prompt must end with BOI");
  auto t0 = Clock::now();
  auto st = prefillTokens(prefix, options.useKvCache);
  GenerationResult result;
  result.reason = FinishReason::ImageDone;
  const auto uncond = uncondTokens(options);
  const int64_t per = std::max<int64_t>(1, options.image.batch);
  for (int64_t k = 0; k < n; k += per) {
    if (cancel && (cancel->stopNowRequested() || cancel->stopAfterImageRequested())) {
      result.reason = FinishReason::Cancelled;
      break;
    }
    const int64_t m = std::min(per, n - k);
    std::vector<uint64_t> seeds;
    for (int64_t j = 0; j < m; ++j) seeds.push_back(options.seed + static_cast<uint64_t>(k + j));
    auto run = diffuse(st, uncond, options, seeds, k, observer, cancel);
    if (run.stopped) {
      result.reason = FinishReason::Cancelled;
      break;
    }
    if (run.skipped) {
      result.skippedImages += m;
      for (int64_t j = 0; j < m; ++j)
        if (observer) observer->onImage(ImageDoneEvent{k + j, {}, true});
      continue;
    }
    for (int64_t j = 0; j < m; ++j) {
      auto img = finishImage(run.latent.narrow(0, j, 1), seeds[size_t(j)], k + j);
      result.images.push_back(img);
      result.reply.parts.push_back(Part::fromImage(img.image));
      if (observer) observer->onImage(ImageDoneEvent{k + j, img, false});
    }
  }
  warnNoisyImages(result);
  result.seconds = since(t0);
  if (observer) observer->onFinished(result);
  return result;
}

GenerationResult Generator::caption(const torch::Tensor& image, const GenerateOptions& options,
                                    GenerationObserver* observer, CancelToken* cancel) {
  options.text.validate();
  auto t0 = Clock::now();
  GenerationResult result;
  torch::Tensor last;
  // The image-first layout up to its caption: [BOS] [BOI] <image> [EOI].
  auto items = imageFirstLayout(bundle_->special(), {}).items;
  items.pop_back();  // its [EOS]: the caption comes first
  auto st = prefillItems(items, {image}, options.useKvCache, &last);
  decodeLoop(st, last, options, false, {bundle_->special().boi}, result, observer, cancel);
  result.seconds = since(t0);
  if (observer) observer->onFinished(result);
  return result;
}

GenerationResult Generator::edit(const torch::Tensor& input, const std::string& instruction,
                                 const GenerateOptions& options, GenerationObserver* observer,
                                 CancelToken* cancel) {
  options.image.validate(bundle_->config().diffusionSteps);
  if (instruction.find_first_not_of(" \t\r\n") == std::string::npos)
    throw UsageError("the edit instruction is empty: say what to change");
  auto t0 = Clock::now();
  const auto prompt =
      editLayout(bundle_->special(), bundle_->encode(instruction)).promptForImage(1);
  auto st = prefillItems(prompt, {input}, options.useKvCache);
  GenerationResult result;
  result.reason = FinishReason::ImageDone;
  // Guidance against the instruction-dropped edit (the input kept), as training drops it: the
  // scale strengthens what the instruction changes, not the input's content.
  UncondPrompt uncond;
  const auto neg = options.image.negativePrompt.empty()
                       ? std::vector<int64_t>{}
                       : bundle_->encode(options.image.negativePrompt);
  uncond.items = editLayout(bundle_->special(), neg).promptForImage(1);
  uncond.images = {input};
  // SDEdit's start: encoded only when it is used (prefillItems encodes the input for the prompt).
  const auto inputLatent =
      options.image.editStrength < 1.0
          ? bundle_->imagesToLatents(bundle_->prepareImage(input, "the input image").unsqueeze(0))
          : torch::Tensor();
  auto run = diffuse(st, uncond, options, {options.seed}, 0, observer, cancel, inputLatent);
  if (run.stopped) {
    result.reason = FinishReason::Cancelled;
  } else if (run.skipped) {
    result.skippedImages = 1;
    if (observer) observer->onImage(ImageDoneEvent{0, {}, true});
  } else {
    auto img = finishImage(run.latent, options.seed, 0);
    result.images.push_back(img);
    result.reply.parts.push_back(Part::fromImage(img.image));
    if (observer) observer->onImage(ImageDoneEvent{0, img, false});
  }
  warnNoisyImages(result);
  result.seconds = since(t0);
  if (observer) observer->onFinished(result);
  return result;
}

}  // namespace tfs
