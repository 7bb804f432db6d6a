// TransfusionModel: the combined loss against hand computations, gradients, overfitting, KV cache.
#include <torch/torch.h>
#include <QtTest>

#include <cmath>

#include "core/base/error.h"
#include "core/base/precision.h"
#include "core/model/attention_mask.h"
#include "core/model/mixed_sequence.h"
#include "core/model/transfusion_model.h"

namespace {

tfs::ModelConfig tinyConfig() {
  return tfs::preset("tiny-test");
}

// BOS a b BOI <16 patches> EOI c EOS: 24 positions, one 3×8×8 image.
tfs::Batch mixedBatch(int64_t t = 400, uint64_t seed = 1) {
  torch::manual_seed(seed);
  tfs::SpecialTokens sp;
  tfs::Document s;
  s.addText({sp.bos, 10, 11})
      .addLatent(torch::rand({3, 8, 8}) * 2 - 1, t, sp, true, torch::randn({3, 8, 8}));
  s.addText({12, sp.eos});
  tfs::PackOptions o;
  o.rowLength = 26;
  o.patchSize = 2;
  return tfs::packDocuments({s}, o);
}

// Plain log-softmax cross-entropy in double over the given positions of a [L,V] logits matrix.
double manualCrossEntropy(const torch::Tensor& logits,
                          const std::vector<std::pair<int64_t, int64_t>>& at) {
  auto lg = logits.to(torch::kDouble).contiguous();
  auto a = lg.accessor<double, 2>();
  double sum = 0;
  for (auto [pos, target] : at) {
    double mx = -1e300, z = 0;
    for (int64_t v = 0; v < lg.size(1); ++v) mx = std::max(mx, a[pos][v]);
    for (int64_t v = 0; v < lg.size(1); ++v) z += std::exp(a[pos][v] - mx);
    sum += (std::log(z) + mx) - a[pos][target];
  }
  return sum / double(at.size());
}

}  // namespace

class TestModelLoss : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { torch::set_num_threads(2); }

  void fiveTokenTextLossByHand() {
    torch::manual_seed(3);
    tfs::TransfusionModel m(tinyConfig());
    tfs::Document s;
    s.addText({2, 20, 21, 22, 3});  // BOS w w w EOS
    tfs::PackOptions o;
    o.rowLength = 5;
    auto b = tfs::packDocuments({s}, o);
    auto losses = m->loss(b);
    QCOMPARE(losses.lmTokens, 4);
    QCOMPARE(losses.diffusionImages, 0);
    QCOMPARE(losses.diffusion.item<double>(), 0.0);  // no images: zero, not NaN
    // Hand computation: causal forward, then CE of positions 0..3 against tokens 1..4.
    auto x = m->embedTokens(b.tokens);
    auto causal = torch::ones({5, 5}, torch::kBool).tril().unsqueeze(0);
    auto logits = m->logits(m->forwardHidden(x, b.positions, causal))[0];
    const double want = manualCrossEntropy(logits, {{0, 20}, {1, 21}, {2, 22}, {3, 3}});
    QVERIFY2(std::abs(losses.lm.item<double>() - want) < 1e-5,
             qPrintable(QStringLiteral("%1 vs %2").arg(losses.lm.item<double>()).arg(want)));
    // Near-uniform predictions at init: CE ≈ ln V.
    QVERIFY(std::abs(want - std::log(double(tinyConfig().vocabSize))) < 0.5);
    losses.total.backward();  // a text-only batch still backpropagates
  }

  void mixedLossByHandNoLmLossAtBoi() {
    torch::manual_seed(4);
    tfs::TransfusionModel m(tinyConfig());
    auto b = mixedBatch();
    auto losses = m->loss(b);
    // Targets: BOS→10, 10→11, 11→BOI, EOI→12, 12→EOS; not BOI→patch, not last patch→EOI.
    QCOMPARE(losses.lmTokens, 5);
    QCOMPARE(b.lmTargets[0][3].item<int64_t>(), -100);   // the position whose input is BOI
    QCOMPARE(b.lmTargets[0][19].item<int64_t>(), -100);  // the last patch
    // Rebuild the row by hand: noise the latent in closed form, encode, place the 16 patch vectors.
    const auto& sched = m->schedule();
    const double ab = sched.alphaBar(400);
    auto noisy = std::sqrt(ab) * b.latents + std::sqrt(1 - ab) * b.noise;
    auto enc = m->encodeImages(noisy, b.timesteps);
    auto x = m->embedTokens(b.tokens).clone();
    for (int64_t p = 0; p < 16; ++p) x[0][4 + p] = enc.tokens[0][p];
    auto mask = torch::ones({26, 26}, torch::kBool).tril();
    mask.slice(0, 4, 20).slice(1, 4, 20).fill_(true);  // bidirectional inside the image
    mask.slice(1, 24, 26).fill_(false);                // padding keys
    mask.slice(0, 24, 26).slice(1, 24, 26).copy_(torch::ones({2, 2}, torch::kBool).tril());
    auto hidden = m->forwardHidden(x, b.positions, mask.unsqueeze(0))[0];
    const double lm =
        manualCrossEntropy(m->logits(hidden), {{0, 10}, {1, 11}, {2, 4}, {20, 12}, {21, 3}});
    QVERIFY(std::abs(losses.lm.item<double>() - lm) < 1e-5);
    auto eps = m->decodeImages(hidden.slice(0, 4, 20).unsqueeze(0), enc);
    const double diff = (eps - b.noise).pow(2).mean().item<double>();
    QVERIFY(std::abs(losses.diffusion.item<double>() - diff) < 1e-5);
    QCOMPARE(losses.diffusionImages, 1);
    // Including BOI's position would change the LM loss: the rule is really applied.
    const double withBoi = manualCrossEntropy(
        m->logits(hidden), {{0, 10}, {1, 11}, {2, 4}, {3, 0}, {20, 12}, {21, 3}});
    QVERIFY(std::abs(withBoi - lm) > 1e-4);
  }

  void lambdaIsHonoured() {
    auto b = mixedBatch();
    for (double lambda : {0.0, 2.5, 5.0}) {
      auto cfg = tinyConfig();
      cfg.lambda = lambda;
      torch::manual_seed(5);
      tfs::TransfusionModel m(cfg);
      auto l = m->loss(b);
      QVERIFY(l.diffusion.item<double>() > 0.1);
      QVERIFY(std::abs(l.total.item<double>() -
                       (l.lm.item<double>() + lambda * l.diffusion.item<double>())) < 1e-5);
    }
  }

  // minSnrGamma scales each image's ε loss by min(SNR_t, γ)/SNR_t: the same weights and batch
  // give the plain loss times that factor (t = 50: SNR ≈ 160, so the factor is ≈ 5/160).
  void minSnrGammaWeighsTheDiffusionLoss() {
    auto b = mixedBatch(50);
    auto plainCfg = tinyConfig();
    auto snrCfg = plainCfg;
    snrCfg.minSnrGamma = 5.0;
    torch::manual_seed(7);
    tfs::TransfusionModel plain(plainCfg);
    torch::manual_seed(7);
    tfs::TransfusionModel weighted(snrCfg);
    const double d0 = plain->loss(b).diffusion.item<double>();
    const double d1 = weighted->loss(b).diffusion.item<double>();
    const double w =
        plain->schedule().minSnrWeight(torch::tensor({50}, torch::kLong), 5.0).item<double>();
    QVERIFY2(w > 0.01 && w < 0.1, qPrintable(QString::number(w)));
    QVERIFY2(std::abs(d1 - d0 * w) < 1e-5 * d0,
             qPrintable(QString("%1 vs %2").arg(d1).arg(d0 * w)));
    // A noisy step (SNR < γ) is not reweighted.
    auto noisy = mixedBatch(700);
    QVERIFY(std::abs(plain->loss(noisy).diffusion.item<double>() -
                     weighted->loss(noisy).diffusion.item<double>()) < 1e-6);
  }

  void diffusionWeightSelectsImages() {
    torch::manual_seed(6);
    tfs::TransfusionModel m(tinyConfig());
    auto b = mixedBatch();
    b.diffusionWeight = torch::zeros({1});
    auto l = m->loss(b);
    QCOMPARE(l.diffusionImages, 0);
    QCOMPARE(l.diffusion.item<double>(), 0.0);
    QVERIFY(std::isfinite(l.total.item<double>()));
  }

  void gradientsReachEveryPart() {
    torch::manual_seed(7);
    tfs::TransfusionModel m(tinyConfig());
    auto b = mixedBatch();
    m->loss(b).total.backward();
    auto g = m->tokEmbed->weight.grad();
    QVERIFY(g[10].abs().sum().item<double>() > 0);    // a text token that was read
    QCOMPARE(g[40].abs().sum().item<double>(), 0.0);  // a token that never appeared
    QVERIFY(m->patchLinear->in->weight.grad().abs().sum().item<double>() > 0);
    QVERIFY(m->patchLinear->out->weight.grad().abs().sum().item<double>() > 0);
    QVERIFY(m->patchLinear->tEmbed->fc1->weight.grad().abs().sum().item<double>() > 0);
    QVERIFY(m->lmHead->weight.grad().abs().sum().item<double>() > 0);
  }

  void unetCodecTrainsThroughTheSameLoss() {
    auto cfg = tinyConfig();
    cfg.patchEncoder = "unet";
    torch::manual_seed(11);
    tfs::TransfusionModel m(cfg);
    QVERIFY(!m->patchLinear);
    auto l = m->loss(mixedBatch());
    QVERIFY(std::isfinite(l.total.item<double>()) && l.diffusion.item<double>() > 0);
    l.total.backward();
    double encoderGrad = 0;
    for (const auto& p : m->patchUNet->parameters())
      if (p.grad().defined()) encoderGrad += p.grad().abs().sum().item<double>();
    QVERIFY(encoderGrad > 0);
    QVERIFY(m->tokEmbed->weight.grad()[10].abs().sum().item<double>() > 0);
    // The same under CPU bf16 autocast (--precision bf16): its GroupNorms see bf16 activations.
    m->zero_grad();
    tfs::Losses low;
    {
      tfs::AutocastScope autocast(torch::kCPU, tfs::Precision::Bf16);
      low = m->loss(mixedBatch());
    }
    QVERIFY(std::isfinite(low.total.item<double>()));
    low.total.backward();
    for (const auto& p : m->patchUNet->parameters()) QCOMPARE(p.scalar_type(), torch::kFloat32);
  }

  // Without skips the up blocks see only what passed through the transformer: the same hidden
  // states decode to the same ε̂ whatever noisy image the encoder saw. With skips they do not.
  void unetWithoutSkipsDecodesFromTheHiddenStatesOnly() {
    for (bool skips : {true, false}) {
      auto cfg = tinyConfig();
      cfg.patchEncoder = "unet";
      cfg.unetSkips = skips;
      torch::manual_seed(12);
      tfs::PatchUNet codec(cfg);
      const int64_t s = cfg.imageSize / cfg.vaeFactor;
      auto t = torch::full({1}, 300, torch::kLong);
      auto a = codec->encode(torch::randn({1, cfg.latentChannels, s, s}), t);
      auto b = codec->encode(torch::randn({1, cfg.latentChannels, s, s}), t);
      auto hidden = torch::randn_like(a.tokens);
      torch::NoGradGuard ng;
      const double diff =
          (codec->decode(hidden, a) - codec->decode(hidden, b)).abs().max().item<double>();
      if (skips)
        QVERIFY2(diff > 1e-3, qPrintable(QString::number(diff)));
      else
        QCOMPARE(diff, 0.0);
    }
  }

  void overfitsOneMixedSequence() {
    torch::manual_seed(8);
    tfs::TransfusionModel m(tinyConfig());
    auto b = mixedBatch(500);
    torch::optim::Adam opt(m->parameters(), torch::optim::AdamOptions(3e-3));
    auto first = m->loss(b);
    const double lm0 = first.lm.item<double>(), d0 = first.diffusion.item<double>();
    double lm = lm0, d = d0;
    QElapsedTimer timer;
    timer.start();
    for (int step = 0; step < 400 && (lm > 0.1 * lm0 || d > 0.1 * d0); ++step) {
      opt.zero_grad();
      auto l = m->loss(b);
      l.total.backward();
      opt.step();
      lm = l.lm.item<double>();
      d = l.diffusion.item<double>();
    }
    qInfo("overfit: lm %.3f -> %.4f, diffusion %.3f -> %.4f in %lld ms", lm0, lm, d0, d,
          static_cast<long long>(timer.elapsed()));
    QVERIFY(lm <= 0.1 * lm0);
    QVERIFY(d <= 0.1 * d0);
  }

  void kvCacheMatchesFullForward() {
    torch::manual_seed(9);
    auto cfg = tinyConfig();
    cfg.qkNorm = true;
    tfs::TransfusionModel m(cfg);
    torch::NoGradGuard noGrad;
    auto b = mixedBatch();
    const int64_t L = 24;
    auto x = m->embedTokens(b.tokens).slice(1, 0, L);
    auto doc = b.docIds.slice(1, 0, L), img = b.imageIds.slice(1, 0, L),
         pos = b.positions.slice(1, 0, L);
    auto full = m->forwardHidden(x, pos, tfs::transfusionMask(doc, img, true));
    // Text prefix up to BOI, the whole image, then the rest: the order generation uses.
    tfs::KVCache cache;
    auto idx = torch::arange(L, torch::kLong).unsqueeze(0);
    std::vector<torch::Tensor> parts;
    int64_t done = 0;
    for (int64_t len : {4, 16, 4}) {
      auto sl = [&](const torch::Tensor& t) { return t.slice(1, done, done + len); };
      auto kl = [&](const torch::Tensor& t) { return t.slice(1, 0, done + len); };
      auto mask = tfs::transfusionMask(sl(doc), sl(img), sl(idx), kl(doc), kl(img), kl(idx), true);
      parts.push_back(m->forwardHidden(sl(x), sl(pos), mask, &cache));
      done += len;
      QCOMPARE(cache.length(), done);
    }
    auto cached = torch::cat(parts, 1);
    QVERIFY2(torch::allclose(cached, full, 1e-5, 1e-5),
             qPrintable(QString::number((cached - full).abs().max().item<double>())));
    // commit = false leaves the cache as it was; truncate drops positions.
    m->forwardHidden(x.slice(1, 0, 1), pos.slice(1, 0, 1), torch::ones({1, 1, L + 1}, torch::kBool),
                     &cache, false);
    QCOMPARE(cache.length(), L);
    cache.truncate(4);
    QCOMPARE(cache.length(), 4);
  }

  void capturedProbabilitiesRespectTheMask() {
    torch::manual_seed(10);
    tfs::TransfusionModel m(tinyConfig());
    torch::NoGradGuard noGrad;
    auto b = mixedBatch();
    auto mask = tfs::transfusionMask(b.docIds, b.imageIds, true);
    tfs::AttentionCapture cap;
    auto h1 = m->forwardHidden(m->embedTokens(b.tokens), b.positions, mask, nullptr, true, &cap);
    QCOMPARE(int(cap.probs.size()), 2);
    QCOMPARE(cap.probs[0].sizes(), (torch::IntArrayRef{1, 4, 26, 26}));
    QVERIFY(torch::allclose(cap.probs[1].sum(-1), torch::ones({1, 4, 26})));
    auto outside =
        cap.probs[0].masked_select(mask.logical_not().unsqueeze(1).expand({1, 4, 26, 26}));
    QVERIFY(outside.abs().max().item<double>() < 1e-6);
    auto h2 = m->forwardHidden(m->embedTokens(b.tokens), b.positions, mask);
    QVERIFY(torch::allclose(h1, h2, 1e-5, 1e-6));
  }

  void badBatchIsAnError() {
    tfs::TransfusionModel m(tinyConfig());
    auto b = mixedBatch();
    b.patchMask[0][4] = false;  // 15 patch positions for a 16-patch image
    QVERIFY_THROWS_EXCEPTION(tfs::Error, m->loss(b));
  }
};

QTEST_GUILESS_MAIN(TestModelLoss)
#include "test_model_loss.moc"
