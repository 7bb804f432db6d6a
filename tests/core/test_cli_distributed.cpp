// Data-parallel training end to end (issue 16): real processes started by `transfusion launch`
// (or by hand with torchrun's variables), over loopback Gloo. A 2-rank run with batchRows B
// reproduces a 1-rank run with 2B (losses and final weights), also with gradient accumulation;
// weights stay identical on every rank (TFS_DIST_VERIFY_WEIGHTS); only rank 0 writes the run
// folder; a killed rank ends the job fast with its checkpoint intact; 2 → 1 resumes with a
// warning; ranks started differently refuse to start, naming the field.
#include <signal.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>
#include <QtTest>

#include "core/base/run_layout.h"
#include "core/model/safetensors.h"
#include "tests/support/test_support.h"

namespace {

struct Result {
  int code = -1;
  QString out;
};

QStringList kData;  // the preset and a caption folder (initTestCase)

QProcessEnvironment baseEnv() {
  auto env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("TFS_THREADS"), QStringLiteral("1"));
  env.insert(QStringLiteral("TFS_DIST_TIMEOUT"), QStringLiteral("30"));
  for (const char* k : {"RANK", "WORLD_SIZE", "LOCAL_RANK", "SLURM_PROCID", "SLURM_NTASKS"})
    env.remove(QString::fromLatin1(k));
  return env;
}

Result run(const QStringList& args, const QProcessEnvironment& env = baseEnv(), int ms = 240000) {
  QProcess p;
  p.setProcessEnvironment(env);
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(QStringLiteral(TFS_CLI_PATH), args);
  if (!p.waitForFinished(ms)) {
    p.kill();
    p.waitForFinished();
    return {-2, QString::fromUtf8(p.readAll())};
  }
  return {p.exitCode(), QString::fromUtf8(p.readAll())};
}

std::vector<QJsonObject> metrics(const QString& runDir) {
  std::vector<QJsonObject> out;
  QFile f(runDir + QStringLiteral("/metrics.jsonl"));
  if (!f.open(QIODevice::ReadOnly)) return out;
  for (const auto& line : f.readAll().split('\n'))
    if (!line.trimmed().isEmpty()) out.push_back(QJsonDocument::fromJson(line).object());
  return out;
}

std::map<std::string, torch::Tensor> finalWeights(const QString& runDir, int step) {
  return tfs::readSafetensors((runDir + QStringLiteral("/checkpoints/") +
                               QString::fromStdString(tfs::checkpointName(step)) +
                               QStringLiteral("/model.safetensors"))
                                  .toStdString());
}

QStringList files(const QString& root) {
  QStringList out;
  QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) out << QDir(root).relativeFilePath(it.next());
  out.sort();
  return out;
}

}  // namespace

class TestCliDistributed : public QObject {
  Q_OBJECT
  QString dir_;

  // Losses step by step and the final weights of two runs agree to float rounding.
  void compareRuns(const QString& a, const QString& b, int steps) {
    const auto ma = metrics(a), mb = metrics(b);
    QCOMPARE(int(ma.size()), steps);
    QCOMPARE(int(mb.size()), steps);
    for (int i = 0; i < steps; ++i) {
      const double la = ma[size_t(i)].value(QStringLiteral("total")).toDouble();
      const double lb = mb[size_t(i)].value(QStringLiteral("total")).toDouble();
      QVERIFY2(std::abs(la - lb) <= 1e-4 * std::max(1.0, std::abs(la)),
               qPrintable(QStringLiteral("step %1: %2 vs %3")
                              .arg(i + 1)
                              .arg(la, 0, 'g', 9)
                              .arg(lb, 0, 'g', 9)));
    }
    const auto wa = finalWeights(a, steps), wb = finalWeights(b, steps);
    QCOMPARE(wa.size(), wb.size());
    for (const auto& [name, t] : wa) {
      QVERIFY(wb.count(name));
      QVERIFY2(torch::allclose(t, wb.at(name), 1e-4, 1e-5), name.c_str());
    }
  }

 private Q_SLOTS:
  void initTestCase() {
    dir_ = tfs::test::tempRoot() + QStringLiteral("/cli_distributed");
    QDir(dir_).removeRecursively();
    QVERIFY(QDir().mkpath(dir_));
    // A caption folder of 8×8 images (a record source: each row stream reads its share).
    const QString data = dir_ + QStringLiteral("/data");
    QVERIFY(tfs::test::writeSquaresFolder(data, 40, 8));
    kData = QStringList{"--preset",       "tiny-test", "--data",     "folder:" + data,   "--set",
                        "precision=fp32", "--set",     "emaDecay=0", "--sample-prompts", "0"};
  }

  void twoRanksReproduceOneRankWithTwiceTheRows() {
    auto env = baseEnv();
    env.insert(QStringLiteral("TFS_DIST_VERIFY_WEIGHTS"), QStringLiteral("1"));
    const QString one = dir_ + QStringLiteral("/one"), two = dir_ + QStringLiteral("/two");
    auto r = run(QStringList{"train"} + kData +
                     QStringList{"--set", "batchRows=4", "--steps", "6", "--run", one},
                 env);
    QVERIFY2(r.code == 0, qPrintable(r.out));
    r = run(QStringList{"launch", "--nproc", "2", "--", "train"} + kData +
                QStringList{"--set", "batchRows=2", "--steps", "6", "--run", two},
            env);
    QVERIFY2(r.code == 0, qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("2 ranks")), qPrintable(r.out));
    compareRuns(one, two, 6);
    // The job reports its size and per-rank throughput.
    const auto m = metrics(two);
    QCOMPARE(m.back().value(QStringLiteral("world")).toInt(), 2);
    QVERIFY(m.back().value(QStringLiteral("tokens_per_s_per_rank")).toDouble() > 0);
    // Only rank 0 wrote: the same files as the one-process run.
    QCOMPARE(files(two), files(one));
  }

  void gradientAccumulationToo() {
    const QString one = dir_ + QStringLiteral("/acc-one"), two = dir_ + QStringLiteral("/acc-two");
    auto r = run(
        QStringList{"train"} + kData +
        QStringList{"--set", "batchRows=2", "--set", "gradAccum=2", "--steps", "4", "--run", one});
    QVERIFY2(r.code == 0, qPrintable(r.out));
    r = run(
        QStringList{"launch", "--nproc", "2", "--", "train"} + kData +
        QStringList{"--set", "batchRows=1", "--set", "gradAccum=2", "--steps", "4", "--run", two});
    QVERIFY2(r.code == 0, qPrintable(r.out));
    compareRuns(one, two, 4);
  }

  // Mostly text (a fortune corpus at 3 text tokens per patch, rows of 64): in many steps one
  // rank's row holds no image while the other's does, so the image codec has no gradient there;
  // the job still trains what one process with both rows does.
  void stepsWhereOneRankHasNoImages() {
    const QString one = dir_ + QStringLiteral("/text-one"),
                  two = dir_ + QStringLiteral("/text-two");
    const QStringList mix{"--text",           "fortunes", "--set",
                          "textImageRatio=3", "--set",    "tokenizerVocab=512"};
    auto r = run(QStringList{"train"} + kData + mix +
                 QStringList{"--set", "batchRows=2", "--steps", "10", "--run", one});
    QVERIFY2(r.code == 0, qPrintable(r.out));
    r = run(QStringList{"--log-level", "debug", "launch", "--nproc", "2", "--", "train"} + kData +
            mix + QStringList{"--set", "batchRows=1", "--steps", "10", "--run", two});
    QVERIFY2(r.code == 0, qPrintable(r.out));
    // The case is there: a step with images on one rank and none on the other.
    int lopsided = 0;
    for (int step = 1; step <= 10; ++step) {
      const bool none0 =
          r.out.contains(QStringLiteral("step %1 micro-batch 0: 0 images on rank 0").arg(step));
      const bool none1 =
          r.out.contains(QStringLiteral("step %1 micro-batch 0: 0 images on rank 1").arg(step));
      lopsided += none0 != none1;
    }
    QVERIFY2(lopsided > 0, qPrintable(r.out.right(3000)));
    compareRuns(one, two, 10);
  }

  void resumeTwoRanksAsOne() {
    const QString run2 = dir_ + QStringLiteral("/resume");
    auto r = run(QStringList{"launch", "--nproc", "2", "--", "train"} + kData +
                 QStringList{"--set", "batchRows=1", "--set", "checkpointEvery=2", "--steps", "4",
                             "--run", run2});
    QVERIFY2(r.code == 0, qPrintable(r.out));
    r = run({"train", "--run", run2, "--resume", "--steps", "6"});
    QVERIFY2(r.code == 0, qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("job of 2 process")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("start again")), qPrintable(r.out));
    QCOMPARE(int(metrics(run2).size()), 6);
  }

  void ranksStartedDifferentlyRefuse() {
    const QString run1 = dir_ + QStringLiteral("/mismatch");
    QProcess p0, p1;
    const int port = 29000 + int(QCoreApplication::applicationPid() % 900);
    auto start = [&](QProcess& p, int rank, const QString& lr) {
      auto env = baseEnv();
      env.insert(QStringLiteral("RANK"), QString::number(rank));
      env.insert(QStringLiteral("WORLD_SIZE"), QStringLiteral("2"));
      env.insert(QStringLiteral("MASTER_ADDR"), QStringLiteral("127.0.0.1"));
      env.insert(QStringLiteral("MASTER_PORT"), QString::number(port));
      p.setProcessEnvironment(env);
      p.setProcessChannelMode(QProcess::MergedChannels);
      p.start(QStringLiteral(TFS_CLI_PATH),
              QStringList{"train"} + kData +
                  QStringList{"--set", "lr=" + lr, "--steps", "2", "--run", run1});
    };
    start(p0, 0, QStringLiteral("0.001"));
    start(p1, 1, QStringLiteral("0.002"));
    QVERIFY(p0.waitForFinished(120000));
    QVERIFY(p1.waitForFinished(120000));
    const QString o0 = QString::fromUtf8(p0.readAll()), o1 = QString::fromUtf8(p1.readAll());
    QVERIFY2(p0.exitCode() != 0 && p1.exitCode() != 0, qPrintable(o0 + o1));
    QVERIFY2(o0.contains(QLatin1String("train.lr")) && o1.contains(QLatin1String("train.lr")),
             qPrintable(o0 + o1));
    QVERIFY2(!QFileInfo::exists(run1 + QStringLiteral("/config.json")), qPrintable(o0));
  }

  void aKilledRankEndsTheJobQuickly() {
    const QString runK = dir_ + QStringLiteral("/killed");
    QProcess job;
    job.setProcessEnvironment(baseEnv());
    job.setProcessChannelMode(QProcess::MergedChannels);
    job.start(QStringLiteral(TFS_CLI_PATH),
              QStringList{"launch", "--nproc", "2", "--grace", "5", "--", "train"} + kData +
                  QStringList{"--set", "batchRows=1", "--set", "checkpointEvery=5", "--steps",
                              "100000", "--run", runK});
    QVERIFY(job.waitForStarted());
    // Wait for a checkpoint, then kill rank 1 (a child of the launcher).
    QElapsedTimer t;
    t.start();
    while (!QFileInfo::exists(runK + QStringLiteral("/checkpoints/") +
                              QString::fromStdString(tfs::checkpointName(5)) +
                              QStringLiteral("/DONE")) &&
           t.elapsed() < 120000)
      QThread::msleep(100);
    QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(job.processId()));
    QVERIFY(children.open(QIODevice::ReadOnly));
    const auto pids =
        QString::fromLatin1(children.readAll()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QCOMPARE(pids.size(), 2);
    QElapsedTimer since;
    since.start();
    ::kill(pids[1].toInt(), SIGKILL);
    QVERIFY(job.waitForFinished(90000));
    const QString out = QString::fromUtf8(job.readAll());
    QVERIFY2(since.elapsed() < 60000, qPrintable(QString::number(since.elapsed())));
    QVERIFY2(job.exitCode() != 0, qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("rank 1 was killed by signal 9")), qPrintable(out));
    // The newest complete checkpoint is intact.
    const auto last = tfs::latestCheckpoint((runK + QStringLiteral("/checkpoints")).toStdString());
    QVERIFY(!last.empty());
    QCOMPARE(tfs::checkpointDamage(last), std::string());
  }
};

QTEST_GUILESS_MAIN(TestCliDistributed)
#include "test_cli_distributed.moc"
