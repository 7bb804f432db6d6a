// The Denoise workspace on a tiny random model: every step reaches the filmstrip with its t and
// noise level, the scrubber revisits a step, A/B compare, stop, save with parameters, restore.
#include <QCheckBox>
#include <QLineEdit>
#include <QTabWidget>
#include <QtTest>

#include "app/studio/denoise_page.h"
#include "app/studio/denoise_schedule_plot.h"
#include "app/studio/edit_page.h"
#include "app/studio/generation_image.h"
#include "app/studio/generation_queue.h"
#include "app/studio/generation_settings.h"
#include "app/studio/generation_workspaces.h"
#include "app/studio/main_window.h"
#include "app/studio/model_session.h"
#include "core/generate/png_params.h"
#include "tests/app/generation_test_app.h"
#include "tests/app/generation_test_model.h"
#include "tests/widgets/widget_shot.h"
#include "widgets/filmstrip.h"

using tfs::studio::DenoisePage;
using tfs::studio::ModelSession;

class TestDenoisePage : public QObject {
  Q_OBJECT
  std::shared_ptr<tfs::ModelBundle> bundle_;

  void fast(DenoisePage& page, int which, int steps, quint64 seed) {
    auto* s = page.settings(which);
    s->setSampler(QStringLiteral("ddim"));
    s->setSteps(steps);
    s->setCfgScale(1.0);
    s->setSeed(seed);
  }
  static bool idle(const DenoisePage& page) {
    return page.jobId(0).isEmpty() && page.jobId(1).isEmpty();
  }

 private Q_SLOTS:
  void initTestCase() {
    Q_INIT_RESOURCE(studio);
    tfs::test::isolateSettings(QStringLiteral("denoise_page"));
    bundle_ = tfs::test::tinyModel(QStringLiteral("denoise_page"));
  }

  void everyStepReachesTheFilmstrip() {
    ModelSession session;
    session.setBundle(bundle_);
    DenoisePage page(&session);
    page.resize(1100, 700);
    page.show();
    page.setPrompt(QStringLiteral("a red circle on blue"));
    fast(page, 0, 6, 3);
    page.generate();
    QVERIFY(!page.jobId(0).isEmpty());
    QVERIFY(QTest::qWaitFor([&] { return idle(page); }, 30000));
    auto* film = page.filmstrip(0);
    QCOMPARE(film->frameCount(), 6);
    for (int k = 0; k < 6; ++k) {
      QCOMPARE(film->frame(k).step, k);
      QCOMPARE(film->frame(k).xt.size(), QSize(8, 8));
      if (k > 0) {
        // Down the schedule: t falls, and so does the noise level √(1 − ᾱ_t).
        QVERIFY(film->frame(k).t < film->frame(k - 1).t);
        QVERIFY(film->frame(k).noiseLevel < film->frame(k - 1).noiseLevel);
      }
      QVERIFY(film->frame(k).t > 0.0 && film->frame(k).t < 1.0);
    }
    QCOMPARE(page.schedulePlot(0)->pointCount(), 6);
    film->setCurrentFrame(2);
    QCOMPARE(film->shownX0(), film->frame(2).x0);
    QCOMPARE(film->shownXt(), film->frame(2).xt);
    QCOMPARE(page.result(0).size(), QSize(8, 8));
    const auto p = tfs::parseParameters(page.resultParameters(0).toStdString());
    QCOMPARE(p.steps, int64_t(6));
    QCOMPARE(p.seed, uint64_t(3));
    QCOMPARE(p.sampler, std::string("ddim"));
    tfs::test::saveShot(page, QStringLiteral("denoise"));

    // What is saved carries the parameters the PNG's reader gets back.
    const QString path = tfs::test::tempRoot() + QStringLiteral("/denoise_page/out.png");
    tfs::studio::saveImageFile(page.result(0), page.resultParameters(0), path);
    const auto back = tfs::readPngParameters(path.toStdString());
    QCOMPARE(back.prompt, std::string("a red circle on blue"));
    QCOMPARE(back.seed, uint64_t(3));
  }

  void eachGenerateDrawsANewSeedUnlessKept() {
    ModelSession session;
    session.setBundle(bundle_);
    DenoisePage page(&session);
    page.setPrompt(QStringLiteral("a red circle"));
    fast(page, 0, 3, 10);
    auto* advance = page.settings(0)->findChild<QCheckBox*>(QStringLiteral("advanceSeed"));
    QVERIFY(advance && advance->isChecked());  // on by default
    QList<quint64> seeds;
    QList<QImage> images;
    for (int k = 0; k < 3; ++k) {
      QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
      QVERIFY(QTest::qWaitFor([&] { return idle(page); }, 30000));
      seeds << tfs::parseParameters(page.resultParameters(0).toStdString()).seed;
      images << page.result(0);
    }
    QCOMPARE(seeds, (QList<quint64>{10, 11, 12}));
    QVERIFY(images[0] != images[1] && images[1] != images[2]);
    QCOMPARE(page.settings(0)->seed(), quint64(13));  // what the next run will use
    // Unticked: the same seed, the same pixels.
    QTest::mouseClick(advance, Qt::LeftButton);
    QVERIFY(!page.settings(0)->advancesSeed());
    for (int k = 0; k < 2; ++k) {
      QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("generate")), Qt::LeftButton);
      QVERIFY(QTest::qWaitFor([&] { return idle(page); }, 30000));
      images << page.result(0);
    }
    QCOMPARE(page.settings(0)->seed(), quint64(13));
    QCOMPARE(images[3], images[4]);
    page.settings(0)->setAdvancesSeed(true);
  }

  void compareRunsBothSettings() {
    ModelSession session;
    session.setBundle(bundle_);
    DenoisePage page(&session);
    page.resize(1300, 700);
    page.show();
    page.setPrompt(QStringLiteral("a blue square"));
    page.setCompare(true);
    fast(page, 0, 4, 1);
    fast(page, 1, 8, 2);
    page.generate();
    QVERIFY(QTest::qWaitFor([&] { return idle(page); }, 30000));
    QCOMPARE(page.filmstrip(0)->frameCount(), 4);
    QCOMPARE(page.filmstrip(1)->frameCount(), 8);
    QVERIFY(!page.result(0).isNull() && !page.result(1).isNull());
    QVERIFY(page.result(0) != page.result(1));
    QVERIFY(page.filmstrip(1)->isVisible());
    tfs::test::saveShot(page, QStringLiteral("denoise-compare"));
    page.setCompare(false);
    QVERIFY(!page.filmstrip(1)->isVisible());
  }

  void stopEndsTheImage() {
    ModelSession session;
    session.setBundle(bundle_);
    DenoisePage page(&session);
    page.setPrompt(QStringLiteral("a green triangle"));
    fast(page, 0, 900, 1);
    bool stopped = false;
    connect(session.queue(), &tfs::studio::GenerationQueue::stepDone, &page, [&] {
      if (!stopped) page.stop();
      stopped = true;
    });
    page.generate();
    QVERIFY(QTest::qWaitFor([&] { return idle(page); }, 30000));
    QVERIFY(page.filmstrip(0)->frameCount() < 900);
    QVERIFY(page.result(0).isNull());
  }

  void emptyPromptAndRestore() {
    ModelSession session;
    session.setBundle(bundle_);
    DenoisePage page(&session);
    page.setPrompt(QString());
    page.generate();
    QVERIFY(page.jobId(0).isEmpty());

    tfs::ImageParams p;
    p.prompt = "a yellow circle";
    p.steps = 33;
    p.sampler = "ddpm";
    p.cfgScale = 4.5;
    p.seed = 1234;
    p.negativePrompt = "blue";
    page.applyParameters(p);
    QCOMPARE(page.prompt(), QStringLiteral("a yellow circle"));
    tfs::GenerateOptions o;
    page.settings(0)->applyTo(o);
    QCOMPARE(o.image.steps, int64_t(33));
    QCOMPARE(o.image.sampler, std::string("ddpm"));
    QCOMPARE(o.image.cfgScale, 4.5);
    // Typing 1000 (the schedule's length) into Steps takes it, instead of stopping at 100.
    auto* steps = page.settings(0)->findChild<QSpinBox*>(QStringLiteral("steps"));
    QVERIFY(steps);
    steps->selectAll();
    QTest::keyClicks(steps, QStringLiteral("1000"));
    QCOMPARE(steps->value(), 1000);
    QCOMPARE(o.image.negativePrompt, std::string("blue"));
    QCOMPARE(o.seed, uint64_t(1234));
  }

  void spacePlaysBothFilmstrips() {
    ModelSession session;
    session.setBundle(bundle_);
    DenoisePage page(&session);
    page.setCompare(true);
    for (int k = 0; k < 2; ++k)
      for (int step = 0; step < 3; ++step) {
        tfs::widgets::DenoiseFrame f;
        f.xt = f.x0 = QImage(8, 8, QImage::Format_RGB888);
        f.step = step;
        page.filmstrip(k)->appendFrame(f);
      }
    page.show();
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    page.filmstrip(0)->setFocus();
    QTest::keyClick(page.filmstrip(0), Qt::Key_Space);
    QVERIFY(page.filmstrip(0)->isPlaying());
    QVERIFY(page.filmstrip(1)->isPlaying());
    QTest::keyClick(page.filmstrip(0), Qt::Key_Space);
    QVERIFY(!page.filmstrip(0)->isPlaying());
  }

  void droppedPngRestoresTheSettings() {
    const QString dir = tfs::test::tempRoot() + QStringLiteral("/denoise_page");
    tfs::ImageParams p;
    p.prompt = "a dropped sneaker";
    p.steps = 21;
    p.sampler = "ddim";
    p.cfgScale = 2.5;
    p.seed = 4242;
    QImage img(8, 8, QImage::Format_RGB888);
    img.fill(Qt::gray);
    const QString gen = dir + QStringLiteral("/gen.png");
    tfs::studio::saveImageFile(img, QString::fromStdString(tfs::formatParameters(p)), gen);
    p.mode = "edit";
    p.prompt = "make it red";
    p.input = gen.toStdString();
    const QString edited = dir + QStringLiteral("/edited.png");
    tfs::studio::saveImageFile(img, QString::fromStdString(tfs::formatParameters(p)), edited);

    tfs::studio::MainWindow w;
    auto* ws = w.findChild<tfs::studio::GenerationWorkspaces*>();
    QVERIFY(ws);
    QVERIFY(w.reproduceFrom(gen));
    QCOMPARE(w.workspaces()->currentWidget(), ws->denoise());
    QCOMPARE(ws->denoise()->prompt(), QStringLiteral("a dropped sneaker"));
    tfs::GenerateOptions o;
    ws->denoise()->settings(0)->applyTo(o);
    QCOMPARE(o.image.steps, int64_t(21));
    QCOMPARE(o.seed, uint64_t(4242));
    QVERIFY(w.reproduceFrom(edited));
    QCOMPARE(w.workspaces()->currentWidget(), ws->edit());
    QCOMPARE(ws->edit()->instruction(), QStringLiteral("make it red"));
    QVERIFY(!ws->edit()->input().isNull());
  }

  void settingsAreRemembered() {
    ModelSession session;
    {
      DenoisePage page(&session);
      page.setPrompt(QStringLiteral("remember me"));
      page.settings(0)->setSteps(17);
      page.settings(0)->saveSettings();
    }
    DenoisePage again(&session);
    QCOMPARE(again.prompt(), QStringLiteral("remember me"));
    tfs::GenerateOptions o;
    again.settings(0)->applyTo(o);
    QCOMPARE(o.image.steps, int64_t(17));
  }
};

QTEST_MAIN(TestDenoisePage)
#include "test_denoise_page.moc"
