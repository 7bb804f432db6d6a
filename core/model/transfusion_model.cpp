#include "core/model/transfusion_model.h"

#include <cmath>

#include "core/base/error.h"
#include "core/model/attention_mask.h"

namespace tfs {

TransfusionModelImpl::TransfusionModelImpl(const ModelConfig& cfg)
    : cfg_(cfg), schedule_(cfg.diffusionSteps) {
  cfg_.validate();
  if (cfg_.patchPositions == "sincos2d")
    patchPositions_ = sincos2dPatchPositions(cfg_.patchesPerSide(), cfg_.dModel);
  tokEmbed = register_module("tok_embed", torch::nn::Embedding(cfg.vocabSize, cfg.dModel));
  blocks = register_module("blocks", torch::nn::ModuleList());
  for (int64_t i = 0; i < cfg.nLayers; ++i) {
    blockList_.push_back(
        TransformerBlock(cfg.dModel, cfg.nHeads, cfg.ffnHiddenSize(), cfg.ropeTheta, cfg.qkNorm));
    blocks->push_back(blockList_.back());
  }
  finalNorm = register_module("final_norm", RMSNorm(cfg.dModel));
  lmHead = register_module(
      "lm_head",
      torch::nn::Linear(torch::nn::LinearOptions(cfg.dModel, cfg.vocabSize).bias(false)));
  if (cfg.patchEncoder == "unet") {
    patchUNet = register_module("patch_unet", PatchUNet(cfg));
  } else {
    patchLinear = register_module("patch_linear", PatchLinear(cfg));
  }
  initWeights();
}

void TransfusionModelImpl::initWeights() {
  torch::NoGradGuard noGrad;
  const double std = 0.02, outStd = 0.02 / std::sqrt(2.0 * double(cfg_.nLayers));
  auto init = [&](torch::nn::Module& m) {
    for (auto& p : m.named_parameters()) {
      const auto& name = p.key();
      auto& t = p.value();
      if (t.dim() >= 2) {
        const bool residualOut = name.find("attn.o.") != std::string::npos ||
                                 name.find("ffn.down.") != std::string::npos;
        t.normal_(0.0, residualOut ? outStd : std);
      } else if (name.size() >= 4 && name.compare(name.size() - 4, 4, "bias") == 0) {
        t.zero_();
      }
    }
  };
  init(*tokEmbed);
  init(*blocks);
  init(*lmHead);
  if (patchLinear) init(*patchLinear);
}

torch::Tensor TransfusionModelImpl::embedTokens(const torch::Tensor& tokens) {
  return tokEmbed(tokens);
}

ImageEncoding TransfusionModelImpl::encodeImages(const torch::Tensor& noisyLatents,
                                                 const torch::Tensor& t) {
  ImageEncoding enc =
      patchUNet ? patchUNet->encode(noisyLatents, t) : patchLinear->encode(noisyLatents, t);
  if (patchPositions_.defined()) {
    if (patchPositions_.device() != enc.tokens.device())
      patchPositions_ = patchPositions_.to(enc.tokens.device());
    enc.tokens = enc.tokens + patchPositions_.to(enc.tokens.scalar_type()).unsqueeze(0);
  }
  return enc;
}

torch::Tensor sincos2dPatchPositions(int64_t side, int64_t dim) {
  // MAE's 2-D sine–cosine table: the first half of the width encodes the row, the second the
  // column; within each half, sin then cos at frequencies 10000^(−i/(dim/4)).
  const int64_t quarter = dim / 4;
  auto omega = torch::pow(10000.0, -torch::arange(quarter, torch::kDouble) / double(quarter));
  auto coord = torch::arange(side, torch::kDouble);
  auto row = coord.repeat_interleave(side).unsqueeze(1) * omega;  // [P, quarter]
  auto col = coord.repeat({side}).unsqueeze(1) * omega;
  auto pe = torch::cat({row.sin(), row.cos(), col.sin(), col.cos()}, 1);  // [P, 4·quarter]
  if (pe.size(1) < dim)
    pe = torch::cat({pe, torch::zeros({pe.size(0), dim - pe.size(1)}, pe.options())}, 1);
  return pe.to(torch::kFloat);
}

torch::Tensor TransfusionModelImpl::decodeImages(const torch::Tensor& hidden,
                                                 const ImageEncoding& enc) {
  if (patchUNet) return patchUNet->decode(hidden, enc);
  return patchLinear->decode(hidden, enc);
}

torch::Tensor TransfusionModelImpl::forwardHidden(const torch::Tensor& x,
                                                  const torch::Tensor& positions,
                                                  const torch::Tensor& mask, KVCache* cache,
                                                  bool commit, AttentionCapture* capture) {
  if (cache && int64_t(cache->keys.size()) != cfg_.nLayers) {
    cache->keys.resize(cfg_.nLayers);
    cache->values.resize(cfg_.nLayers);
  }
  if (capture) capture->probs.clear();
  auto h = x;
  for (int64_t i = 0; i < cfg_.nLayers; ++i) {
    torch::Tensor probs;
    h = blockList_[i]->forward(h, positions, mask, cache ? &cache->keys[i] : nullptr,
                               cache ? &cache->values[i] : nullptr, commit,
                               capture ? &probs : nullptr);
    if (capture) capture->probs.push_back(probs);
  }
  return finalNorm(h);
}

torch::Tensor TransfusionModelImpl::logits(const torch::Tensor& hidden) {
  return lmHead(hidden);
}

torch::Tensor TransfusionModelImpl::embedBatch(const Batch& batch, const torch::Tensor& noisy,
                                               ImageEncoding* enc, torch::Tensor* patchIndex) {
  auto x = embedTokens(batch.tokens);
  const int64_t N = noisy.defined() ? noisy.size(0) : 0;
  if (N == 0) return x;
  const int64_t B = x.size(0), L = x.size(1), D = x.size(2), P = cfg_.patchesPerImage();
  auto flat = batch.patchMask.reshape(-1).nonzero().squeeze(1);
  if (flat.size(0) != N * P)
    throw DataError("batch has " + std::to_string(flat.size(0)) + " patch positions but " +
                    std::to_string(N) + " images × " + std::to_string(P) +
                    " patches; the layout and the model's patch count disagree");
  auto img = batch.imageIds.reshape(-1).index_select(0, flat);
  if (img.min().item<int64_t>() < 0 || img.max().item<int64_t>() >= N ||
      torch::bincount(img, {}, N).ne(P).any().item<bool>())
    throw DataError("batch imageIds at patch positions must give every image exactly " +
                    std::to_string(P) + " positions");
  // Image-major order, raster order within an image (= the order of the positions in the row).
  auto order = (img * (B * L) + flat).argsort();
  flat = flat.index_select(0, order);
  *enc = encodeImages(noisy, batch.timesteps);
  auto tokens = enc->tokens.reshape({N * P, D}).to(x.scalar_type());
  *patchIndex = flat;
  return x.reshape({B * L, D}).index_copy(0, flat, tokens).view({B, L, D});
}

LossNorm lossCounts(const Batch& batch) {
  LossNorm n;
  if (batch.lmTargets.defined())
    n.lmTokens = double(batch.lmTargets.ne(-100).sum().item<int64_t>());
  const int64_t N = batch.images();
  if (N > 0)
    n.diffusionWeight = batch.diffusionWeight.defined()
                            ? batch.diffusionWeight.to(torch::kDouble).sum().item<double>()
                            : double(N);
  return n;
}

Losses TransfusionModelImpl::loss(const Batch& batch, const LossNorm& norm) {
  if (!batch.tokens.defined() || batch.tokens.dim() != 2)
    throw DataError("loss: batch.tokens must be [B, L]");
  const int64_t N = batch.images();
  torch::Tensor noisy;
  if (N > 0) {
    if (!batch.noise.defined() || batch.noise.sizes() != batch.latents.sizes() ||
        !batch.timesteps.defined() || batch.timesteps.size(0) != N)
      throw DataError("loss: batch.noise must match latents and timesteps must be [N]");
    noisy = schedule_.qSample(batch.latents, batch.noise, batch.timesteps);
  }
  ImageEncoding enc;
  torch::Tensor patchIndex;
  auto x = embedBatch(batch, noisy, &enc, &patchIndex);
  auto mask = transfusionMask(batch.docIds, batch.imageIds, cfg_.bidirectionalImages);
  auto hidden = forwardHidden(x, batch.positions, mask);
  const int64_t D = hidden.size(-1);
  auto flatHidden = hidden.reshape({-1, D});
  // Zero losses stay attached to the graph so backward() works on any batch.
  auto zero = flatHidden.sum().to(torch::kFloat) * 0.0;

  Losses out;
  auto targets = batch.lmTargets.reshape(-1);
  auto sel = targets.ne(-100).nonzero().squeeze(1);
  out.lmTokens = sel.size(0);
  if (out.lmTokens > 0) {
    auto lg = logits(flatHidden.index_select(0, sel)).to(torch::kFloat);
    const auto tg = targets.index_select(0, sel);
    out.lm =
        norm.lmTokens > 0
            ? torch::nn::functional::cross_entropy(
                  lg, tg, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum)) /
                  norm.lmTokens
            : torch::nn::functional::cross_entropy(lg, tg);
  } else {
    out.lm = zero;
  }

  out.diffusion = zero;
  if (N > 0) {
    auto h = flatHidden.index_select(0, patchIndex).view({N, cfg_.patchesPerImage(), D});
    auto eps = decodeImages(h, enc).to(torch::kFloat);
    auto err = (eps - batch.noise.to(torch::kFloat)).pow(2);
    torch::Tensor perImage;  // [N]
    if (batch.lossMap.defined()) {
      auto m = batch.lossMap.to(err.options()).expand_as(err);
      perImage = (err * m).flatten(1).sum(1) / m.flatten(1).sum(1).clamp_min(1e-12);
    } else {
      perImage = err.flatten(1).mean(1);
    }
    auto w = batch.diffusionWeight.defined() ? batch.diffusionWeight.to(perImage.options())
                                             : torch::ones({N}, perImage.options());
    out.diffusionImages = w.gt(0).sum().item<int64_t>();
    if (out.diffusionImages > 0) {
      auto weighted = perImage;
      if (cfg_.minSnrGamma > 0)
        weighted = perImage * schedule_.minSnrWeight(batch.timesteps, cfg_.minSnrGamma);
      out.diffusion = norm.diffusionWeight > 0 ? (weighted * w).sum() / norm.diffusionWeight
                                               : (weighted * w).sum() / w.sum();
    }
  }
  out.total = out.lm + cfg_.lambda * out.diffusion;
  return out;
}

}  // namespace tfs
