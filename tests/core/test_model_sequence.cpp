// Document layouts (layoutFromItems), LM targets by the contract rule, and packing into a Batch.
#include <torch/torch.h>
#include <QtTest>

#include "core/base/error.h"
#include "core/model/mixed_sequence.h"

namespace {
std::vector<int64_t> vec(const torch::Tensor& t) {
  auto c = t.contiguous().to(torch::kLong);
  return std::vector<int64_t>(c.data_ptr<int64_t>(), c.data_ptr<int64_t>() + c.numel());
}
}  // namespace

class TestModelSequence : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void captionFirstLayoutAndTargets() {
    tfs::SpecialTokens sp;
    tfs::Document s;
    s.addText({sp.bos, 10, 11}).addLatent(torch::zeros({3, 4, 4}), 300, sp).addText({sp.eos});
    s.patchesPerImage = 4;  // 2×2 patches
    auto l = s.layout(sp);
    // BOS 10 11 BOI p p p p EOI EOS
    QCOMPARE(l.length(), 10);
    QCOMPARE(l.tokens, (std::vector<int64_t>{2, 10, 11, 4, 0, 0, 0, 0, 5, 3}));
    QCOMPARE(l.imageIndex, (std::vector<int64_t>{-1, -1, -1, -1, 0, 0, 0, 0, -1, -1}));
    QCOMPARE(l.positions, (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    // Loss at BOS→10, 10→11, 11→BOI, EOI→EOS; none at BOI (next is a patch) nor the last patch.
    QCOMPARE(l.lmTargets(),
             (std::vector<int64_t>{10, 11, 4, -100, -100, -100, -100, -100, 3, -100}));
    QStringList labels;
    for (const auto& sp2 : l.spans) labels << QString::fromStdString(sp2.label());
    QCOMPARE(labels, (QStringList{QStringLiteral("BOS"), QStringLiteral("text"),
                                  QStringLiteral("BOI"), QStringLiteral("patches of image 0"),
                                  QStringLiteral("EOI"), QStringLiteral("EOS")}));
    QCOMPARE(s.length(), 10);
  }

  void packingKeepsDocumentsApart() {
    tfs::SpecialTokens sp;
    tfs::Document a, b, c;
    auto latA = torch::ones({2, 4, 4}), latB = torch::full({2, 4, 4}, 2.0);
    auto noiseB = torch::full({2, 4, 4}, 0.5);
    a.addText({sp.bos, 7})
        .addLatent(latA, 100, sp)
        .addText({sp.eos});  // 9 positions with 4 patches
    b.addText({sp.bos}).addLatent(latB, 0, sp, false, noiseB).addText({8, sp.eos});  // 9 positions
    c.addText({sp.bos, 9, 9, sp.eos});                                               // 4
    tfs::PackOptions o;
    o.rowLength = 16;
    o.patchSize = 2;
    auto batch = tfs::packDocuments({a, b, c}, o);
    QCOMPARE(batch.rows(), 2);  // a + (b does not fit) → b + c
    QCOMPARE(batch.length(), 16);
    QCOMPARE(batch.images(), 2);
    QCOMPARE(vec(batch.docIds[0]),
             (std::vector<int64_t>{0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1}));
    QCOMPARE(vec(batch.docIds[1]),
             (std::vector<int64_t>{0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, -1, -1, -1}));
    QCOMPARE(vec(batch.positions[1]),
             (std::vector<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 0, 0, 0}));
    QCOMPARE(vec(batch.imageIds[1]),
             (std::vector<int64_t>{-1, -1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}));
    // EOS of b must not predict BOS of c (different documents); padding has no targets.
    QCOMPARE(vec(batch.lmTargets[1]),
             (std::vector<int64_t>{4, -100, -100, -100, -100, -100, 8, 3, -100, 9, 9, 3, -100, -100,
                                   -100, -100}));
    QCOMPARE(batch.patchMask.sum().item<int64_t>(), 8);
    QVERIFY(torch::equal(batch.latents[0], latA));
    QVERIFY(torch::equal(batch.noise[1], noiseB));
    QCOMPARE(vec(batch.timesteps), (std::vector<int64_t>{100, 0}));
    QCOMPARE(batch.diffusionWeight[0].item<float>(), 1.f);
    QCOMPARE(batch.diffusionWeight[1].item<float>(), 0.f);
  }

  void tooLongDocumentIsAClearError() {
    tfs::Document a;
    a.addText(std::vector<int64_t>(40, 9));
    tfs::PackOptions o;
    o.rowLength = 16;
    try {
      tfs::packDocuments({a}, o);
      QFAIL("expected DataError");
    } catch (const tfs::DataError& e) {
      QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("needs 40 positions")));
    }
    o.rowLength = 64;
    o.rows = 3;
    auto b = tfs::packDocuments({a}, o);
    QCOMPARE(b.rows(), 3);  // padded with empty rows
    QVERIFY(!b.latents.defined());
    QCOMPARE(b.docIds[2].max().item<int64_t>(), -1);
  }

  void mixedLatentShapesAreRefused() {
    tfs::SpecialTokens sp;
    tfs::Document a;
    a.addLatent(torch::zeros({3, 4, 4}), 1, sp).addLatent(torch::zeros({3, 8, 8}), 1, sp);
    tfs::PackOptions o;
    o.rowLength = 64;
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::packDocuments({a}, o));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError,
                             tfs::Document().addLatent(torch::zeros({4, 4}), 0, sp));
  }
};

QTEST_GUILESS_MAIN(TestModelSequence)
#include "test_model_sequence.moc"
