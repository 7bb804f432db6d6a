// The Attention workspace: layouts and prompts → the Transfusion mask with labelled segments,
// the causal-only ablation, and the real attention probabilities of a tiny trained model.
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

#include "app/studio/attention_page.h"
#include "app/studio/attention_sequence.h"
#include "core/base/error.h"
#include "core/base/logging.h"
#include "core/base/runtime.h"
#include "core/train/train_session.h"
#include "tests/support/test_support.h"
#include "tests/widgets/widget_shot.h"

using tfs::studio::AttentionLayout;
using tfs::studio::AttentionPage;
using tfs::studio::AttentionQuery;
using tfs::widgets::SegmentKind;

namespace {

AttentionQuery layoutQuery(const QString& text, bool causal = false) {
  AttentionQuery q;
  q.mode = AttentionQuery::Mode::Layout;
  q.text = text;
  q.causalOnly = causal;
  return q;
}

bool allowed(const AttentionLayout& l, int q, int k) {
  return l.mask.at(qsizetype(q) * l.n + k) != 0;
}

}  // namespace

class TestAttentionPage : public QObject {
  Q_OBJECT
 private:
  QString root_;
  QString run_;

  void waitUpdated(AttentionPage& page) {
    QSignalSpy updated(&page, &AttentionPage::updated);
    QVERIFY(updated.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 20000);
  }

 private Q_SLOTS:
  void initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("TransfusionStudioTest"));
    root_ = tfs::test::tempRoot() + QStringLiteral("/attention_page");
    QDir(root_).removeRecursively();
    QDir().mkpath(root_);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       root_ + QStringLiteral("/settings"));
    QSettings().clear();
    tfs::initLogging(spdlog::level::warn);
    tfs::initThreads(0);
  }

  void layoutGivesTheTransfusionMask() {
    // text:5 · BOI · 4 patches · EOI · text:3 = 14 positions, as `transfusion mask` writes it.
    const AttentionLayout l = tfs::studio::buildAttentionLayout(
        layoutQuery(QStringLiteral("text:5,image:4,text:3")), nullptr);
    QCOMPARE(l.n, 14);
    QCOMPARE(l.images, 1);
    QCOMPARE(l.documents, 1);
    QCOMPARE(int(l.segments.size()), 5);
    QCOMPARE(l.segments[0].kind, SegmentKind::Text);
    QCOMPARE(l.segments[1].kind, SegmentKind::Boi);
    QCOMPARE(l.segments[1].start, 5);
    QCOMPARE(l.segments[2].kind, SegmentKind::ImagePatches);
    QCOMPARE(l.segments[2].start, 6);
    QCOMPARE(l.segments[2].length, 4);
    QCOMPARE(l.segments[2].label, QStringLiteral("image 1"));
    QCOMPARE(l.segments[3].kind, SegmentKind::Eoi);
    QCOMPARE(l.segments[4].start, 11);
    QVERIFY(allowed(l, 4, 0));
    QVERIFY(!allowed(l, 0, 4));   // text never sees the future
    QVERIFY(allowed(l, 6, 9));    // a patch sees the later patches of its image
    QVERIFY(!allowed(l, 5, 6));   // BOI is text: causal
    QVERIFY(!allowed(l, 9, 10));  // nor the EOI after it
    QVERIFY(allowed(l, 13, 7));

    const AttentionLayout causal = tfs::studio::buildAttentionLayout(
        layoutQuery(QStringLiteral("text:5,image:4,text:3"), true), nullptr);
    QVERIFY(!allowed(causal, 6, 9));
    QVERIFY(allowed(causal, 9, 6));

    const AttentionLayout docs = tfs::studio::buildAttentionLayout(
        layoutQuery(QStringLiteral("text:2,image:2|text:3")), nullptr);
    QCOMPARE(docs.documents, 2);
    QCOMPARE(docs.n, 9);
    QVERIFY(!allowed(docs, 7, 0));  // a packed document never sees the one before
    QVERIFY(allowed(docs, 8, 6));

    QVERIFY_THROWS_EXCEPTION(
        tfs::UsageError,
        tfs::studio::buildAttentionLayout(layoutQuery(QStringLiteral("text:5,video:3")), nullptr));
  }

  void promptWithoutAModelUsesWords() {
    AttentionQuery q;
    q.mode = AttentionQuery::Mode::Prompt;
    q.text = QStringLiteral("a red circle <image> nice");
    q.patchesPerImage = 16;
    const AttentionLayout l = tfs::studio::buildAttentionLayout(q, nullptr);
    QCOMPARE(l.n, 1 + 3 + 1 + 16 + 1 + 1);
    QCOMPARE(l.segments.front().kind, SegmentKind::Bos);
    QCOMPARE(l.segments[1].label, QStringLiteral("a red circle"));
    QCOMPARE(l.tokenLabels.value(2), QStringLiteral("red"));
    QCOMPARE(l.tokenLabels.value(22), QStringLiteral("nice"));
  }

  void pageShowsLabelledMaskAndTogglesCausal() {
    AttentionPage page;
    page.resize(900, 760);
    page.show();
    page.setQuery(AttentionQuery::Mode::Layout, QStringLiteral("text:5,image:4,text:3"));
    waitUpdated(page);
    auto* view = page.maskView();
    QCOMPARE(view->positions(), 14);
    QVERIFY(!view->showsWeights());
    QCOMPARE(view->describePosition(5), QStringLiteral("BOI of image 1"));
    QCOMPARE(view->describePosition(7), QStringLiteral("patch 1 of image 1"));
    QCOMPARE(view->describePosition(10), QStringLiteral("EOI of image 1"));
    QVERIFY(view->allowed(6, 9));
    QVERIFY(page.infoText().contains(QStringLiteral("14 positions")));
    page.setCausalOnly(true);
    waitUpdated(page);
    QVERIFY(!view->allowed(6, 9));
    QVERIFY(page.infoText().contains(QStringLiteral("causal")));
    page.setCausalOnly(false);
    waitUpdated(page);

    page.setQuery(AttentionQuery::Mode::Layout, QStringLiteral("text:5,image"));
    waitUpdated(page);
    QVERIFY(page.errorText().contains(QStringLiteral("image")));
    QCOMPARE(view->positions(), 14);  // the last good sequence stays
    page.setQuery(AttentionQuery::Mode::Layout,
                  QStringLiteral("text:6,image:16,text:4,image:16,text:3|text:5,image:16,text:2"));
    waitUpdated(page);
    QVERIFY(page.errorText().isEmpty());
    tfs::test::saveShot(page, QStringLiteral("attention_mask"));
  }

  void trainTinyModel() {
    tfs::TrainSessionOptions o;
    run_ = root_ + QStringLiteral("/tiny");
    o.runDir = run_.toStdString();
    o.preset = "tiny-test";
    o.data = {"fmnist:train"};
    o.steps = 4;
    tfs::TrainSession session(o);
    session.trainer().run();
    QVERIFY(QFileInfo::exists(run_ + QStringLiteral("/tokenizer.model")));
  }

  void realAttentionOfALoadedModel() {
    QVERIFY(!run_.isEmpty());
    AttentionPage page;
    page.resize(900, 760);
    page.show();
    page.setQuery(AttentionQuery::Mode::Layout, QStringLiteral("text:4,image:16,text:2"));
    waitUpdated(page);
    QSignalSpy loaded(&page, &AttentionPage::modelLoaded);
    page.loadModel(run_);
    QVERIFY(loaded.wait(30000));
    QVERIFY(page.hasModel());
    waitUpdated(page);
    auto* view = page.maskView();
    QVERIFY(view->showsWeights());
    QCOMPARE(view->positions(), 24);
    // Each query's probabilities sum to 1 and vanish where the mask forbids attending.
    for (int q : {0, 5, 10, 23}) {
      double sum = 0;
      for (int k = 0; k < 24; ++k) sum += view->weight(q, k);
      QVERIFY2(std::abs(sum - 1.0) < 1e-4, qPrintable(QString::number(sum)));
    }
    QVERIFY(view->weight(2, 3) < 1e-6);
    QVERIFY(view->weight(6, 20) > 0);  // patches attend later patches of their image

    std::vector<float> mean;
    for (int k = 0; k < 24; ++k) mean.push_back(view->weight(21, k));
    page.setSelection(true, 1, 2);
    waitUpdated(page);
    QVERIFY(page.infoText().contains(QStringLiteral("layer 2")));
    QVERIFY(page.infoText().contains(QStringLiteral("head 3")));
    double diff = 0;
    for (int k = 0; k < 24; ++k) diff += std::abs(view->weight(21, k) - mean[size_t(k)]);
    QVERIFY(diff > 1e-6);

    // The model's own tokenizer labels a prompt; its patch count is enforced for layouts.
    page.setQuery(AttentionQuery::Mode::Prompt, QStringLiteral("a red shirt <image>"));
    waitUpdated(page);
    QVERIFY(page.errorText().isEmpty());
    QCOMPARE(view->segments().front().kind, SegmentKind::Bos);
    QCOMPARE(view->positions(), int(page.currentLayout().tokenLabels.size()));
    tfs::test::saveShot(page, QStringLiteral("attention_weights"));
    page.setQuery(AttentionQuery::Mode::Layout, QStringLiteral("text:3,image:4"));
    waitUpdated(page);
    QVERIFY(page.errorText().contains(QStringLiteral("image:16")));

    page.loadModel(root_ + QStringLiteral("/missing-run"));
    QTRY_VERIFY_WITH_TIMEOUT(
        !page.errorText().isEmpty() && !page.errorText().contains(QStringLiteral("image:16")),
        20000);
    QVERIFY(page.hasModel());  // the loaded model stays
  }

  void followsTheStudiosModelAndFitsTheLayout() {
    QVERIFY(!run_.isEmpty());
    AttentionPage page;
    page.setQuery(AttentionQuery::Mode::Layout, QStringLiteral("text:2,image:9,text:1|image:9"));
    waitUpdated(page);
    QSignalSpy loaded(&page, &AttentionPage::modelLoaded);
    page.followStudioModel(run_);  // what the studio's model session reports
    QVERIFY(loaded.wait(30000));
    QCOMPARE(page.modelRunDir(), run_);
    waitUpdated(page);
    // The layout's images took the model's 16 patches: no "write image:16" error.
    QCOMPARE(page.currentLayout().images, 2);
    QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
    QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("attentionText"))->text(),
             QStringLiteral("text:2,image:16,text:1|image:16"));
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("modelLabel"))
                ->text()
                .contains(QStringLiteral("the studio's")));
    auto* studio = page.findChild<QPushButton*>(QStringLiteral("studioModelButton"));
    QVERIFY(studio && !studio->isEnabled());  // already shown
    // The studio loads the same model again: nothing is loaded a second time.
    page.followStudioModel(run_);
    QVERIFY(!loaded.wait(500));
    // A model chosen on this page stays when the studio's changes; the button brings it back.
    page.loadModel(run_);
    QVERIFY(loaded.wait(30000));
    page.followStudioModel(root_ + QStringLiteral("/another-run"));
    QVERIFY(!loaded.wait(500));
    QCOMPARE(page.modelRunDir(), run_);
    QVERIFY(studio->isEnabled());
  }
};

QTEST_MAIN(TestAttentionPage)
#include "test_attention_page.moc"
