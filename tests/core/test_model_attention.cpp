// The blocked attention equals the dense reference — outputs and gradients — on packed
// Transfusion masks (several documents per row, images bidirectional), on causal masks, and with a
// KV-cache-shaped mask (more keys than queries); maskedAttention takes it for long CPU sequences.
#include <ATen/autocast_mode.h>
#include <torch/torch.h>
#include <QtTest>

#include <cmath>

#include "core/model/attention.h"
#include "core/model/attention_mask.h"

namespace {

// Packed rows: documents of varying lengths, each with an image of `patches` positions.
void packedLayout(int64_t B, int64_t L, int64_t patches, torch::Tensor& docIds,
                  torch::Tensor& imageIds, uint64_t seed) {
  docIds = torch::full({B, L}, -1, torch::kInt64);
  imageIds = torch::full({B, L}, -1, torch::kInt64);
  auto d = docIds.accessor<int64_t, 2>();
  auto im = imageIds.accessor<int64_t, 2>();
  int64_t image = 0;
  for (int64_t b = 0; b < B; ++b) {
    int64_t pos = 0, doc = 0;
    while (pos < L - 10) {
      const int64_t len =
          std::min<int64_t>(L - pos, 20 + int64_t((seed * 7 + b * 13 + doc * 31) % 150));
      const int64_t imgAt = 3 + doc % 5;
      for (int64_t i = 0; i < len; ++i) {
        d[b][pos + i] = doc;
        if (i >= imgAt && i < imgAt + patches && imgAt + patches < len) im[b][pos + i] = image;
      }
      ++image;
      pos += len;
      ++doc;
    }
  }
}

}  // namespace

class TestModelAttention : public QObject {
  Q_OBJECT

  void compare(const torch::Tensor& mask, int64_t Lq, int64_t Lk, int64_t block) {
    torch::manual_seed(3);
    const int64_t B = mask.size(0), H = 4, D = 16;
    auto q = torch::randn({B, H, Lq, D}, torch::requires_grad());
    auto k = torch::randn({B, H, Lk, D}, torch::requires_grad());
    auto v = torch::randn({B, H, Lk, D}, torch::requires_grad());
    auto w = torch::randn({B, H, Lq, D});
    auto dense = tfs::denseAttention(q, k, v, mask);
    {
      // The textbook formula, independent of the engine's mask bias: masked_fill with -inf.
      torch::NoGradGuard ng;
      auto s = torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(double(D));
      auto naive = torch::matmul(
          torch::softmax(s.masked_fill(mask.logical_not().unsqueeze(1), -INFINITY), -1), v);
      QVERIFY((dense - naive).abs().max().item<double>() < 1e-5);
    }
    (dense * w).sum().backward();
    auto gq = q.grad().clone(), gk = k.grad().clone(), gv = v.grad().clone();
    q.mutable_grad().reset();
    k.mutable_grad().reset();
    v.mutable_grad().reset();
    auto blocked = tfs::blockedAttention(q, k, v, mask, block);
    (blocked * w).sum().backward();
    const double err = (blocked - dense).abs().max().item<double>();
    qInfo("Lq %lld Lk %lld block %lld: max |blocked - dense| = %.2e", (long long)Lq, (long long)Lk,
          (long long)block, err);
    QVERIFY(err < 1e-5);
    QVERIFY((q.grad() - gq).abs().max().item<double>() < 1e-4);
    QVERIFY((k.grad() - gk).abs().max().item<double>() < 1e-4);
    QVERIFY((v.grad() - gv).abs().max().item<double>() < 1e-4);
  }

 private Q_SLOTS:
  void packedTransfusionMask() {
    torch::Tensor docs, images;
    packedLayout(3, 300, 16, docs, images, 1);
    for (bool bidir : {true, false}) {
      auto mask = tfs::transfusionMask(docs, images, bidir);
      compare(mask, 300, 300, 64);
      compare(mask, 300, 300, 128);
      compare(mask, 300, 300, 7);  // ragged last block
    }
  }

  void cachedKeys() {
    // Queries at the end of a longer key sequence (the KV-cache shape): causal over all keys.
    const int64_t Lq = 70, Lk = 200;
    auto qi = torch::arange(Lk - Lq, Lk).view({Lq, 1});
    auto ki = torch::arange(Lk).view({1, Lk});
    auto mask = (ki <= qi).unsqueeze(0).expand({2, Lq, Lk}).contiguous();
    compare(mask, Lq, Lk, 16);
  }

  void longSequencesTakeTheBlockedPath() {
    // Same result through the dispatcher at a length where it blocks.
    torch::Tensor docs, images;
    packedLayout(1, tfs::kBlockedAttentionFrom + 5, 16, docs, images, 2);
    auto mask = tfs::transfusionMask(docs, images, true);
    const int64_t L = mask.size(1);
    auto q = torch::randn({1, 2, L, 8}), k = torch::randn({1, 2, L, 8}),
         v = torch::randn({1, 2, L, 8});
    auto a = tfs::maskedAttention(q, k, v, mask);
    auto b = tfs::denseAttention(q, k, v, mask);
    QVERIFY((a - b).abs().max().item<double>() < 1e-5);
    torch::Tensor probs;
    tfs::maskedAttention(q, k, v, mask, &probs);  // probabilities wanted: dense, full matrix
    QCOMPARE(probs.size(-1), L);
  }

  void bf16AutocastStaysCloseToFp32() {
    // Under CPU bf16 autocast (training's --precision bf16) the blocked path, with its bf16 block
    // size, stays within bf16 rounding of the fp32 reference, and its gradients flow.
    torch::Tensor docs, images;
    packedLayout(2, 300, 16, docs, images, 4);
    auto mask = tfs::transfusionMask(docs, images, true);
    torch::manual_seed(5);
    auto q = torch::randn({2, 4, 300, 32}, torch::requires_grad());
    auto k = torch::randn({2, 4, 300, 32}), v = torch::randn({2, 4, 300, 32});
    auto ref = tfs::denseAttention(q, k, v, mask);
    at::autocast::set_cpu_enabled(true);
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    auto low = tfs::blockedAttention(q, k, v, mask);
    at::autocast::set_cpu_enabled(false);
    at::autocast::clear_cache();
    QCOMPARE(low.scalar_type(), at::kBFloat16);
    const double err = (low.to(torch::kFloat) - ref).abs().max().item<double>();
    qInfo("bf16 blocked vs fp32 dense: max error %.3g", err);
    QVERIFY(err < 0.1);
    QVERIFY(err > 0);  // really computed in bf16
    low.to(torch::kFloat).sum().backward();
    QVERIFY(q.grad().defined() && q.grad().isfinite().all().item<bool>());
  }
};

QTEST_GUILESS_MAIN(TestModelAttention)
#include "test_model_attention.moc"
