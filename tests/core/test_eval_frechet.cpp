// Fréchet distance against closed forms, and perplexity from summed NLL.
#include <torch/torch.h>
#include <QtTest>

#include <cmath>

#include "core/base/error.h"
#include "core/eval/frechet.h"
#include "core/eval/perplexity.h"

namespace {

tfs::GaussianStats gaussian(torch::Tensor mean, torch::Tensor cov) {
  tfs::GaussianStats g;
  g.mean = mean.to(torch::kFloat64);
  g.cov = cov.to(torch::kFloat64);
  g.count = 1000;
  return g;
}

torch::Tensor rotation(double a) {
  return torch::tensor({std::cos(a), -std::sin(a), std::sin(a), std::cos(a)}, torch::kFloat64)
      .view({2, 2});
}

}  // namespace

class TestEvalFrechet : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Diagonal: ‖μ₁−μ₂‖² + Σᵢ (a + b − 2√(ab)) = (1 + 4) + (4+1−4) + (9+1−6) + (1+1−2) = 10.
  void diagonalGaussiansMatchClosedForm() {
    auto a = gaussian(torch::tensor({0.0, 0.0, 0.0}), torch::diag(torch::tensor({4.0, 9.0, 1.0})));
    auto b = gaussian(torch::tensor({1.0, 2.0, 0.0}), torch::diag(torch::tensor({1.0, 1.0, 1.0})));
    QVERIFY(std::abs(tfs::frechetDistance(a, b) - 10.0) < 1e-9);
    QVERIFY(std::abs(tfs::frechetDistance(b, a) - 10.0) < 1e-9);
  }

  // Co-rotated covariances commute: same value as diagonal (4+1−4) + (9+4−12) = 2, plus ‖Δμ‖² = 1.
  void rotatedCommutingCovariances() {
    const auto r = rotation(0.7);
    auto a = gaussian(torch::tensor({0.0, 0.0}),
                      r.matmul(torch::diag(torch::tensor({4.0, 9.0}, torch::kFloat64)))
                          .matmul(r.transpose(0, 1)));
    auto b = gaussian(torch::tensor({0.0, 1.0}),
                      r.matmul(torch::diag(torch::tensor({1.0, 4.0}, torch::kFloat64)))
                          .matmul(r.transpose(0, 1)));
    QVERIFY(std::abs(tfs::frechetDistance(a, b) - 3.0) < 1e-9);
  }

  // Non-commuting 2×2: tr√(Σ₁Σ₂) = √(tr(Σ₁Σ₂) + 2√(det Σ₁ det Σ₂)) (eigenvalues of a 2×2).
  // Σ₁ = [[2,1],[1,2]], Σ₂ = diag(1,3): Σ₁Σ₂ = [[2,3],[1,6]], tr 8, dets 3·3 → tr√ = √14.
  // Δμ = (1,2): d = 5 + 4 + 4 − 2√14.
  void nonCommutingCovariancesByHand() {
    auto a = gaussian(torch::tensor({0.0, 0.0}), torch::tensor({2.0, 1.0, 1.0, 2.0}).view({2, 2}));
    auto b = gaussian(torch::tensor({1.0, 2.0}), torch::diag(torch::tensor({1.0, 3.0})));
    const double expected = 13.0 - 2.0 * std::sqrt(14.0);
    QVERIFY2(std::abs(tfs::frechetDistance(a, b) - expected) < 1e-9,
             qPrintable(QString::number(tfs::frechetDistance(a, b))));
  }

  void fittedSamplesApproachTheClosedForm() {
    torch::manual_seed(3);
    const int64_t n = 20000;
    auto x = torch::randn({n, 4}, torch::kFloat64) *
             torch::tensor({1.0, 2.0, 1.0, 0.5}, torch::kFloat64);
    auto y = torch::randn({n, 4}, torch::kFloat64) +
             torch::tensor({1.0, 0.0, 0.0, 0.0}, torch::kFloat64);
    // Closed form: 1 + (1+1−2) + (4+1−4) + 0 + (0.25+1−1) = 2.25.
    const double d = tfs::frechetDistance(x.to(torch::kFloat32), y.to(torch::kFloat32));
    QVERIFY2(std::abs(d - 2.25) < 0.1, qPrintable(QString::number(d)));
    auto g = tfs::fitGaussian(x);
    QCOMPARE(g.count, n);
    QCOMPARE(g.cov.size(0), int64_t(4));
  }

  void identicalSetsAreZero() {
    torch::manual_seed(5);
    auto x = torch::randn({300, 64});  // D > N/5: a rank-deficient-ish covariance still works
    const double d = tfs::frechetDistance(x, x.clone());
    QVERIFY2(d >= 0 && d < 1e-6, qPrintable(QString::number(d)));
    auto few = torch::randn({20, 64});  // singular covariance (rank 19)
    QVERIFY(tfs::frechetDistance(few, few) < 1e-6);
    QVERIFY(tfs::frechetDistance(few, few + 1.0) > 63.9);  // shift of 1 in 64 dims
  }

  void labelSaysItIsNotCocoFid() {
    const auto s = QString::fromStdString(tfs::frechetLabel("fmnist-classifier"));
    QCOMPARE(s, QStringLiteral("Fréchet distance on fmnist-classifier features (not COCO FID)"));
  }

  void badInputsAreClearErrors() {
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::fitGaussian(torch::randn({1, 3})));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::fitGaussian(torch::randn({5})));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError,
                             tfs::frechetDistance(torch::randn({5, 3}), torch::randn({5, 4})));
  }

  void perplexityFromSummedNll() {
    QVERIFY(std::abs(tfs::perplexity(10 * std::log(4.0), 10) - 4.0) < 1e-12);
    QCOMPARE(tfs::perplexity(0.0, 7), 1.0);
    tfs::PerplexityMeter m;
    m.add(std::log(2.0), 3);  // 3 tokens at ln2, 1 token at ln8: mean (3ln2 + 3ln2)/4 → ppl 2^1.5
    m.add(std::log(8.0), 1);
    QCOMPARE(m.tokens(), int64_t(4));
    QVERIFY(std::abs(m.value() - std::pow(2.0, 1.5)) < 1e-12);
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::perplexity(1.0, 0));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::perplexity(NAN, 3));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::PerplexityMeter().value());
  }
};

QTEST_GUILESS_MAIN(TestEvalFrechet)
#include "test_eval_frechet.moc"
