// The CLI's whole workflow on a tiny model, as a new user runs it: train, resume, generate,
// re-run from a PNG, caption, tokenizer, editing fine-tune, edit, chat — and the bad inputs.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include "tests/support/test_support.h"

class TestCliWorkflow : public QObject {
  Q_OBJECT

  struct Result {
    int code;
    QString out;
    QString err;
  };
  static Result run(const QStringList& args, const QByteArray& input = {}) {
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TFS_THREADS"), QStringLiteral("1"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TFS_CLI_PATH),
            QStringList{QStringLiteral("--log-level"), QStringLiteral("warn")} + args);
    if (!input.isEmpty()) {
      p.write(input);
      p.closeWriteChannel();
    }
    if (!p.waitForFinished(240000)) return {-1, {}, QStringLiteral("timeout")};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
  }
  static QString describe(const Result& r) {
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(r.code).arg(r.out, r.err);
  }
  static int lines(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    return f.readAll().trimmed().split('\n').size();
  }

  QString dir_, run_, edit_, data_;

 private Q_SLOTS:
  void initTestCase() {
    dir_ = tfs::test::tempRoot() + QStringLiteral("/cli_workflow");
    QDir(dir_).removeRecursively();
    QDir().mkpath(dir_);
    run_ = dir_ + QStringLiteral("/run");
    edit_ = dir_ + QStringLiteral("/run-edit");
    // A caption folder (image + same-named .txt), the layout many data sets use.
    data_ = dir_ + QStringLiteral("/data");
    QVERIFY(tfs::test::writeSquaresFolder(data_, 12, 16));
  }

  void trainWritesACompleteRun() {
    auto r = run({"train", "--preset", "tiny-test", "--data", "folder:" + data_, "--run", run_,
                  "--steps", "4", "--set", "checkpointEvery=2", "--set", "logEvery=1"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(r.out.contains(QStringLiteral("finished at step 4")));
    for (const char* f :
         {"config.json", "metrics.jsonl", "tokenizer.model", "checkpoints/latest",
          "checkpoints/step-0000004/DONE", "checkpoints/step-0000004/model.safetensors"})
      QVERIFY2(QFile::exists(run_ + "/" + f), f);
    QCOMPARE(lines(run_ + "/metrics.jsonl"), 4);
    QFile cfg(run_ + "/config.json");
    QVERIFY(cfg.open(QIODevice::ReadOnly));
    auto j = QJsonDocument::fromJson(cfg.readAll()).object();
    QCOMPARE(j["train"].toObject()["checkpointEvery"].toInt(), 2);
  }

  void anExistingRunNeedsResume() {
    auto r = run({"train", "--preset", "tiny-test", "--data", "folder:" + data_, "--run", run_,
                  "--steps", "6"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QStringLiteral("--resume")));
    r = run({"train", "--run", run_, "--steps", "6", "--resume"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(r.out.contains(QStringLiteral("training from step 4")));
    QCOMPARE(lines(run_ + "/metrics.jsonl"), 6);
    QVERIFY(QFile::exists(run_ + "/checkpoints/step-0000006/DONE"));
  }

  void sigtermStopsSavesAndSaysSo() {
    // SIGTERM (a scheduler's stop) ends training after the current step with a checkpoint and
    // exit code 3, not 0 like a finished run; --resume continues from there.
    const QString termRun = dir_ + "/run-term";
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TFS_THREADS"), QStringLiteral("1"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TFS_CLI_PATH),
            {"--log-level", "warn", "train", "--preset", "tiny-test", "--data", "folder:" + data_,
             "--run", termRun, "--steps", "100000", "--set", "checkpointEvery=0"});
    QString out;
    QElapsedTimer t;
    t.start();
    while (!out.contains(QStringLiteral("training from step")) && t.elapsed() < 120000) {
      p.waitForReadyRead(1000);
      out += QString::fromUtf8(p.readAllStandardOutput());
    }
    QVERIFY2(out.contains(QStringLiteral("training from step")), qPrintable(out));
    QTest::qWait(1500);  // a few steps in
    p.terminate();       // SIGTERM
    QVERIFY(p.waitForFinished(120000));
    out += QString::fromUtf8(p.readAllStandardOutput());
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 3);
    QVERIFY2(out.contains(QStringLiteral("stopped at step")), qPrintable(out));
    QDir ck(termRun + "/checkpoints");
    QVERIFY(!ck.entryList({"step-*"}, QDir::Dirs).isEmpty());
    const auto m = QRegularExpression(QStringLiteral("stopped at step (\\d+)")).match(out);
    QVERIFY(m.hasMatch());
    const int stoppedAt = m.captured(1).toInt();
    QVERIFY(stoppedAt >= 0);
    auto r =
        run({"train", "--run", termRun, "--resume", "--steps", QString::number(stoppedAt + 1)});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.contains(QStringLiteral("training from step %1").arg(stoppedAt)),
             qPrintable(describe(r)));
  }

  void aSecondStageStartsFromAnotherRun() {
    const QString second = dir_ + "/run-second";
    auto r = run({"train", "--init-from", run_, "--run", second, "--steps", "2", "--set",
                  "captionFirstProb=0.5"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QFile a(run_ + "/tokenizer.model"), b(second + "/tokenizer.model");
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(a.readAll(), b.readAll());  // the same tokenizer, not a retrained one
    QFile cfg(second + "/config.json");
    QVERIFY(cfg.open(QIODevice::ReadOnly));
    auto j = QJsonDocument::fromJson(cfg.readAll()).object();
    QVERIFY(j["initFrom"].toString().endsWith(QStringLiteral(".safetensors")));
    QCOMPARE(j["train"].toObject()["captionFirstProb"].toDouble(), 0.5);
    QCOMPARE(j["data"].toArray().size(), 1);  // the data of the run it continues
    r = run({"train", "--init-from", dir_ + "/nothing", "--run", dir_ + "/run-third"});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("--init-from")));
    // Core says which field; the CLI adds the flag that sets it.
    QVERIFY2(r.err.trimmed().endsWith(QStringLiteral("(--init-from)")), qPrintable(r.err));
    r = run({"train", "--preset", "shapes-demo", "--data", "shapes", "--data", "shapes-edit",
             "--set", "editProb=0", "--run", dir_ + "/run-fourth"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("editProb")) &&
                 r.err.trimmed().endsWith(QStringLiteral("(--set editProb=…)")),
             qPrintable(r.err));
  }

  void badTrainInputsAreClear() {
    auto r = run({"train", "--preset", "tiny-test", "--data", "folder:" + data_, "--run",
                  dir_ + "/bad", "--set", "bogusKey=1"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("unknown key")), qPrintable(r.err));
    r = run({"train", "--preset", "tiny-test", "--data", "nonsense:x", "--run", dir_ + "/bad2"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QStringLiteral("valid data specs")));
    r = run({"train", "--preset", "no-such-preset", "--data", "folder:" + data_, "--run",
             dir_ + "/bad3"});
    QCOMPARE(r.code, 1);
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    // A folder whose every record is bad says so (not "no text to train a tokenizer on").
    QDir().mkpath(dir_ + "/junk-folder");
    {
      QFile j(dir_ + "/junk-folder/a.png"), c(dir_ + "/junk-folder/a.txt");
      QVERIFY(j.open(QIODevice::WriteOnly) && c.open(QIODevice::WriteOnly));
      j.write("junk");
      c.write("a caption");
    }
    r = run({"train", "--preset", "tiny-test", "--data", "folder:" + dir_ + "/junk-folder", "--run",
             dir_ + "/bad5"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("every record was skipped")), qPrintable(describe(r)));
    QVERIFY(!QDir(dir_ + "/bad5").exists());
    // A new run that fails after its folder was made leaves nothing behind.
    r = run({"train", "--preset", "tiny-test", "--data", "folder:" + dir_ + "/no-such-folder",
             "--run", dir_ + "/bad4"});
    QVERIFY2(r.code != 0, qPrintable(describe(r)));
    QVERIFY2(!QDir(dir_ + "/bad4").exists(), qPrintable(describe(r)));
    // Resuming to a step count the run has already reached trains nothing and rewrites nothing.
    r = run({"train", "--run", run_, "--resume", "--steps", "3"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("nothing to train")), qPrintable(describe(r)));
    QFile cfg(run_ + "/config.json");
    QVERIFY(cfg.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(cfg.readAll()).object()["train"].toObject()["steps"].toInt(),
             6);
  }

  // The VAE stage from the command line: a latent preset's run gets vae.safetensors; pixel
  // presets and text data are refused with what to do instead.
  void trainVaeWritesTheRunsVae() {
    const QString vaeRun = dir_ + QStringLiteral("/run-vae");
    auto r = run({"train-vae", "--preset", "shapes-small", "--data", "shapes", "--run", vaeRun,
                  "--steps", "2", "--batch", "2"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(QFile::exists(vaeRun + QStringLiteral("/vae.safetensors")));
    QVERIFY2(r.out.contains(QStringLiteral("held-out PSNR")), qPrintable(r.out));
    r = run({"train-vae", "--preset", "fmnist-demo", "--data", "fmnist:train", "--run",
             dir_ + "/vae-pixels"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("needs no VAE")), qPrintable(r.err));
    r = run({"train-vae", "--preset", "shapes-small", "--data", "text:" + dir_ + "/none.txt",
             "--run", dir_ + "/vae-text"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("trains on images")), qPrintable(r.err));
    QVERIFY(!QFile::exists(dir_ + QStringLiteral("/vae-pixels/vae.safetensors")));
  }

  void generateSavesParametersAndReproduces() {
    const QString first = dir_ + "/first.png", again = dir_ + "/again.png";
    auto r = run({"generate", "--run", run_, "--prompt", "a red circle", "--steps", "4", "--seed",
                  "7", "--out", first, "--quiet"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(QFile::exists(first));
    r = run({"generate", "--from", first, "--out", again, "--quiet"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(r.out.contains(QStringLiteral("seed 7")));
    QFile a(first), b(again);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(a.readAll(), b.readAll());  // same parameters, same pixels, same text chunk
    r = run({"generate", "--run", run_, "--prompt", "a red circle", "--steps", "4", "--seed", "8",
             "--out", dir_ + "/other.png", "--quiet"});
    QCOMPARE(r.code, 0);
    QFile c(dir_ + "/other.png");
    QVERIFY(c.open(QIODevice::ReadOnly));
    a.seek(0);
    QVERIFY(a.readAll() != c.readAll());
  }

  void badGenerateInputsAreUsageErrors() {
    auto r = run({"generate", "--run", run_, "--prompt", "x", "--steps", "0"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QStringLiteral("steps")));
    r = run({"generate", "--run", run_, "--prompt", "   "});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QStringLiteral("empty")));
    r = run({"generate", "--run", run_, "--prompt", "x", "--cfg", "-1"});
    QCOMPARE(r.code, 2);
    r = run({"generate", "--run", dir_ + "/missing-run", "--prompt", "x"});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("does not exist")));
    // --from an image whose run is gone: an error, not a quiet switch to the shipped model.
    const QString gone = dir_ + "/gone-run";
    QVERIFY(QProcess::execute("cp", {"-r", run_, gone}) == 0);
    r = run({"generate", "--run", gone, "--prompt", "x", "--steps", "2", "--out",
             dir_ + "/orphan.png", "--quiet"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(QDir(gone).removeRecursively());
    r = run({"generate", "--from", dir_ + "/orphan.png", "--out", dir_ + "/x.png", "--quiet"});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("which is not here")), qPrintable(describe(r)));
  }

  void captionReadsImagesAndReportsBadOnes() {
    QFile junk(dir_ + "/junk.png");
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a png at all");
    junk.close();
    auto r =
        run({"caption", "--run", run_, dir_ + "/first.png", junk.fileName(), "--max-tokens", "5"});
    QCOMPARE(r.code, 1);  // one of the two failed
    QVERIFY(r.out.startsWith(dir_ + "/first.png\t"));
    QVERIFY(r.err.contains(QStringLiteral("junk.png")));
  }

  void tokenizerRoundTrips() {
    const QString model = run_ + "/tokenizer.model";
    auto r = run({"tokenizer", "encode", "--model", model, "a small red circle"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QStringList ids = r.out.trimmed().split(' ');
    QVERIFY(!ids.isEmpty());
    r = run(QStringList{"tokenizer", "decode", "--model", model} + ids);
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out.trimmed(), QStringLiteral("a small red circle"));
    r = run({"tokenizer", "decode", "--model", model, "banana"});
    QCOMPARE(r.code, 2);
    r = run({"tokenizer", "train", "--data", "shapes", "--samples", "300", "--vocab", "300",
             "--out", dir_ + "/tok.model"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(QFile::exists(dir_ + "/tok.model"));
  }

  void editingFineTuneAndEdit() {
    // Shapes scenes need 24 pixels or more: a tiny 24×24 model from a config file, no preset.
    const QString cfg = dir_ + "/tiny24.json";
    QFile f(cfg);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        R"({"model": {"name": "tiny24", "vocabSize": 64, "dModel": 32, "nLayers": 2, "nHeads": 4,
      "ffnHidden": 64, "maxSeqLen": 128, "imageSize": 24, "imageChannels": 3, "vaeFactor": 1,
      "latentChannels": 3, "vaeChannels": [], "patchSize": 4},
      "train": {"steps": 2, "batchRows": 2, "rowLength": 128, "warmupSteps": 1, "tokenizerVocab": 320,
      "checkpointEvery": 2, "logEvery": 1, "sampleEvery": 0}})");
    f.close();
    const QString base = dir_ + "/run24";
    auto r = run({"train", "--config", cfg, "--data", "shapes", "--run", base});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    r = run(
        {"finetune-edit", "--base", base, "--run", edit_, "--steps", "2", "--set", "logEvery=1"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(QFile::exists(edit_ + "/checkpoints/step-0000002/DONE"));
    QVERIFY(QFile::exists(edit_ + "/tokenizer.model"));
    const QString out = dir_ + "/edited.png";
    r = run({"edit", "--run", edit_, "--image", dir_ + "/first.png", "--instruction",
             "make it blue", "--steps", "3", "--out", out, "--quiet"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(QFile::exists(out));
    r = run({"edit", "--run", edit_, "--image", dir_ + "/first.png", "--instruction", " "});
    QCOMPARE(r.code, 2);
  }

  void chatAnswersAndDraws() {
    auto r =
        run({"chat", "--run", run_, "--out", dir_ + "/chat", "--steps", "3", "--max-tokens", "4"},
            "hello\n/draw a circle\n/save " + (dir_ + "/conv").toUtf8() + "\n/quit\n");
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(r.out.contains(QStringLiteral("model>")));
    QVERIFY(r.out.contains(QStringLiteral("[image: ")));
    QVERIFY(QFile::exists(dir_ + "/chat/image-1.png"));
    QVERIFY(QFile::exists(dir_ + "/conv/conversation.json"));
  }
};

QTEST_GUILESS_MAIN(TestCliWorkflow)
#include "test_cli_workflow.moc"
