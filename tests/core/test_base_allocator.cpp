// The caching CPU allocator: large blocks come back from its cache instead of the kernel, values
// stay intact, small blocks pass through, the size classes waste at most 1/8, and the cache can be
// emptied; bf16 autocast and the CPU feature probe behave.
#include <torch/torch.h>
#include <QtTest>

#include <c10/core/CPUAllocator.h>

#include <cstring>

#include "core/base/cpu_allocator.h"
#include "core/base/error.h"
#include "core/base/precision.h"
#include "core/base/runtime.h"

class TestBaseAllocator : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    tfs::initThreads(1);
    QVERIFY(tfs::cachingCpuAllocatorInstalled());
    QVERIFY(!tfs::installCachingCpuAllocator());  // once per process
  }

  void sizeClasses() {
    QCOMPARE(tfs::cpuCacheSizeClass(1000), size_t(1000));  // small: passed through
    for (size_t n :
         {size_t(256) << 10, (size_t(1) << 20) + 1, size_t(33554432) + 12345, size_t(3) << 28}) {
      const size_t c = tfs::cpuCacheSizeClass(n);
      QVERIFY(c >= n);
      QVERIFY(double(c - n) <= double(n) / 8.0);
    }
    QCOMPARE(tfs::cpuCacheSizeClass(size_t(1) << 20), size_t(1) << 20);
  }

  void largeBlocksAreReused() {
    const auto before = tfs::cpuCacheStats();
    for (int i = 0; i < 5; ++i) {
      auto t = torch::full({1024, 1024}, float(i));  // 4 MiB
      QCOMPARE(t.sum().item<double>(), double(i) * 1024 * 1024);
    }
    const auto after = tfs::cpuCacheStats();
    QVERIFY2(after.hits - before.hits >= 4,
             qPrintable(QString("%1 hits").arg(after.hits - before.hits)));
    QCOMPARE(after.liveBytes, before.liveBytes);
    QVERIFY(after.cachedBytes >= 4 << 20);
    tfs::emptyCpuCache();
    QCOMPARE(tfs::cpuCacheStats().cachedBytes, int64_t(0));
  }

  // mkldnn (convolutions) allocates through raw_allocate/raw_deallocate, which want the data
  // pointer as the context: large and small blocks both.
  void rawAllocationsAndConvolutions() {
    auto* a = c10::GetCPUAllocator();
    for (size_t n : {size_t(64), size_t(4) << 20}) {
      void* p = a->raw_allocate(n);
      QVERIFY(p != nullptr);
      std::memset(p, 1, n);
      a->raw_deallocate(p);
    }
    auto x = torch::randn({4, 8, 64, 64}, torch::requires_grad());
    auto w = torch::randn({16, 8, 3, 3}, torch::requires_grad());
    auto y = torch::conv2d(x, w, {}, 1, 1);
    y.pow(2).mean().backward();
    QVERIFY(w.grad().isfinite().all().item<bool>());
  }

  void trainingLikeWorkStaysCorrect() {
    torch::manual_seed(0);
    auto w = torch::randn({256, 256}, torch::requires_grad());
    for (int step = 0; step < 3; ++step) {
      auto x = torch::randn({512, 256});
      auto y = torch::matmul(torch::softmax(torch::matmul(x, w), -1), w.t());
      y.pow(2).mean().backward();
      QVERIFY(w.grad().isfinite().all().item<bool>());
      w.grad().zero_();
    }
  }

  void autocastScopeRestores() {
    const bool was = tfs::cpuFeatures().nativeBf16();
    Q_UNUSED(was);
    auto a = torch::randn({64, 64}), b = torch::randn({64, 64});
    {
      tfs::AutocastScope on(torch::kCPU, tfs::Precision::Bf16);
      QCOMPARE(torch::mm(a, b).scalar_type(), torch::kBFloat16);
      {
        tfs::AutocastScope off(torch::kCPU, tfs::Precision::Fp32);
        QCOMPARE(torch::mm(a, b).scalar_type(), torch::kBFloat16);  // fp32 scope changes nothing
      }
      QCOMPARE(torch::mm(a, b).scalar_type(), torch::kBFloat16);
    }
    QCOMPARE(torch::mm(a, b).scalar_type(), torch::kFloat32);
    QCOMPARE(tfs::precisionName(tfs::resolvePrecision("bf16", torch::kCPU)), std::string("bf16"));
  }

  void ceilingsOfBothPrecisions() {
    const auto c = tfs::measureCeilings(torch::kCPU, 128, 0.02);
    QVERIFY(c.fp32.gflops > 0 && c.bf16.gflops > 0);
    QCOMPARE(c.fp32.dtype, std::string("fp32"));
    QCOMPARE(c.bf16.dtype, std::string("bf16"));
    QCOMPARE(c.of(true), c.bf16.gflops);
  }
};

QTEST_GUILESS_MAIN(TestBaseAllocator)
#include "test_base_allocator.moc"
