// The fused CPU kernels (core/model/fused_ops.h) against their reference formulas: values and
// gradients, float32 and bfloat16, odd row widths (vector tails), several threads.
#include <torch/torch.h>
#include <QtTest>

#include "core/model/fused_ops.h"
#include "core/model/rms_norm.h"
#include "core/model/swiglu.h"

namespace {

double maxRelError(const torch::Tensor& a, const torch::Tensor& b) {
  auto fa = a.to(torch::kDouble), fb = b.to(torch::kDouble);
  return ((fa - fb).abs().max() / fb.abs().max().clamp_min(1e-12)).item<double>();
}

// Values and input/weight gradients of fused vs reference under one upstream gradient.
struct Grads {
  torch::Tensor y, gx, gw;
};

template <typename F>
Grads run(F f, const torch::Tensor& x0, const torch::Tensor& w0, const torch::Tensor& up) {
  auto x = x0.clone().requires_grad_(true);
  auto w = w0.clone().requires_grad_(true);
  auto y = f(x, w);
  y.backward(up);
  return {y.detach(), x.grad(), w.grad()};
}

}  // namespace

class TestModelFused : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(tfs::fusedOpsEnabled());
    torch::set_num_threads(2);
  }

  void rmsNormMatchesReference_data() {
    QTest::addColumn<int>("dtype");
    QTest::addColumn<int>("width");
    QTest::newRow("fp32 256") << int(torch::kFloat) << 256;
    QTest::newRow("fp32 37") << int(torch::kFloat) << 37;
    QTest::newRow("bf16 256") << int(torch::kBFloat16) << 256;
    QTest::newRow("bf16 19") << int(torch::kBFloat16) << 19;
  }
  void rmsNormMatchesReference() {
    QFETCH(int, dtype);
    QFETCH(int, width);
    const auto dt = torch::ScalarType(dtype);
    torch::manual_seed(width);
    auto x = (torch::randn({3, 41, width}) * 3 + 0.5).to(dt);
    auto w = torch::rand({width}) + 0.5;
    auto up = torch::randn({3, 41, width}).to(dt);
    auto fused = run([](auto& a, auto& b) { return tfs::rmsNorm(a, b, 1e-5); }, x, w, up);
    auto ref = run([](auto& a, auto& b) { return tfs::rmsNormReference(a, b, 1e-5); }, x, w, up);
    QCOMPARE(fused.y.scalar_type(), dt);
    QCOMPARE(fused.gx.scalar_type(), dt);
    QCOMPARE(fused.gw.scalar_type(), torch::kFloat);
    const double tol = dt == torch::kFloat ? 1e-5 : 1.6e-2;  // bf16: one rounding of 8 bits
    QVERIFY2(maxRelError(fused.y, ref.y) < tol,
             qPrintable(QString::number(maxRelError(fused.y, ref.y))));
    QVERIFY2(maxRelError(fused.gx, ref.gx) < tol,
             qPrintable(QString::number(maxRelError(fused.gx, ref.gx))));
    QVERIFY2(maxRelError(fused.gw, ref.gw) < (dt == torch::kFloat ? 1e-5 : 2e-2),
             qPrintable(QString::number(maxRelError(fused.gw, ref.gw))));
  }

  // The module uses the fused path and keeps the old formula's values (fp32).
  void rmsNormModule() {
    torch::manual_seed(1);
    tfs::RMSNorm n(64);
    auto x = torch::randn({5, 64});
    auto want = x * torch::rsqrt(x.pow(2).mean(-1, true) + 1e-5);
    QVERIFY(torch::allclose(n(x), want, 1e-5, 1e-6));
  }

  void siluMulMatchesReference_data() {
    QTest::addColumn<int>("dtype");
    QTest::addColumn<int>("count");
    QTest::newRow("fp32 block multiple") << int(torch::kFloat) << 4096;
    QTest::newRow("fp32 tail") << int(torch::kFloat) << 1000003;
    QTest::newRow("bf16") << int(torch::kBFloat16) << 5003;
  }
  void siluMulMatchesReference() {
    QFETCH(int, dtype);
    QFETCH(int, count);
    const auto dt = torch::ScalarType(dtype);
    torch::manual_seed(count);
    // Wide range: the exp approximation is clamped at ±88, silu saturates long before.
    auto a = (torch::randn({count}) * 6).to(dt);
    a.index_put_({0}, 120.0);
    a.index_put_({1}, -120.0);
    auto b = torch::randn({count}).to(dt);
    auto up = torch::randn({count}).to(dt);
    auto fused = run([](auto& p, auto& q) { return tfs::siluMul(p, q); }, a, b, up);
    auto ref = run([](auto& p, auto& q) { return tfs::siluMulReference(p, q); }, a, b, up);
    QCOMPARE(fused.y.scalar_type(), dt);
    const double tol = dt == torch::kFloat ? 2e-6 : 1e-2;
    QVERIFY2(maxRelError(fused.y, ref.y) < tol,
             qPrintable(QString::number(maxRelError(fused.y, ref.y))));
    QVERIFY2(maxRelError(fused.gx, ref.gx) < tol,
             qPrintable(QString::number(maxRelError(fused.gx, ref.gx))));
    QVERIFY2(maxRelError(fused.gw, ref.gw) < tol,
             qPrintable(QString::number(maxRelError(fused.gw, ref.gw))));
    QVERIFY(torch::isfinite(fused.gx.to(torch::kFloat)).all().item<bool>());
  }

  void ropeMatchesReference_data() {
    QTest::addColumn<int>("dtype");
    QTest::newRow("fp32") << int(torch::kFloat);
    QTest::newRow("bf16") << int(torch::kBFloat16);
  }
  void ropeMatchesReference() {
    QFETCH(int, dtype);
    const auto dt = torch::ScalarType(dtype);
    torch::manual_seed(9);
    // [B,H,L,Dh] from a transpose, as attention makes it (non-contiguous); positions restart
    // per packed document.
    auto x = torch::randn({2, 5, 3, 32}).transpose(1, 2).to(dt);  // [2,3,5,32]
    auto positions = torch::tensor({0, 1, 2, 0, 1, 7, 8, 9, 10, 300}, torch::kLong).view({2, 5});
    auto up = torch::randn({2, 3, 5, 32}).to(dt);
    auto f = [&](auto fn) {
      auto xi = x.detach().clone().requires_grad_(true);
      auto y = fn(xi, positions, 10000.0);
      y.backward(up);
      return std::make_pair(y.detach(), xi.grad());
    };
    auto [yf, gf] = f([](auto& a, auto& p, double t) { return tfs::rope(a, p, t); });
    auto [yr, gr] = f([](auto& a, auto& p, double t) { return tfs::ropeReference(a, p, t); });
    QCOMPARE(yf.scalar_type(), dt);
    QCOMPARE(gf.scalar_type(), dt);
    const double tol = dt == torch::kFloat ? 1e-5 : 1.6e-2;
    QVERIFY2(maxRelError(yf, yr) < tol, qPrintable(QString::number(maxRelError(yf, yr))));
    QVERIFY2(maxRelError(gf, gr) < tol, qPrintable(QString::number(maxRelError(gf, gr))));
    // A rotation keeps each pair's length, and position 0 is the identity.
    if (dt == torch::kFloat) {
      QVERIFY(torch::allclose(yf.select(2, 0)[0], x.select(2, 0)[0], 1e-6, 1e-6));
      QVERIFY(torch::allclose(yf.norm(2, -1), x.norm(2, -1), 1e-5, 1e-5));
    }
  }

  // A non-contiguous input (a transposed view) takes the same fused path correctly.
  void nonContiguousInputs() {
    torch::manual_seed(2);
    auto a = torch::randn({64, 48}).t(), b = torch::randn({64, 48}).t();
    QVERIFY(!a.is_contiguous());
    QVERIFY(torch::allclose(tfs::siluMul(a, b), tfs::siluMulReference(a, b), 1e-5, 1e-6));
    auto w = torch::rand({64});
    QVERIFY(
        torch::allclose(tfs::rmsNorm(a, w, 1e-5), tfs::rmsNormReference(a, w, 1e-5), 1e-5, 1e-6));
  }

  // Under no-grad (generation) the fused path gives the same values.
  void noGrad() {
    torch::NoGradGuard g;
    tfs::SwiGLU f(32, 64);
    auto x = torch::randn({2, 7, 32});
    auto want = f->down(torch::silu(f->gate(x)) * f->up(x));
    QVERIFY(torch::allclose(f(x), want, 1e-5, 1e-6));
  }
};

QTEST_GUILESS_MAIN(TestModelFused)
#include "test_model_fused.moc"
