// Samplers, guidance and token sampling checked against hand-derived closed forms.
#include <torch/torch.h>
#include <QtTest>

#include <cmath>

#include "core/base/error.h"
#include "core/generate/cfg.h"
#include "core/generate/sampler.h"
#include "core/generate/sampler_ddim.h"
#include "core/generate/sampler_ddpm.h"
#include "core/generate/sampler_dpmpp.h"
#include "core/generate/token_sampler.h"
#include "core/model/noise_schedule.h"

namespace {

std::vector<double> cosineAlphaBar() {
  auto a = tfs::NoiseSchedule(1000).alphaBar().contiguous();
  return std::vector<double>(a.data_ptr<double>(), a.data_ptr<double>() + a.numel());
}

// Data x0 ~ N(mu, sd²) per element: the optimal ε̂(x_t) is linear and the probability-flow ODE maps
// x_T = √ᾱ_T·mu + √(ᾱ_T·sd² + 1 − ᾱ_T)·z exactly onto mu + sd·z.
constexpr double kMu = 0.3, kSd = 0.5;
torch::Tensor gaussianEps(const torch::Tensor& x, double a) {
  return std::sqrt(1.0 - a) * (x - std::sqrt(a) * kMu) / (a * kSd * kSd + 1.0 - a);
}

torch::Tensor runSampler(tfs::Sampler& s, torch::Tensor x, at::Generator* gen = nullptr) {
  for (int64_t i = 0; i < s.steps(); ++i) {
    auto eps = gaussianEps(x, s.alphaBarAt(i));
    torch::Tensor noise;
    if (s.stochastic()) noise = at::randn(x.sizes(), *gen, x.options());
    x = s.step(i, x, eps, noise).x;
  }
  return x;
}

}  // namespace

class TestGenerateSamplers : public QObject {
  Q_OBJECT
  std::vector<double> ab_ = cosineAlphaBar();
  torch::Tensor z_ = torch::tensor({-2.0, -0.5, 0.0, 1.0, 2.5}, torch::kFloat64);

  torch::Tensor xT() {
    double aT = ab_.back();
    return std::sqrt(aT) * kMu + std::sqrt(aT * kSd * kSd + 1.0 - aT) * z_;
  }

 private Q_SLOTS:
  void spacingCoversTheSchedule() {
    auto ts = tfs::spacedTimesteps(1000, 250, 1);
    QCOMPARE(int(ts.size()), 250);
    QCOMPARE(ts.front(), int64_t(999));
    QCOMPARE(ts.back(), int64_t(1));
    for (size_t i = 1; i < ts.size(); ++i) QVERIFY(ts[i] < ts[i - 1]);
    QCOMPARE(tfs::spacedTimesteps(10, 4), (std::vector<int64_t>{9, 6, 3, 0}));
    // ᾱ_0 = 1 in our schedule: t = 0 is the clean image, so all 1000 steps means 999 noisy ones.
    QCOMPARE(ab_[0], 1.0);
    tfs::DdimSampler all(ab_, 999);
    QCOMPARE(all.timesteps().back(), int64_t(1));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, tfs::DdimSampler(ab_, 0));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, tfs::DdimSampler(ab_, 1000));
    auto lam = tfs::logSnrTimesteps(ab_, 20);
    QCOMPARE(lam.front(), int64_t(999));
    QCOMPARE(lam.back(), int64_t(1));
    for (size_t i = 1; i < lam.size(); ++i) QVERIFY(lam[i] < lam[i - 1]);
  }

  void ddimWithEtaOneIsExactlyDdpm() {
    // σ² of DDIM(η=1) is the DDPM posterior variance and its mean is the posterior mean, so with
    // the same noise draws the two walk the same path through all 999 steps.
    tfs::DdpmSampler ddpm(ab_, 999);
    tfs::DdimSampler ddim(ab_, 999, 1.0);
    auto g1 = at::detail::createCPUGenerator(7), g2 = at::detail::createCPUGenerator(7);
    auto x1 = xT(), x2 = xT();
    double worst = 0;
    for (int64_t i = 0; i < ddpm.steps(); ++i) {
      // A non-linear ε̂ so that the check is not specific to the Gaussian case.
      auto e1 = gaussianEps(x1, ddpm.alphaBarAt(i)) + 0.1 * torch::sin(x1);
      auto e2 = gaussianEps(x2, ddim.alphaBarAt(i)) + 0.1 * torch::sin(x2);
      auto n1 = at::randn(x1.sizes(), g1, x1.options());
      auto n2 = at::randn(x2.sizes(), g2, x2.options());
      auto mean = ddpm.posteriorMean(i, x1, ddpm.predictX0(x1, i, e1));
      x1 = ddpm.step(i, x1, e1, n1).x;
      auto det = ddim.step(i, x2, e2, torch::zeros_like(x2)).x;  // DDIM's deterministic part
      worst = std::max(worst, (det - mean).abs().max().item<double>());
      x2 = ddim.step(i, x2, e2, n2).x;
    }
    QVERIFY2(worst < 1e-9, qPrintable(QString::number(worst)));
    QVERIFY((x1 - x2).abs().max().item<double>() < 1e-6);
  }

  void ddimAllStepsFollowsTheProbabilityFlow() {
    tfs::DdimSampler ddim(ab_, 999);
    auto x = runSampler(ddim, xT());
    auto exact = kMu + kSd * z_;
    QVERIFY((x - exact).abs().max().item<double>() < 5e-3);
    // Fewer steps: still the same deterministic path, coarser.
    tfs::DdimSampler ddim50(ab_, 50);
    QVERIFY((runSampler(ddim50, xT()) - exact).abs().max().item<double>() < 0.06);
  }

  void dpmppIsAccurateInTwentySteps() {
    auto exact = kMu + kSd * z_;
    tfs::DpmppSampler dpm(ab_, 20);
    double err20 = (runSampler(dpm, xT()) - exact).abs().max().item<double>();
    tfs::DdimSampler ddim20(ab_, 20);
    double ddimErr20 = (runSampler(ddim20, xT()) - exact).abs().max().item<double>();
    QVERIFY2(err20 < 0.04, qPrintable(QString::number(err20)));
    QVERIFY2(err20 < ddimErr20, qPrintable(QString("%1 vs ddim %2").arg(err20).arg(ddimErr20)));
    // A second run starts fresh (multistep history is reset at step 0).
    QCOMPARE((runSampler(dpm, xT()) - exact).abs().max().item<double>(), err20);
  }

  void ddpmSamplesHaveTheDataStatistics() {
    tfs::DdpmSampler ddpm(ab_, 250);
    auto gen = at::detail::createCPUGenerator(3);
    auto x = runSampler(ddpm, at::randn({20000}, gen, torch::kFloat64), &gen);
    QVERIFY(std::abs(x.mean().item<double>() - kMu) < 0.02);
    QVERIFY(std::abs(x.std().item<double>() - kSd) < 0.02);
  }

  void x0IsClampedForPixels() {
    tfs::DdimSampler s(ab_, 10);
    s.setClipX0(1.0);
    auto x = torch::full({4}, 5.0, torch::kFloat64);
    auto out = s.step(0, x, torch::zeros_like(x));
    QCOMPARE(out.x0.max().item<double>(), 1.0);
  }

  void factoryKnowsTheNames() {
    QCOMPARE(QString::fromStdString(tfs::makeSampler("ddpm", ab_, 250)->name()),
             QStringLiteral("ddpm"));
    QCOMPARE(QString::fromStdString(tfs::makeSampler("dpmpp-2m", ab_, 20)->name()),
             QStringLiteral("dpmpp-2m"));
    try {
      tfs::makeSampler("euler", ab_, 20);
      QFAIL("expected UsageError");
    } catch (const tfs::UsageError& e) {
      QVERIFY(QString(e.what()).contains(QStringLiteral("ddpm, ddim or dpmpp-2m")));
    }
  }

  void guidanceCombines() {
    auto eps = torch::tensor({{1.0, 2.0}, {0.5, 1.0}});  // row 0 conditional, row 1 unconditional
    auto g = tfs::combineGuidance(eps, 3.0);
    QVERIFY(torch::allclose(g, torch::tensor({{2.0, 4.0}})));  // 0.5 + 3·0.5, 1 + 3·1
    QVERIFY(torch::equal(tfs::combineGuidance(eps, 1.0), eps.narrow(0, 0, 1)));
    QVERIFY(!tfs::guidanceNeedsUnconditional(1.0));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, tfs::validateGuidanceScale(-1.0));
  }

  void tokenSamplingRules() {
    auto logits = torch::tensor({1.0, 3.0, 2.0, 0.5});
    tfs::TokenSampler greedy({}, 0);
    QCOMPARE(greedy.sample(logits), int64_t(1));
    QCOMPARE(greedy.sample(logits, {1}), int64_t(2));
    tfs::TokenSamplingOptions topk;
    topk.temperature = 5.0;
    topk.topK = 2;
    tfs::TokenSampler k(topk, 1);
    for (int i = 0; i < 200; ++i) {
      auto id = k.sample(logits);
      QVERIFY(id == 1 || id == 2);
    }
    // top-p 0.5: softmax(1,3,2,.5) ≈ (.09,.63,.23,.05): only token 1 survives.
    tfs::TokenSamplingOptions topp;
    topp.temperature = 1.0;
    topp.topP = 0.5;
    tfs::TokenSampler p(topp, 2);
    for (int i = 0; i < 50; ++i) QCOMPARE(p.sample(logits), int64_t(1));
    tfs::TokenSamplingOptions warm;
    warm.temperature = 1.0;
    tfs::TokenSampler a(warm, 42), b(warm, 42);
    std::vector<int64_t> ra, rb;
    for (int i = 0; i < 30; ++i) ra.push_back(a.sample(logits)), rb.push_back(b.sample(logits));
    QCOMPARE(ra, rb);
    QCOMPARE(tfs::findStop("a cat. The end", {"end", "."}), size_t(5));
    QCOMPARE(tfs::findStop("a cat", {"dog"}), std::string::npos);
    tfs::TokenSamplingOptions bad;
    bad.topP = 0.0;
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, bad.validate());
  }
};

QTEST_GUILESS_MAIN(TestGenerateSamplers)
#include "test_generate_samplers.moc"
