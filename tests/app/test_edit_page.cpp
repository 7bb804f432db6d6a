// The Edit workspace on a tiny random model: an edit produces an output shown before/after,
// iterating makes the result the input, every edit stays in the history, and the fine-tune
// reports a bad base run instead of failing silently.
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QtTest>

#include "app/studio/edit_finetune.h"
#include "app/studio/edit_page.h"
#include "app/studio/generation_image.h"
#include "app/studio/generation_queue.h"
#include "app/studio/generation_settings.h"
#include "app/studio/model_session.h"
#include "core/data/shapes.h"
#include "core/generate/png_params.h"
#include "core/train/train_session.h"
#include "tests/app/generation_test_app.h"
#include "tests/app/generation_test_model.h"
#include "tests/widgets/widget_shot.h"
#include "widgets/image_compare.h"

using tfs::studio::EditPage;
using tfs::studio::ModelSession;

namespace {

QImage circle(QColor c) {
  QImage img(8, 8, QImage::Format_RGB888);
  img.fill(Qt::white);
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 8; ++x)
      if ((x - 3.5) * (x - 3.5) + (y - 3.5) * (y - 3.5) < 9) img.setPixelColor(x, y, c);
  return img;
}

}  // namespace

class TestEditPage : public QObject {
  Q_OBJECT
  std::shared_ptr<tfs::ModelBundle> bundle_;

  static bool idle(const EditPage& page) {
    return QTest::qWaitFor([&] { return page.jobId().isEmpty(); }, 30000);
  }

 private Q_SLOTS:
  void initTestCase() {
    tfs::test::isolateSettings(QStringLiteral("edit_page"));
    bundle_ = tfs::test::tinyModel(QStringLiteral("edit_page"));
  }

  void editProducesOutputAndKeepsHistory() {
    ModelSession session;
    session.setBundle(bundle_);
    EditPage page(&session);
    page.resize(1100, 760);
    page.show();
    auto* s = page.settings();
    s->setSampler(QStringLiteral("ddim"));
    s->setSteps(5);
    s->setCfgScale(1.0);
    s->setSeed(9);

    page.runEdit();  // nothing to edit yet
    QVERIFY(page.jobId().isEmpty());
    const QImage red = circle(Qt::red);
    page.setInput(red, QStringLiteral("/data/red.png"));
    page.setInstruction(QStringLiteral("make the circle green"));
    page.runEdit();
    QVERIFY(!page.jobId().isEmpty());
    QVERIFY(idle(page));
    QCOMPARE(page.output().size(), QSize(8, 8));
    QCOMPARE(page.historyCount(), 1);
    QCOMPARE(page.compareView()->before(), red);
    QCOMPARE(page.compareView()->after(), page.output());
    QCOMPARE(page.historyEntry(0).instruction, QStringLiteral("make the circle green"));
    const auto p = tfs::parseParameters(page.historyEntry(0).parameters.toStdString());
    QCOMPARE(p.mode, std::string("edit"));
    QCOMPARE(p.input, std::string("/data/red.png"));
    QCOMPARE(p.seed, uint64_t(9));
    QTest::qWait(20);
    tfs::test::saveShot(page, QStringLiteral("edit"));

    // Iterate: the result is the next input.
    const QImage first = page.output();
    page.useResultAsInput();
    QCOMPARE(page.input(), first);
    page.setInstruction(QStringLiteral("make it bigger"));
    s->setSeed(10);
    page.runEdit();
    QVERIFY(idle(page));
    QCOMPARE(page.historyCount(), 2);
    QCOMPARE(page.historyEntry(1).before, first);
    QCOMPARE(page.compareView()->before(), first);

    // Selecting an earlier edit shows it again.
    page.findChild<QListWidget*>(QStringLiteral("history"))->setCurrentRow(0);
    QCOMPARE(page.compareView()->before(), red);
    QCOMPARE(page.compareView()->after(), page.historyEntry(0).after);
    QCOMPARE(page.instruction(), QStringLiteral("make the circle green"));
    QCOMPARE(page.historyEntry(0).inputPath, QStringLiteral("/data/red.png"));
    QVERIFY(page.historyEntry(1).inputPath.isEmpty());  // the first result, not a file
  }

  void anEditSessionRunsItsOwnModelOnTheSharedQueue() {
    // The studio's layout: the chat's session owns the queue (here with no model at all) and the
    // Edit workspace's session, over the same queue, holds the editing model; an edit job runs
    // with the Edit session's model, not the queue's.
    ModelSession main;
    ModelSession editing(nullptr, main.queue());
    editing.setBundle(bundle_);
    QVERIFY(!main.hasModel());
    QVERIFY(main.queue()->bundle() == nullptr);  // the edit session left the queue's model alone
    EditPage page(&editing);
    page.settings()->setSteps(3);
    page.settings()->setCfgScale(1.0);
    page.setInput(circle(Qt::red));
    page.setInstruction(QStringLiteral("make the circle green"));
    page.runEdit();
    QVERIFY(!page.jobId().isEmpty());
    QVERIFY(idle(page));
    QCOMPARE(page.output().size(), QSize(8, 8));
    QCOMPARE(page.historyCount(), 1);

    // Without a model the page says so and submits nothing.
    ModelSession none;
    EditPage empty(&none);
    empty.setInput(circle(Qt::red));
    empty.setInstruction(QStringLiteral("make the circle green"));
    empty.runEdit();
    QVERIFY(empty.jobId().isEmpty());
  }

  // A new user's Edit page samples with the editing defaults (DDPM, 100 steps), not the
  // text-to-image ones.
  void editDefaultsToTheEditingSampler() {
    QSettings().remove(QStringLiteral("edit/settings"));
    tfs::studio::GenerationSettings s(QStringLiteral("edit/settings"), false);
    s.setDefaults(tfs::editImageOptions());
    tfs::GenerateOptions o;
    s.applyTo(o);
    QCOMPARE(QString::fromStdString(o.image.sampler), QStringLiteral("ddpm"));
    QCOMPARE(o.image.steps, 100);
    // What the user chose and saved wins over the defaults.
    s.setSteps(40);
    s.saveSettings();
    tfs::studio::GenerationSettings again(QStringLiteral("edit/settings"), false);
    again.setDefaults(tfs::editImageOptions());
    again.applyTo(o);
    QCOMPARE(o.image.steps, 40);
    QSettings().remove(QStringLiteral("edit/settings"));
  }

  void newSceneGivesAShapesSceneAndAnInstruction() {
    ModelSession session;
    EditPage page(&session);  // no model: the scene has the shipped editing model's 32 pixels
    page.newScene(7);
    QCOMPARE(page.input().size(), QSize(32, 32));
    QVERIFY(!page.instruction().isEmpty());
    const auto e = tfs::randomEdit(7, 32);
    QCOMPARE(page.instruction(), QString::fromStdString(e.instruction));
    // The picture is the scene: reading it back gives the same objects.
    const auto read = tfs::analyseScene(tfs::studio::imageToTensor(page.input()));
    QVERIFY(read == e.input);
    page.newScene(8);
    QVERIFY(page.input() != tfs::studio::tensorToImage(tfs::renderScene(e.input)));
  }

  void droppedImageBecomesTheInput() {
    ModelSession session;
    EditPage page(&session);
    QMimeData mime;
    mime.setImageData(circle(Qt::blue));
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&page, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&page, &drop);
    QCOMPARE(page.input().convertToFormat(QImage::Format_RGB888), circle(Qt::blue));
  }

  void restoresAnEditsParameters() {
    ModelSession session;
    EditPage page(&session);
    const QString in = tfs::test::tempRoot() + QStringLiteral("/edit_page/in.png");
    QVERIFY(circle(Qt::green).save(in));
    tfs::ImageParams p;
    p.mode = "edit";
    p.prompt = "make the circle red";
    p.input = in.toStdString();
    p.steps = 12;
    p.seed = 77;
    page.applyParameters(p);
    QCOMPARE(page.instruction(), QStringLiteral("make the circle red"));
    QCOMPARE(page.input().convertToFormat(QImage::Format_RGB888), circle(Qt::green));
    QCOMPARE(page.settings()->seed(), quint64(77));
  }

  void finetuneRunsAndItsModelEdits() {
    // A tiny 24×24 base run (shapes scenes need 24 pixels), trained for two steps.
    const QString dir = tfs::test::tempRoot() + QStringLiteral("/edit_page");
    const QString cfg = dir + QStringLiteral("/tiny24.json");
    QFile f(cfg);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"model": {"name": "tiny24", "vocabSize": 64, "dModel": 32, "nLayers": 2,
      "nHeads": 4, "ffnHidden": 64, "maxSeqLen": 128, "imageSize": 24, "imageChannels": 3,
      "vaeFactor": 1, "latentChannels": 3, "vaeChannels": [], "patchSize": 4},
      "train": {"steps": 2, "batchRows": 2, "rowLength": 128, "warmupSteps": 1,
      "tokenizerVocab": 320, "checkpointEvery": 2, "logEvery": 1, "sampleEvery": 0}})");
    f.close();
    const QString base = dir + QStringLiteral("/base24");
    {
      tfs::TrainSessionOptions o;
      o.runDir = base.toStdString();
      o.configFile = cfg.toStdString();
      o.data = {"shapes"};
      o.tokenizerSamples = 300;
      tfs::TrainSession train(o);
      train.trainer().run();
    }

    ModelSession session;
    EditPage page(&session);
    auto* ft = page.finetune();
    QSignalSpy started(ft, &tfs::studio::EditFinetune::started);
    QSignalSpy steps(ft, &tfs::studio::EditFinetune::stepDone);
    QSignalSpy finished(ft, &tfs::studio::EditFinetune::finished);
    QSignalSpy failed(ft, &tfs::studio::EditFinetune::failed);
    tfs::studio::EditFinetune::Options o;
    o.baseRun = base;
    o.runDir = dir + QStringLiteral("/edit24");
    o.steps = 2;
    QVERIFY(ft->start(o));
    QVERIFY(!ft->start(o));  // one at a time
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 50000));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.at(0).at(1).toInt(), 2);
    QVERIFY(!steps.isEmpty());
    QCOMPARE(steps.last().at(0).toInt(), 2);
    QVERIFY(QFile::exists(o.runDir + QStringLiteral("/checkpoints/step-0000002/DONE")));

    // The fine-tuned run is a complete model: load it and edit with it.
    QVERIFY(session.loadRun(ft->runDir()));
    QVERIFY(QTest::qWaitFor([&] { return !session.isLoading(); }, 30000));
    QVERIFY(session.hasModel());
    QCOMPARE(session.imageSize(), 24);
    auto* warning = page.findChild<QLabel*>(QStringLiteral("modelWarning"));
    QVERIFY(warning->isHidden());
    session.setBundle(session.bundle(), base);  // the base run is no editor: the page says so
    QVERIFY(!warning->isHidden());
    QVERIFY(warning->text().contains(QStringLiteral("not trained for editing")));
    page.settings()->setSteps(3);
    page.settings()->setCfgScale(1.0);
    page.setInput(circle(Qt::red));
    // ... and keeps saying it after an image is loaded (the status line below changes).
    QVERIFY(!warning->isHidden());
    page.setInstruction(QStringLiteral("make it blue"));
    page.runEdit();
    QVERIFY(idle(page));
    QCOMPARE(page.output().size(), QSize(24, 24));
  }

  void finetuneReportsABadBaseRun() {
    tfs::studio::EditFinetune ft;
    QSignalSpy failed(&ft, &tfs::studio::EditFinetune::failed);
    tfs::studio::EditFinetune::Options o;
    o.baseRun = tfs::test::tempRoot() + QStringLiteral("/edit_page/no-such-run");
    o.runDir = tfs::test::tempRoot() + QStringLiteral("/edit_page/ft");
    o.steps = 2;
    QVERIFY(ft.start(o));
    QVERIFY(ft.isRunning());
    QVERIFY(failed.wait(20000));
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("config.json")));
    QVERIFY(!ft.isRunning());
  }
};

QTEST_MAIN(TestEditPage)
#include "test_edit_page.moc"
