// The Transfusion attention mask against hand-written tables and a naive reference.
#include <torch/torch.h>
#include <QtTest>

#include <random>

#include "core/base/error.h"
#include "core/model/attention_mask.h"
#include "core/model/mixed_sequence.h"

namespace {

torch::Tensor ids(const std::vector<int64_t>& v) {
  return torch::tensor(v, torch::kLong).unsqueeze(0);
}

torch::Tensor maskOf(const std::string& spec, bool bidirectional) {
  auto l = tfs::parseLayout(spec);
  return tfs::transfusionMask(ids(l.docIds), ids(l.imageIndex), bidirectional)[0];
}

torch::Tensor table(const std::vector<std::string>& rows) {
  const int64_t L = int64_t(rows.size());
  auto t = torch::zeros({L, L}, torch::kBool);
  for (int64_t q = 0; q < L; ++q)
    for (int64_t k = 0; k < L; ++k) t[q][k] = rows[q][k] == '1';
  return t;
}

QString show(const torch::Tensor& m) {
  QString s;
  for (int64_t q = 0; q < m.size(0); ++q) {
    s += QLatin1Char('\n');
    for (int64_t k = 0; k < m.size(1); ++k)
      s += m[q][k].item<bool>() ? QLatin1Char('1') : QLatin1Char('0');
  }
  return s;
}

// allowed(q,k) = same doc && (k <= q || same image), written as plain loops.
torch::Tensor naive(const std::vector<int64_t>& doc, const std::vector<int64_t>& img, bool bidir) {
  const int64_t L = int64_t(doc.size());
  auto t = torch::zeros({L, L}, torch::kBool);
  auto a = t.accessor<bool, 2>();
  for (int64_t q = 0; q < L; ++q)
    for (int64_t k = 0; k < L; ++k)
      a[q][k] = doc[q] == doc[k] && (k <= q || (bidir && img[q] >= 0 && img[q] == img[k]));
  return t;
}

}  // namespace

class TestModelMask : public QObject {
  Q_OBJECT

  void expectTable(const std::string& spec, bool bidir, const std::vector<std::string>& rows) {
    auto got = maskOf(spec, bidir);
    auto want = table(rows);
    if (!torch::equal(got, want))
      QFAIL(qPrintable(QStringLiteral("mask of %1:%2\nexpected:%3")
                           .arg(QString::fromStdString(spec), show(got), show(want))));
  }

 private Q_SLOTS:
  void textImageText() {
    // 0 t, 1 t, 2 BOI, 3 p, 4 p, 5 EOI, 6 t
    expectTable("text:2,image:2,text:1", true,
                {"1000000", "1100000", "1110000", "1111100", "1111100", "1111110", "1111111"});
  }

  void causalOnlySwitch() {
    expectTable("text:2,image:2,text:1", false,
                {"1000000", "1100000", "1110000", "1111000", "1111100", "1111110", "1111111"});
  }

  void twoImages() {
    // 0 t, 1 BOI, 2 p0, 3 p0, 4 EOI, 5 BOI, 6 p1, 7 EOI: patches never see the other image's future
    expectTable("text:1,image:2,image:1", true,
                {"10000000", "11000000", "11110000", "11110000", "11111000", "11111100", "11111110",
                 "11111111"});
  }

  void imageFirst() {
    expectTable("image:3,text:2", true,
                {"1000000", "1111000", "1111000", "1111000", "1111100", "1111110", "1111111"});
  }

  void packedDocuments() {
    expectTable("text:2,image:1|image:2,text:1", true,
                {"1000000000", "1100000000", "1110000000", "1111000000", "1111100000", "0000010000",
                 "0000011100", "0000011100", "0000011110", "0000011111"});
  }

  void paddingDoesNotLeakIntoDocuments() {
    auto doc = ids({0, 0, 0, -1, -1});
    auto img = ids({-1, -1, -1, -1, -1});
    auto m = tfs::transfusionMask(doc, img, true)[0];
    QVERIFY(!m.narrow(0, 0, 3).narrow(1, 3, 2).any().item<bool>());
    QVERIFY(!m.narrow(0, 3, 2).narrow(1, 0, 3).any().item<bool>());
    QVERIFY(m.any(1).all().item<bool>());  // every row attends somewhere: no NaN softmax rows
  }

  void randomLayoutsMatchNaiveReference() {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 60; ++trial) {
      std::string spec;
      const int items = 1 + int(rng() % 6);
      for (int i = 0; i < items; ++i) {
        if (i) spec += (rng() % 4 == 0) ? "|" : ",";
        spec += (rng() % 2 ? "text:" : "image:") + std::to_string(1 + rng() % 5);
      }
      auto l = tfs::parseLayout(spec);
      const int64_t padding = rng() % 3;
      l.padTo(l.length() + padding, 0);
      for (bool bidir : {true, false}) {
        auto got = tfs::transfusionMask(ids(l.docIds), ids(l.imageIndex), bidir)[0];
        QVERIFY2(torch::equal(got, naive(l.docIds, l.imageIndex, bidir)), spec.c_str());
        // The cached-decoding overload: the last rows against all keys equal the full mask's rows.
        const int64_t L = l.length(), start = int64_t(rng() % L);
        auto qIdx = torch::arange(start, L, torch::kLong).unsqueeze(0);
        auto kIdx = torch::arange(0, L, torch::kLong).unsqueeze(0);
        auto d = ids(l.docIds), im = ids(l.imageIndex);
        auto part =
            tfs::transfusionMask(d.narrow(1, start, L - start), im.narrow(1, start, L - start),
                                 qIdx, d, im, kIdx, bidir)[0];
        QVERIFY2(torch::equal(part, got.narrow(0, start, L - start)), spec.c_str());
      }
    }
  }

  void batchedRowsAreIndependent() {
    auto a = tfs::parseLayout("text:3,image:2");
    auto b = tfs::parseLayout("image:2|text:3");
    auto doc = torch::cat({ids(a.docIds), ids(b.docIds)});
    auto img = torch::cat({ids(a.imageIndex), ids(b.imageIndex)});
    auto m = tfs::transfusionMask(doc, img, true);
    QCOMPARE(m.size(0), 2);
    QVERIFY(torch::equal(m[0], naive(a.docIds, a.imageIndex, true)));
    QVERIFY(torch::equal(m[1], naive(b.docIds, b.imageIndex, true)));
  }

  void layoutParserRejectsBadItems() {
    for (const char* bad :
         {"", "text", "text:0", "pixels:3", "text:3,,image:2", "image:x", "text:2|"}) {
      try {
        tfs::parseLayout(bad);
        QFAIL(qPrintable(QStringLiteral("accepted '%1'").arg(QLatin1String(bad))));
      } catch (const tfs::UsageError& e) {
        QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("layout")));
      }
    }
  }

  void layoutSpansAndLabels() {
    auto l = tfs::parseLayout("text:2,image:3,text:1");
    QCOMPARE(l.length(), 8);
    QCOMPARE(int(l.spans.size()), 5);
    QCOMPARE(QString::fromStdString(l.spans[1].label()), QStringLiteral("BOI"));
    QCOMPARE(QString::fromStdString(l.spans[2].label()), QStringLiteral("patches of image 0"));
    QCOMPARE(l.spans[2].begin, 3);
    QCOMPARE(l.spans[2].end, 6);
  }

  void longPackedRowIsFast() {
    std::string spec;
    for (int i = 0; i < 16; ++i) spec += std::string(i ? "|" : "") + "text:60,image:196,text:8";
    auto l = tfs::parseLayout(spec);
    QElapsedTimer timer;
    timer.start();
    auto m = tfs::transfusionMask(ids(l.docIds), ids(l.imageIndex), true);
    QVERIFY(l.length() > 4000);
    QVERIFY(timer.elapsed() < 3000);
    QCOMPARE(m.sum().item<int64_t>() > 0, true);
  }
};

QTEST_GUILESS_MAIN(TestModelMask)
#include "test_model_mask.moc"
