// The Train workspace's "Evaluate run…": the shipped demo model measured on a worker thread, the
// results in a table and in RUN/eval.json; a folder that is not a run is an error, not a crash.
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

#include <filesystem>

#include "app/studio/run_eval_dialog.h"
#include "core/generate/model_bundle.h"
#include "tests/support/test_support.h"

class TestRunEval : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void evaluatesTheShippedModel() {
    const auto shipped = tfs::shippedModelDir("fmnist-demo");
    QVERIFY2(!shipped.empty(), "the shipped demo model is missing");
    // A copy, so eval.json lands in the test's folder and not in resources/.
    const QString run = tfs::test::tempRoot() + QStringLiteral("/eval-run");
    QDir(run).removeRecursively();
    std::filesystem::copy(shipped, run.toStdString(), std::filesystem::copy_options::recursive);
    tfs::studio::RunEvalDialog dialog(run);
    dialog.setImages(10);
    QSignalSpy done(&dialog, &tfs::studio::RunEvalDialog::done);
    QSignalSpy progress(&dialog, &tfs::studio::RunEvalDialog::progressed);
    dialog.start();
    QVERIFY(done.wait(120000));
    QCOMPARE(dialog.errorText(), QString());
    QVERIFY(progress.count() >= 20);  // 10 captions + 10 samples
    auto* t = dialog.table();
    QCOMPARE(t->rowCount(), 4);
    QVERIFY(t->item(0, 1)->text().endsWith(QStringLiteral("%")));
    QVERIFY(t->item(1, 0)->text().contains(QStringLiteral("not COCO FID")));
    bool ok = false;
    QVERIFY(t->item(1, 1)->text().toDouble(&ok) > 0 && ok);
    QVERIFY(QFile::exists(run + QStringLiteral("/eval.json")));
  }

  void aFolderThatIsNotARunIsAnError() {
    const QString dir = tfs::test::tempRoot() + QStringLiteral("/not-a-run");
    QDir().mkpath(dir);
    tfs::studio::RunEvalDialog dialog(dir);
    QSignalSpy done(&dialog, &tfs::studio::RunEvalDialog::done);
    dialog.start();
    QVERIFY(done.wait(30000));
    QVERIFY2(dialog.errorText().contains(QStringLiteral("config.json")),
             qPrintable(dialog.errorText() +
                        QStringLiteral(" / rows %1 / ").arg(dialog.table()->rowCount()) +
                        dialog.findChild<QLabel*>(QStringLiteral("evalError"))->text()));
    QCOMPARE(dialog.table()->rowCount(), 0);
  }
};

QTEST_MAIN(TestRunEval)
#include "test_run_eval.moc"
