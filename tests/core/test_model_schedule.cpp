// The cosine noise schedule and q_sample.
#include <torch/torch.h>
#include <QtTest>

#include <cmath>

#include "core/model/noise_schedule.h"

namespace {
double closedForm(double t, double T) {
  const double s = 0.008;
  auto f = [&](double x) { return std::pow(std::cos(((x + 1) / T + s) / (1 + s) * M_PI / 2), 2); };
  return f(t) / f(0);
}
}  // namespace

class TestModelSchedule : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void cosineValues() {
    tfs::NoiseSchedule s(1000);
    QCOMPARE(s.steps(), 1000);
    QCOMPARE(s.alphaBar(0), 1.0);  // t = 0 is the clean image
    QVERIFY(std::abs(s.alphaBar(500) - closedForm(500, 1000)) < 1e-12);
    QVERIFY(std::abs(s.alphaBar(500) - 0.4923) < 1e-3);  // ≈ cos(0.5·π/2)²
    QVERIFY(std::abs(s.alphaBar(250) - closedForm(250, 1000)) < 1e-12);
    // The last step is clipped (β ≤ 0.999): ᾱ_999 = ᾱ_998 · 0.001, tiny but positive.
    QVERIFY(std::abs(s.alphaBar(999) - closedForm(998, 1000) * 0.001) < 1e-15);
    QVERIFY(s.alphaBar(999) > 0 && s.alphaBar(999) < 1e-8);
    auto a = s.alphaBar();
    QCOMPARE(a.scalar_type(), torch::kFloat64);
    QVERIFY((a.slice(0, 1) <= a.slice(0, 0, 999)).all().item<bool>());  // monotone
    QVERIFY_THROWS_EXCEPTION(std::exception, s.alphaBar(1000));
  }

  void qSampleStatistics() {
    torch::manual_seed(0);
    tfs::NoiseSchedule s(1000);
    const int64_t N = 3, n = 200000;
    auto x0 = torch::full({N, n}, 2.0);
    auto noise = torch::randn({N, n});
    auto t = torch::tensor({0, 500, 999}, torch::kLong);
    auto xt = s.qSample(x0, noise, t);
    QVERIFY(torch::allclose(xt[0], x0[0]));  // no noise at t = 0
    for (int64_t i = 1; i < N; ++i) {
      const double ab = s.alphaBar(t[i].item<int64_t>());
      const double mean = xt[i].mean().item<double>(), var = xt[i].var().item<double>();
      QVERIFY2(std::abs(mean - 2.0 * std::sqrt(ab)) < 0.01, qPrintable(QString::number(mean)));
      QVERIFY2(std::abs(var - (1 - ab)) < 0.01, qPrintable(QString::number(var)));
    }
    // Exact per-element formula on a 4-D latent.
    auto lat = torch::randn({2, 3, 4, 4}), eps = torch::randn({2, 3, 4, 4});
    auto tt = torch::tensor({10, 700}, torch::kLong);
    auto got = s.qSample(lat, eps, tt);
    for (int64_t i = 0; i < 2; ++i) {
      const double ab = s.alphaBar(tt[i].item<int64_t>());
      QVERIFY(
          torch::allclose(got[i], std::sqrt(ab) * lat[i] + std::sqrt(1 - ab) * eps[i], 1e-5, 1e-6));
    }
  }

  // Min-SNR-γ weights: 1 where SNR_t = ᾱ/(1-ᾱ) <= γ (the noisy steps), γ/SNR_t above it, so a
  // nearly clean step weighs little; ~0 at t = 0.
  void minSnrWeights() {
    tfs::NoiseSchedule s(1000);
    auto t = torch::tensor({0, 20, 100, 300, 500, 999}, torch::kLong);
    auto w = s.minSnrWeight(t, 5.0);
    QCOMPARE(w.scalar_type(), torch::kFloat);
    QCOMPARE(w.size(0), 6);
    for (int64_t i = 0; i < 6; ++i) {
      const double ab = s.alphaBar(t[i].item<int64_t>());
      const double snr = ab / std::max(1 - ab, 1e-12);
      const double want = std::min(snr, 5.0) / std::max(snr, 1e-12);
      QVERIFY2(std::abs(w[i].item<double>() - want) < 1e-6 * std::max(1.0, want),
               qPrintable(QString("t %1: %2 vs %3").arg(i).arg(w[i].item<double>()).arg(want)));
    }
    QVERIFY(w[0].item<double>() < 1e-9);
    QCOMPARE(w[4].item<double>(), 1.0);  // SNR(500) ≈ 0.97 < 5
    QCOMPARE(w[5].item<double>(), 1.0);
    QVERIFY(w[1].item<double>() < w[2].item<double>() && w[2].item<double>() < w[3].item<double>());
  }
};

QTEST_GUILESS_MAIN(TestModelSchedule)
#include "test_model_schedule.moc"
