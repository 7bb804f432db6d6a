// Forward+backward time of one training step of the small presets, against the GEMM ceiling.
#include <torch/torch.h>
#include <QtTest>

#include "core/base/runtime.h"
#include "core/model/mixed_sequence.h"
#include "core/model/transfusion_model.h"

namespace {

// Rows of 256 positions: as many caption+image documents as fit, the rest a text document.
tfs::Batch realisticBatch(const tfs::ModelConfig& cfg, int64_t rows, int64_t rowLength) {
  tfs::SpecialTokens sp;
  std::vector<tfs::MixedSequence> docs;
  const int64_t side = cfg.latentSize(), imageDoc = 14 + cfg.patchesPerImage() + 2;
  for (int64_t r = 0; r < rows; ++r) {
    int64_t used = 0;
    while (used + imageDoc <= rowLength) {
      tfs::MixedSequence s;
      std::vector<int64_t> caption{sp.bos};
      for (int i = 0; i < 12; ++i) caption.push_back(6 + (r * 31 + i * 7) % (cfg.vocabSize - 6));
      s.addText(caption).addImage(torch::randn({cfg.latentChannels, side, side}), 1 + r * 97 % 999);
      s.addText({sp.eos});
      docs.push_back(s);
      used += imageDoc;
    }
    if (rowLength - used >= 2) {
      std::vector<int64_t> text(rowLength - used, 7);
      text.front() = sp.bos;
      text.back() = sp.eos;
      docs.push_back(tfs::MixedSequence().addText(text));
    }
  }
  tfs::PackOptions o;
  o.rowLength = rowLength;
  o.patchSize = cfg.patchSize;
  return tfs::packSequences(docs, o);
}

}  // namespace

class TestModelSpeed : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { tfs::initThreads(0); }

  void trainingStepThroughput() {
    const auto gemm = tfs::measureGemm(torch::Device("cpu"), 1024, 0.3);
    qInfo("GEMM ceiling: %.1f GFLOP/s on %d threads", gemm.gflops, at::get_num_threads());
    for (const char* name : {"fmnist-small", "shapes-small"}) {
      auto cfg = tfs::preset(name);
      torch::manual_seed(0);
      tfs::TransfusionModel m(cfg);
      const int64_t B = 8, L = 256;
      auto batch = realisticBatch(cfg, B, L);
      QCOMPARE(batch.rows(), B);
      auto step = [&] {
        m->zero_grad();
        auto l = m->loss(batch);
        l.total.backward();
        return l;
      };
      step();  // warm-up
      const int repeats = 2;
      QElapsedTimer timer;
      timer.start();
      tfs::Losses l;
      for (int i = 0; i < repeats; ++i) l = step();
      const double seconds = double(timer.nsecsElapsed()) / 1e9 / repeats;
      QVERIFY(std::isfinite(l.total.item<double>()));
      // 6·N·tokens for the matmul weights (the LM head only where there are targets) + attention
      // scores and mixing (4·L²·d per layer and row forward, ×3 with backward).
      auto c = tfs::countParameters(cfg);
      const double tokens = double(B * L);
      const double weights = double(c.transformer + c.patchCodec);
      const double flops = 6.0 * weights * tokens +
                           6.0 * double(cfg.vocabSize * cfg.dModel) * double(l.lmTokens) +
                           12.0 * double(cfg.nLayers) * double(B) * L * L * double(cfg.dModel);
      qInfo(
          "%s: %lld images, %lld LM tokens; step %.3f s, %.0f tokens/s, %.1f GFLOP/s (%.0f%% of "
          "GEMM)",
          name, static_cast<long long>(batch.images()), static_cast<long long>(l.lmTokens), seconds,
          tokens / seconds, flops / seconds / 1e9, 100.0 * flops / seconds / 1e9 / gemm.gflops);
    }
  }
};

QTEST_GUILESS_MAIN(TestModelSpeed)
#include "test_model_speed.moc"
