// The shipped editing model (resources/models/shapes-edit) is the default for editing, still makes
// the held-out recolour it made when it shipped (fixed seeds, the editing sampler's defaults), and
// keeps the unedited part of the image. The PSNR threshold sits below what `transfusion eval edit`
// measured when it shipped (see the README), so a CPU whose vector units round differently still
// passes; a model that no longer copies its input, or no longer edits, does not.
#include <torch/torch.h>
#include <QtTest>

#include "core/data/data_source.h"
#include "core/data/shapes.h"
#include "core/eval/edit_eval.h"
#include "core/eval/generation_eval.h"
#include "core/generate/generator.h"
#include "core/generate/model_bundle.h"

class TestEvalEditShipped : public QObject {
  Q_OBJECT
  std::shared_ptr<tfs::ModelBundle> bundle_;

  tfs::GenerateOptions options() const {
    tfs::GenerateOptions o;
    o.image = tfs::editImageOptions();
    o.image.previewEvery = 0;
    return o;
  }

 private Q_SLOTS:
  void initTestCase() {
    const auto dir = tfs::shippedModelDir("shapes-edit");
    QVERIFY2(!dir.empty(), "resources/models/shapes-edit is missing");
    QCOMPARE(QString::fromStdString(tfs::shippedModelFor(tfs::ModelUse::Edit)),
             QString::fromStdString(dir));
    bundle_ = tfs::ModelBundle::load(dir);
  }

  // Held-out triplet 4 of `eval edit` (seed heldOutEditSeed(0), generation seed 4), "change the
  // colour of the triangle to green", is the edit it made right when it shipped (checkEdit). The
  // exact check can flip on another CPU's rounding, so this asks what it must keep: where the
  // edit changes pixels, the result is far closer to the target than the input is.
  void theRecolourItMadeAtShippingStillMovesTowardsTheTarget() {
    tfs::Generator gen(bundle_);
    const int size = static_cast<int>(bundle_->config().imageSize);
    const int64_t i = 4;
    const auto e = tfs::randomEdit(tfs::mixSeed(tfs::heldOutEditSeed(0), uint64_t(i)), size);
    QCOMPARE(QString::fromStdString(tfs::editOpName(e.op)), QStringLiteral("recolour"));
    auto o = options();
    o.seed = uint64_t(i);
    const auto in = tfs::renderScene(e.input), want = tfs::renderScene(e.output);
    auto out = gen.edit(in, e.instruction, o);
    QVERIFY(!out.images.empty());
    const auto got = out.images[0].image.to(torch::kFloat);
    const auto changed = (in - want).abs().sum(0).gt(1e-3);  // [S, S]
    QVERIFY(changed.any().item<bool>());
    auto dist = [&](const torch::Tensor& a) {
      return (a - want).pow(2).sum(0).masked_select(changed).mean().item<double>();
    };
    const double before = dist(in), after = dist(got);
    qInfo("%s: %s; squared distance to the target where it changes: input %.3f, edit %.3f",
          e.instruction.c_str(), tfs::checkEdit(e, got).ok ? "right" : "not exact", before, after);
    QVERIFY2(after < 0.5 * before, qPrintable(QString("%1 vs %2").arg(after).arg(before)));
  }

  void theUneditedPartIsKept() {
    tfs::Generator gen(bundle_);
    const auto r = tfs::runEditEval(gen, tfs::heldOutEditSeed(0), 4, options());
    qInfo("PSNR of the unedited part over 4 held-out edits: %.1f dB", r.keptPsnr());
    QVERIFY2(r.keptPsnr() >= kMinPsnr, qPrintable(QString::number(r.keptPsnr())));
  }

 private:
  static constexpr double kMinPsnr = 15.0;
};

QTEST_GUILESS_MAIN(TestEvalEditShipped)
#include "test_eval_edit_shipped.moc"
