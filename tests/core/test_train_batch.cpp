// The mixed batch: contract layouts, packing with document masking, the 80/20 and 1:1
// proportions, LM targets, resumable state, edits and the latent cache.
#include <torch/torch.h>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/model/attention_mask.h"
#include "core/model/transfusion_model.h"
#include "core/train/batch_builder.h"
#include "core/train/latent_cache.h"
#include "tests/core/train_fixtures.h"
#include "tests/support/test_support.h"

using tfs::test::SyntheticImages;
using tfs::test::SyntheticText;

namespace {

tfs::LatentEncoder identity() {
  return [](const std::vector<std::string>&, const torch::Tensor& x) { return x.clone(); };
}

// One packed document of a row, read back from the batch.
struct Doc {
  int64_t row, begin, end;
  bool hasImage;
};

std::vector<Doc> documents(const tfs::Batch& b) {
  std::vector<Doc> out;
  auto dc = b.docIds.accessor<int64_t, 2>();
  auto pm = b.patchMask.accessor<bool, 2>();
  for (int64_t r = 0; r < b.rows(); ++r) {
    int64_t i = 0;
    while (i < b.length() && dc[r][i] >= 0) {
      int64_t j = i;
      bool img = false;
      while (j < b.length() && dc[r][j] == dc[r][i]) {
        img = img || pm[r][j];  // not `img || pm[r][j++]`: short-circuit would stop j
        ++j;
      }
      out.push_back({r, i, j, img});
      i = j;
    }
  }
  return out;
}

}  // namespace

class TestTrainBatch : public QObject {
  Q_OBJECT
  std::string dir_;
  std::unique_ptr<tfs::Tokenizer> tok_;
  tfs::ModelConfig model_;
  tfs::TrainConfig train_;

 private Q_SLOTS:
  void initTestCase() {
    dir_ = (tfs::test::tempRoot() + "/train_batch").toStdString();
    std::filesystem::remove_all(dir_);
    tok_ = std::make_unique<tfs::Tokenizer>(tfs::test::trainTestTokenizer(dir_));
    model_ = tfs::test::tinyModel(*tok_);
    train_.batchRows = 4;
    train_.rowLength = 64;
    train_.seed = 7;
  }

  void captionFirstLayoutAndTargetsByHand() {
    tfs::DocImage img;
    img.image = torch::zeros({3, 8, 8});
    img.noise = torch::zeros({3, 4, 4});
    img.timestep = 9;
    auto& t = *tok_;
    // P = 2 patches to keep the table small: [BOS] c1 c2 [BOI] p p [EOI] [EOS] | [BOS] x [EOS]
    auto d1 = tfs::captionFirstDocument(t, {10, 11}, img, 2);
    auto d2 = tfs::textDocument(t, {12});
    QCOMPARE(d1.length(), int64_t(8));
    auto b = tfs::packRows({{d1, d2}}, 12, t.special(), identity(), {3, 8, 8});
    const int64_t bos = t.bos(), eos = t.eos(), boi = t.boi(), eoi = t.eoi(), pad = t.pad();
    std::vector<int64_t> tokens = {bos, 10, 11, boi, pad, pad, eoi, eos, bos, 12, eos, pad};
    std::vector<int64_t> targets = {10, 11, boi, -100, -100, -100, eos, -100, 12, eos, -100, -100};
    std::vector<int64_t> pos = {0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 0};
    std::vector<int64_t> doc = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, -1};
    std::vector<int64_t> imgs = {-1, -1, -1, -1, 0, 0, -1, -1, -1, -1, -1, -1};
    for (int i = 0; i < 12; ++i) {
      QCOMPARE(b.tokens[0][i].item<int64_t>(), tokens[i]);
      QCOMPARE(b.lmTargets[0][i].item<int64_t>(), targets[i]);
      QCOMPARE(b.positions[0][i].item<int64_t>(), pos[i]);
      QCOMPARE(b.docIds[0][i].item<int64_t>(), doc[i]);
      QCOMPARE(b.imageIds[0][i].item<int64_t>(), imgs[i]);
      QCOMPARE(b.patchMask[0][i].item<bool>(), imgs[i] >= 0);
    }
    QCOMPARE(b.timesteps[0].item<int64_t>(), int64_t(9));
    QCOMPARE(b.images(), int64_t(1));
  }

  void imageFirstAndEditLayouts() {
    auto& t = *tok_;
    tfs::DocImage a, c;
    a.image = c.image = torch::zeros({3, 8, 8});
    a.noise = c.noise = torch::zeros({3, 8, 8});
    auto f = tfs::imageFirstDocument(t, {10}, a, 1);
    std::vector<int64_t> expect = {t.bos(), t.boi(), tfs::Document::kImageSlot,
                                   t.eoi(), 10,      t.eos()};
    QCOMPARE(f.items, expect);
    a.timestep = 300;
    a.diffusionWeight = 1;
    auto e = tfs::editDocument(t, a, {11}, c, 1);
    expect = {t.bos(),
              11,
              t.boi(),
              tfs::Document::kImageSlot,
              t.eoi(),
              t.boi(),
              tfs::Document::kImageSlot - 1,
              t.eoi(),
              t.eos()};
    QCOMPARE(e.items, expect);
    // The output image starts patches + 2 positions after the input image, whatever the
    // instruction's length (RoPE's fixed offset for copying what is unchanged).
    for (const std::vector<int64_t>& instr :
         {std::vector<int64_t>{11}, std::vector<int64_t>{11, 12, 13}}) {
      const auto d = tfs::editDocument(t, a, instr, c, 4);
      std::vector<int64_t> starts;
      int64_t pos = 0;
      for (int64_t item : d.items) {
        if (tfs::DocumentItems::isSlot(item)) {
          starts.push_back(pos);
          pos += 4;
        } else {
          ++pos;
        }
      }
      QCOMPARE(int64_t(starts.size()), int64_t(2));
      QCOMPARE(starts[1] - starts[0], int64_t(4 + 2));
    }
    QCOMPARE(e.images[0].timestep, int64_t(0));  // the input is clean and gets no loss
    QCOMPARE(e.images[0].diffusionWeight, 0.0f);
  }

  void packingNeverLetsDocumentsAttendEachOther() {
    SyntheticImages images(1000);
    SyntheticText text(1000);
    tfs::BatchBuilder bb(model_, train_, *tok_, {&images}, &text, identity());
    for (int k = 0; k < 5; ++k) {
      auto b = bb.next();
      QCOMPARE(b.tokens.sizes(), torch::IntArrayRef({4, 64}));
      auto mask = tfs::transfusionMask(b.docIds, b.imageIds, true);
      // Keys of another document (or padding) are never visible.
      auto sameDoc = b.docIds.unsqueeze(2) == b.docIds.unsqueeze(1);
      auto padQ = (b.docIds < 0).unsqueeze(2).expand_as(mask);
      QVERIFY(!(mask & ~sameDoc & ~padQ).any().item<bool>());
      // Every document starts at position 0 with BOS and ends with EOS (never split).
      for (const auto& d : documents(b)) {
        QCOMPARE(b.positions[d.row][d.begin].item<int64_t>(), int64_t(0));
        QCOMPARE(b.tokens[d.row][d.begin].item<int64_t>(), tok_->bos());
        QCOMPARE(b.tokens[d.row][d.end - 1].item<int64_t>(), tok_->eos());
        QCOMPARE(b.positions[d.row][d.end - 1].item<int64_t>(), d.end - 1 - d.begin);
      }
      // Image n's patches are contiguous and there are exactly P of them.
      for (int64_t n = 0; n < b.images(); ++n)
        QCOMPARE((b.imageIds == n).sum().item<int64_t>(), model_.patchesPerImage());
    }
  }

  void lmTargetsFollowTheContractRule() {
    SyntheticImages images(1000);
    SyntheticText text(1000);
    tfs::BatchBuilder bb(model_, train_, *tok_, {&images}, &text, identity());
    auto b = bb.next();
    auto tk = b.tokens.accessor<int64_t, 2>();
    auto dc = b.docIds.accessor<int64_t, 2>();
    auto pm = b.patchMask.accessor<bool, 2>();
    auto tg = b.lmTargets.accessor<int64_t, 2>();
    int64_t withLoss = 0;
    for (int64_t r = 0; r < b.rows(); ++r)
      for (int64_t i = 0; i < b.length(); ++i) {
        const bool ok = i + 1 < b.length() && dc[r][i] >= 0 && dc[r][i] == dc[r][i + 1] &&
                        !pm[r][i] && !pm[r][i + 1];
        QCOMPARE(tg[r][i], ok ? tk[r][i + 1] : int64_t(-100));
        if (tk[r][i] == tok_->boi() && i + 1 < b.length() && pm[r][i + 1])
          QCOMPARE(tg[r][i], int64_t(-100));  // no loss where the input is BOI
        withLoss += ok;
      }
    QVERIFY(withLoss > 20);
  }

  void captionFirstEightyPercentAndNoiseLimit() {
    SyntheticImages images(100000);
    auto m = model_;
    m.captionDropout = 0;
    auto tc = train_;
    tc.batchRows = 8;
    tfs::BatchBuilder bb(m, tc, *tok_, {&images}, nullptr, identity());
    int64_t first = 0, total = 0, limited = 0;
    for (int k = 0; k < 60; ++k) {
      auto b = bb.next();
      for (const auto& d : documents(b)) {
        QVERIFY(d.hasImage);
        const bool imageFirst = b.tokens[d.row][d.begin + 1].item<int64_t>() == tok_->boi();
        first += !imageFirst;
        ++total;
        if (imageFirst) {
          const int64_t n = b.imageIds[d.row][d.begin + 2].item<int64_t>();
          QVERIFY(b.timesteps[n].item<int64_t>() <= m.noiseLimit);
          ++limited;
        }
      }
    }
    const double p = double(first) / total;
    QVERIFY2(total > 300, qPrintable(QString::number(total)));
    QVERIFY2(p > 0.74 && p < 0.86, qPrintable(QString::number(p)));
    // The counters count documents drawn; the last one drawn may wait for the next batch
    // because it did not fit in this one.
    const int64_t drawn = bb.counters().captionFirst;
    QVERIFY2(drawn == first || drawn == first + 1,
             qPrintable(QStringLiteral("%1 drawn, %2 packed").arg(drawn).arg(first)));
    QVERIFY(limited > 0);
  }

  void textToImageRatioIsOneToOneOverTime() {
    SyntheticImages images(100000);
    SyntheticText text(100000);
    tfs::BatchBuilder bb(model_, train_, *tok_, {&images}, &text, identity());
    int64_t textTokens = 0, patches = 0;
    for (int k = 0; k < 80; ++k) {
      auto b = bb.next();
      for (const auto& d : documents(b))
        if (!d.hasImage) textTokens += d.end - d.begin;
      patches += b.patchMask.sum().item<int64_t>();
    }
    const double ratio = double(textTokens) / patches;
    QVERIFY2(ratio > 0.9 && ratio < 1.1, qPrintable(QString::number(ratio)));
    // Another ratio is honoured too.
    auto tc = train_;
    tc.textImageRatio = 3.0;
    tfs::BatchBuilder b3(model_, tc, *tok_, {&images}, &text, identity());
    for (int k = 0; k < 40; ++k) b3.next();
    const double r3 = double(b3.counters().textTokens) / b3.counters().imagePatches;
    QVERIFY2(r3 > 2.7 && r3 < 3.3, qPrintable(QString::number(r3)));
  }

  void captionDropoutGivesTheUnconditionalLayout() {
    SyntheticImages images(1000);
    auto m = model_;
    m.captionDropout = 1.0;
    tfs::BatchBuilder bb(m, train_, *tok_, {&images}, nullptr, identity());
    auto b = bb.next();
    for (const auto& d : documents(b)) {
      QCOMPARE(d.end - d.begin, model_.patchesPerImage() + 4);  // BOS BOI <P> EOI EOS
      QCOMPARE(b.tokens[d.row][d.begin + 1].item<int64_t>(), tok_->boi());
    }
    QCOMPARE(bb.counters().captionFirst + bb.counters().imageFirst, int64_t(0));
  }

  void stateRestoresTheExactStream() {
    SyntheticImages imagesA(37), imagesB(37);  // short: epochs roll over during the test
    SyntheticText textA(23), textB(23);
    tfs::BatchBuilder a(model_, train_, *tok_, {&imagesA}, &textA, identity());
    for (int k = 0; k < 6; ++k) a.next();
    auto state = a.state();
    tfs::BatchBuilder b(model_, train_, *tok_, {&imagesB}, &textB, identity());
    b.restore(nlohmann::json::parse(state.dump()));
    for (int k = 0; k < 8; ++k) {
      auto x = a.next(), y = b.next();
      QVERIFY(torch::equal(x.tokens, y.tokens));
      QVERIFY(torch::equal(x.lmTargets, y.lmTargets));
      QVERIFY(torch::equal(x.timesteps, y.timesteps));
      QVERIFY(torch::equal(x.noise, y.noise));
      QVERIFY(torch::equal(x.latents, y.latents));
    }
    // A different seed gives a different stream.
    auto tc = train_;
    tc.seed = 8;
    SyntheticImages imagesC(37);
    SyntheticText textC(23);
    tfs::BatchBuilder c(model_, tc, *tok_, {&imagesC}, &textC, identity());
    tfs::BatchBuilder d(model_, train_, *tok_, {&imagesB}, &textB, identity());
    QVERIFY(!torch::equal(c.next().noise, d.next().noise));
  }

  void editBatchesHaveACleanInputAndANoisedOutput() {
    tfs::test::SyntheticEdits edits;
    tfs::EditBatchBuilder eb(model_, train_, *tok_, &edits, identity());
    auto b = eb.next();
    QVERIFY(b.images() >= 2 && b.images() % 2 == 0);
    for (int64_t n = 0; n < b.images(); n += 2) {
      QCOMPARE(b.timesteps[n].item<int64_t>(), int64_t(0));
      QCOMPARE(b.diffusionWeight[n].item<float>(), 0.0f);
      QCOMPARE(b.diffusionWeight[n + 1].item<float>(), 1.0f);
      QCOMPARE(b.latents[n].mean().item<float>(), -0.5f);
      QCOMPARE(b.latents[n + 1].mean().item<float>(), 0.5f);
    }
  }

  void editRegionWeightsTheChangedPatches() {
    // An input and an output that differ in one pixel, in the tiny model's patch geometry.
    const int64_t S = model_.imageSize, C = model_.imageChannels;
    const int64_t p = model_.patchSize * std::max<int64_t>(1, model_.vaeFactor);
    auto in = torch::full({C, S, S}, -1.0f), out = in.clone();
    out.index_put_({0, p + 1, 2 * p + 1}, 1.0f);  // inside patch (row 1, column 2)
    auto map = tfs::editRegionLossMap(model_, in, out, 8.0);
    QCOMPARE(map.sizes().vec(), (std::vector<int64_t>{S, S}));
    // Exactly one patch weighs 8, every other pixel 1.
    QCOMPARE(map.eq(8.0f).sum().item<int64_t>(), p * p);
    QCOMPARE(map.index({torch::indexing::Slice(p, 2 * p), torch::indexing::Slice(2 * p, 3 * p)})
                 .min()
                 .item<float>(),
             8.0f);
    QCOMPARE(map.eq(1.0f).sum().item<int64_t>(), S * S - p * p);
    // Nothing changed: uniform.
    QCOMPARE(tfs::editRegionLossMap(model_, in, in, 8.0).eq(1.0f).all().item<bool>(), true);

    // In a batch: the edit's output carries the map, on the latent grid; other images ones.
    auto tc = train_;
    tc.editRegionWeight = 8.0;
    tfs::test::SyntheticEdits edits;
    tfs::EditBatchBuilder eb(model_, tc, *tok_, &edits, identity());
    auto b = eb.next();
    QVERIFY(b.lossMap.defined());
    QCOMPARE(b.lossMap.size(0), b.images());
    QCOMPARE(b.lossMap.size(2), b.latents.size(2));
    for (int64_t n = 0; n < b.images(); n += 2) {
      QVERIFY(b.lossMap[n].eq(1.0f).all().item<bool>());      // the clean input: no map
      QVERIFY(b.lossMap[n + 1].eq(8.0f).all().item<bool>());  // every synthetic pixel changes
    }
    // Weight 1 (the default): no map at all, the loss as before.
    tfs::EditBatchBuilder plain(model_, train_, *tok_, &edits, identity());
    QVERIFY(!plain.next().lossMap.defined());
  }

  void lossMapIsAWeightedMeanOfTheError() {
    torch::manual_seed(3);
    tfs::TransfusionModel model(model_);
    model->eval();
    tfs::test::SyntheticEdits edits;
    tfs::EditBatchBuilder eb(model_, train_, *tok_, &edits, identity());
    auto b = eb.next();
    torch::NoGradGuard ng;
    const double base = model->loss(b).diffusion.item<double>();
    // A map of ones (or of any constant) leaves every image's loss as it was.
    b.lossMap = torch::full({b.images(), 1, b.latents.size(2), b.latents.size(3)}, 3.0f);
    QVERIFY(std::abs(model->loss(b).diffusion.item<double>() - base) < 1e-6 * (1 + base));
    // Weight on one half only: the loss is the error's mean over that half.
    b.lossMap.zero_();
    b.lossMap.index_put_({torch::indexing::Slice(), torch::indexing::Slice(),
                          torch::indexing::Slice(0, b.latents.size(2) / 2)},
                         1.0f);
    const double half = model->loss(b).diffusion.item<double>();
    QVERIFY(std::isfinite(half) && std::abs(half - base) > 1e-9);
  }

  void editsMixInAtEditProbAndResume() {
    auto tc = train_;
    tc.editProb = 0.5;
    tc.textImageRatio = 0;
    SyntheticImages imagesA(1000), imagesB(1000);
    tfs::test::SyntheticEdits editsA, editsB;
    tfs::BatchBuilder a(model_, tc, *tok_, {&imagesA}, nullptr, identity(), {&editsA});
    int64_t inputs = 0, images = 0;
    for (int k = 0; k < 30; ++k) {
      auto b = a.next();
      images += b.images();
      for (int64_t n = 0; n < b.images(); ++n) {
        if (b.diffusionWeight[n].item<float>() != 0.0f) continue;
        // The edit's clean input (no loss, t = 0) is the triplet's input image.
        QCOMPARE(b.timesteps[n].item<int64_t>(), int64_t(0));
        QCOMPARE(b.latents[n].mean().item<float>(), -0.5f);
        ++inputs;
      }
    }
    const auto& c = a.counters();
    const double share =
        double(c.edits) / double(c.edits + c.captionFirst + c.imageFirst + c.unconditional);
    QVERIFY2(share > 0.4 && share < 0.6, qPrintable(QString::number(share)));
    // Counters include the one document the packer holds for the next batch (it did not fit).
    const int64_t made = c.edits * 2 + c.captionFirst + c.imageFirst + c.unconditional;
    QVERIFY2(inputs <= c.edits && c.edits - inputs <= 1, qPrintable(QString::number(inputs)));
    QVERIFY2(images <= made && made - images <= 2, qPrintable(QString::number(images)));
    // The edit sources' positions are part of the resumable state.
    auto state = a.state();
    tfs::BatchBuilder b(model_, tc, *tok_, {&imagesB}, nullptr, identity(), {&editsB});
    b.restore(nlohmann::json::parse(state.dump()));
    for (int k = 0; k < 5; ++k) {
      auto x = a.next(), y = b.next();
      QVERIFY(torch::equal(x.tokens, y.tokens));
      QVERIFY(torch::equal(x.latents, y.latents));
    }
    // Resuming without the editing data is refused, not silently different.
    SyntheticImages imagesC(1000);
    tfs::BatchBuilder noEdits(model_, tc, *tok_, {&imagesC}, nullptr, identity());
    QVERIFY_THROWS_EXCEPTION(tfs::CheckpointError,
                             noEdits.restore(nlohmann::json::parse(state.dump())));
    // Editing data with editProb 0 next to captioned images is a config mistake.
    auto zero = tc;
    zero.editProb = 0;
    QVERIFY_THROWS_EXCEPTION(tfs::ConfigError, tfs::BatchBuilder(model_, zero, *tok_, {&imagesC},
                                                                 nullptr, identity(), {&editsB}));
  }

  void badSetupsAreRefused() {
    SyntheticImages images(10);
    auto tc = train_;
    tc.rowLength = 16;  // one image needs 16 patches + 4
    QVERIFY_THROWS_EXCEPTION(tfs::ConfigError,
                             tfs::BatchBuilder(model_, tc, *tok_, {&images}, nullptr, identity()));
    QVERIFY_THROWS_EXCEPTION(tfs::ConfigError,
                             tfs::BatchBuilder(model_, train_, *tok_, {}, nullptr, identity()));
    SyntheticImages wrongSize(10, 16);
    tfs::BatchBuilder bb(model_, train_, *tok_, {&wrongSize}, nullptr, identity());
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, bb.next());
  }

  void longTextIsTruncatedToFitARow() {
    class LongText : public tfs::ExampleSource {
     public:
      std::optional<tfs::Example> next() override {
        tfs::Example e;
        e.id = "long";
        for (int i = 0; i < 200; ++i) e.text += "red circle ";
        return e;
      }
      void reset(uint64_t) override {}
      std::string describe() const override { return "long"; }
    } text;
    tfs::BatchBuilder bb(model_, train_, *tok_, {}, &text, identity());
    auto b = bb.next();
    for (const auto& d : documents(b)) QCOMPARE(d.end - d.begin, int64_t(64));
    QVERIFY(bb.counters().truncated >= 4);
  }

  void latentCacheStoresOncePerVae() {
    const std::string cdir = dir_ + "/cache";
    int calls = 0;
    int64_t encoded = 0;
    auto enc = [&](const torch::Tensor& x) {
      ++calls;
      encoded += x.size(0);
      return x.mean({2, 3}, true).expand({x.size(0), 3, 4, 4}).contiguous() * 2;
    };
    auto imgs = torch::rand({3, 3, 8, 8});
    std::vector<std::string> ids = {"a", "b", "c"};
    {
      auto cache = std::make_shared<tfs::LatentCache>(cdir, "vae1", std::vector<int64_t>{3, 4, 4});
      auto e = tfs::cachedEncoder(enc, cache);
      auto first = e(ids, imgs);
      QCOMPARE(calls, 1);
      QCOMPARE(encoded, int64_t(3));
      auto again = e({"a", "x", "c"}, imgs);  // only x is new
      QCOMPARE(calls, 2);
      QCOMPARE(encoded, int64_t(4));
      QVERIFY(torch::equal(first[0], again[0]));
      QCOMPARE(cache->size(), int64_t(4));
    }
    // Reopened (a new process): everything is still there.
    {
      auto cache = std::make_shared<tfs::LatentCache>(cdir, "vae1", std::vector<int64_t>{3, 4, 4});
      QCOMPARE(cache->size(), int64_t(4));
      auto e = tfs::cachedEncoder(enc, cache);
      auto out = e(ids, imgs);
      QCOMPARE(calls, 2);
      QVERIFY(torch::allclose(out, enc(imgs)));
      // A torn record at the end (killed while appending) is dropped, the rest kept.
      std::ofstream f(cache->path(), std::ios::app | std::ios::binary);
      const char torn[6] = {5, 0, 0, 0, 'z', 'z'};
      f.write(torn, 6);
    }
    {
      tfs::LatentCache cache(cdir, "vae1", {3, 4, 4});
      QCOMPARE(cache.size(), int64_t(4));
      QVERIFY(cache.get("b").has_value());
    }
    // A different VAE never sees these latents.
    tfs::LatentCache other(cdir, "vae2", {3, 4, 4});
    QCOMPARE(other.size(), int64_t(0));
    QVERIFY(!other.get("a").has_value());
    // moduleHash changes with the weights.
    torch::nn::Linear l(2, 2);
    const auto h1 = tfs::moduleHash(*l);
    {
      torch::NoGradGuard ng;
      l->weight.add_(1);
    }
    QVERIFY(tfs::moduleHash(*l) != h1);
  }
};

QTEST_GUILESS_MAIN(TestTrainBatch)
#include "test_train_batch.moc"
