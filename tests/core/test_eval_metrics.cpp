// The evaluation and benchmark pieces on cases computed by hand: FLOP formula, peak memory,
// caption accuracy, the attention-bench layout, tables, perplexity of a uniform model, the
// classifier input mapping and the ablation plans.
#include <torch/torch.h>
#include <QtTest>

#include <cmath>

#include "core/base/error.h"
#include "core/eval/ablation.h"
#include "core/eval/attention_bench.h"
#include "core/eval/caption_accuracy.h"
#include "core/eval/image_quality.h"
#include "core/eval/text_perplexity.h"
#include "core/eval/text_table.h"
#include "core/eval/train_bench.h"
#include "core/model/param_count.h"
#include "tests/core/train_fixtures.h"
#include "tests/support/test_support.h"

class TestEvalMetrics : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // tiny-test: 2 layers, d = 32. Rows 2 × L 64: attention = 12·2·32·64·(2·64) = 6,291,456.
  void trainFlopsFollowTheStatedFormula() {
    const auto cfg = tfs::preset("tiny-test");
    const auto f = tfs::trainStepFlops(cfg, 2, 64);
    QCOMPARE(f.attention, 6291456.0);
    const auto p = tfs::countParameters(cfg);
    const int64_t n =
        p.transformer + p.patchCodec + p.embeddings - cfg.vocabSize * 32;  // no lookup
    QCOMPARE(tfs::flopParameters(cfg), n);
    QCOMPARE(f.dense, 6.0 * double(n) * 128.0);
    QCOMPARE(f.total(), f.dense + f.attention);
  }

  void peakMemoryGrowsWithATouchedAllocation() {
    const int64_t before = tfs::peakRssBytes();
    QVERIFY(before > 0);
    auto big = torch::ones({64 * 1024 * 1024 / 4});  // 64 MiB, written
    QVERIFY(big.sum().item<double>() > 0);
    QVERIFY(tfs::peakRssBytes() >= before);
    QVERIFY(tfs::peakRssBytes() >= 64 * 1024 * 1024);
  }

  // Labels 0,0,1,2 captioned as 0, none, 1, 1: 2 of 4 right, one unnamed; class 0 recall 1/2.
  void captionAccuracyByHand() {
    tfs::CaptionAccuracy acc({"shirt", "boot", "bag"});
    acc.add(0, 0);
    acc.add(0, -1);
    acc.add(1, 1);
    acc.add(2, 1);
    QCOMPARE(acc.total(), int64_t(4));
    QCOMPARE(acc.correct(), int64_t(2));
    QCOMPARE(acc.unnamed(), int64_t(1));
    QCOMPARE(acc.value(), 0.5);
    QCOMPARE(acc.classAccuracy(0), 0.5);
    QCOMPARE(acc.classAccuracy(1), 1.0);
    QCOMPARE(acc.classAccuracy(2), 0.0);
    const auto j = acc.toJson();
    QCOMPARE(j["confusion"][2][1].get<int64_t>(), int64_t(1));
    QCOMPARE(j["confusion"][0][3].get<int64_t>(), int64_t(1));  // last column: no class named
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, acc.add(3, 0));
  }

  // caption 2, BOI, 3 patches, EOI, caption 2, BOI: image 0 at positions 3..5 only.
  void attentionLayoutByHand() {
    std::vector<int64_t> doc, img;
    tfs::attentionBenchLayout(10, 2, 3, doc, img);
    QCOMPARE(img, (std::vector<int64_t>{-1, -1, -1, 0, 0, 0, -1, -1, -1, -1}));
    QCOMPARE(doc, std::vector<int64_t>(10, 0));
  }

  void attentionBenchRunsOnATinySize() {
    tfs::AttentionBenchOptions o;
    o.lengths = {14};
    o.heads = 1;
    o.headDim = 4;
    o.captionTokens = 2;
    o.patchesPerImage = 3;
    o.repeats = 1;
    const auto j = tfs::benchAttention(o);
    QCOMPARE(j["rows"].size(), size_t(1));
    // Two images of 3 patches (L = 14): each patch sees the later ones of its image, 3 pairs per
    // image.
    QCOMPARE(j["rows"][0]["extra_allowed_pairs"].get<int64_t>(), int64_t(6));
    QVERIFY(j["rows"][0]["causal"]["forward_ms"].get<double>() > 0);
    QVERIFY(!tfs::formatAttentionBench(j).empty());
  }

  void tableAlignsColumns() {
    tfs::TextTable t({"arm", "FD ↓"});
    t.add({"a", "1.5"});
    t.add({"long name", "10.25"});
    QCOMPARE(QString::fromStdString(t.render()), QStringLiteral("arm         FD ↓\n"
                                                                "----------------\n"
                                                                "a            1.5\n"
                                                                "long name  10.25\n"));
    QCOMPARE(tfs::fmtNumber(2.0 / 3.0, 2), std::string("0.67"));
  }

  // A zero LM head gives uniform logits: NLL = ln V per token, perplexity = V exactly. Each line
  // [BOS] ids [EOS], cut to the 64-position row, has min(len + 2, 64) − 1 next-token targets.
  void perplexityOfAUniformModelIsTheVocabularySize() {
    const auto dir = (tfs::test::tempRoot() + QStringLiteral("/eval-metrics")).toStdString();
    auto tok = tfs::test::trainTestTokenizer(dir);
    auto cfg = tfs::test::tinyModel(tok);
    torch::manual_seed(0);
    tfs::TransfusionModel model(cfg);
    {
      torch::NoGradGuard ng;
      model->lmHead->weight.zero_();
    }
    tfs::test::SyntheticText text(7);
    int64_t expected = 0;
    int64_t cut = 0;
    for (auto e = text.next(); e; e = text.next()) {
      const int64_t k = int64_t(tok.encode(e->text).size()) + 2;
      expected += std::min<int64_t>(k, cfg.maxSeqLen) - 1;
      cut += k > cfg.maxSeqLen ? 1 : 0;
    }
    text.reset(0);
    tfs::TextPerplexityOptions o;
    o.docsPerBatch = 3;  // several packed batches
    const auto r = tfs::textPerplexity(model, tok, text, o);
    QCOMPARE(r.documents, int64_t(7));
    QCOMPARE(r.tokens, expected);
    QCOMPARE(r.truncated, cut);
    QVERIFY(std::abs(r.nllPerToken - std::log(double(cfg.vocabSize))) < 1e-4);
    QVERIFY(std::abs(r.perplexity / double(cfg.vocabSize) - 1.0) < 1e-3);
    tfs::test::SyntheticText empty(0);
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, tfs::textPerplexity(model, tok, empty, o));
  }

  // RGB → grey by the mean, through the model's 8×8 and on to the classifier's 28×28.
  void classifierInputMapsSizeAndChannels() {
    tfs::FeatureClassifierConfig cc;  // 28×28 grey
    auto x = torch::zeros({2, 3, 8, 8});
    x.select(1, 0).fill_(0.9);
    x.select(1, 1).fill_(-0.3);
    const auto y = tfs::toClassifierInput(x, 8, cc);
    QCOMPARE(y.sizes().vec(), (std::vector<int64_t>{2, 1, 28, 28}));
    QVERIFY((y - 0.2).abs().max().item<double>() < 1e-6);
    auto grey = torch::full({1, 1, 28, 28}, 0.5);
    cc.channels = 3;
    QCOMPARE(tfs::toClassifierInput(grey, 28, cc).size(1), int64_t(3));
  }

  void ablationPlansScaleWithTheBudget() {
    const auto a = tfs::ablationPlan("attention", 0.5);
    QCOMPARE(a.arms.size(), size_t(2));
    QCOMPARE(a.train["steps"].get<int64_t>(), int64_t(500));
    QCOMPARE(a.arms[1].model["bidirectionalImages"].get<bool>(), false);
    const auto p = tfs::ablationPlan("patches", 1.0);
    QCOMPARE(p.arms.size(), size_t(6));
    for (const auto& arm : p.arms) {
      auto m = p.model;
      m.merge_patch(arm.model);
      tfs::ModelConfig::fromJson(m).validate();  // every arm is a valid model
    }
    QCOMPARE(tfs::ablationPlan("noise-limit").arms[1].model["noiseLimit"].get<int64_t>(),
             int64_t(999));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, tfs::ablationPlan("dropout"));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, tfs::ablationPlan("attention", 0.0));
  }
};

QTEST_GUILESS_MAIN(TestEvalMetrics)
#include "test_eval_metrics.moc"
