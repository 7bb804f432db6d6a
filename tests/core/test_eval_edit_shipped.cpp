// The shipped editing model (resources/models/shapes-edit) is the default for editing, makes the
// held-out edits it made when it shipped (fixed seeds, the editing sampler's defaults), and keeps
// the unedited part of the image. The PSNR threshold sits below what `transfusion eval edit`
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

  // Held-out triplet i of `eval edit` (seed heldOutEditSeed(0), generation seed i), as it scored
  // it: the ones the model got right when it shipped.
  void theEditsItMadeAtShippingAreStillRight() {
    tfs::Generator gen(bundle_);
    const int size = static_cast<int>(bundle_->config().imageSize);
    for (int64_t i : kRightAtShipping) {
      const auto e = tfs::randomEdit(tfs::mixSeed(tfs::heldOutEditSeed(0), uint64_t(i)), size);
      auto o = options();
      o.seed = uint64_t(i);
      auto out = gen.edit(tfs::renderScene(e.input), e.instruction, o);
      QVERIFY(!out.images.empty());
      const auto c = tfs::checkEdit(e, out.images[0].image);
      QVERIFY2(c.ok, qPrintable(QString::fromStdString(e.instruction + ": " + c.reason)));
    }
  }

  void theUneditedPartIsKept() {
    tfs::Generator gen(bundle_);
    const auto r = tfs::runEditEval(gen, tfs::heldOutEditSeed(0), 4, options());
    qInfo("PSNR of the unedited part over 4 held-out edits: %.1f dB", r.keptPsnr());
    QVERIFY2(r.keptPsnr() >= kMinPsnr, qPrintable(QString::number(r.keptPsnr())));
  }

 private:
  static constexpr int64_t kRightAtShipping[] = {0};
  static constexpr double kMinPsnr = 15.0;
};

QTEST_GUILESS_MAIN(TestEvalEditShipped)
#include "test_eval_edit_shipped.moc"
