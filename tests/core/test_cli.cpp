// The CLI as a user meets it: help, exit codes 0/1/2, one-line errors.
#include <QProcess>
#include <QtTest>

#include "tests/support/test_support.h"

class TestCli : public QObject {
  Q_OBJECT

  struct Result {
    int code;
    QString out;
    QString err;
  };
  static Result run(const QStringList& args,
                    const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TFS_CLI_PATH), args);
    if (!p.waitForFinished(120000)) return {-1, {}, QStringLiteral("timeout")};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
  }

 private Q_SLOTS:
  void helpExitsZero() {
    auto r = run({QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("info")));
    r = run({QStringLiteral("info"), QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("--json")));
  }
  void unknownFlagIsUsageError() {
    auto r = run({QStringLiteral("info"), QStringLiteral("--bogus")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.startsWith(QStringLiteral("error:")));
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
    QVERIFY(r.err.contains(QStringLiteral("--bogus")));
  }
  void noSubcommandIsUsageError() { QCOMPARE(run({}).code, 2); }
  void outOfRangeNumbersAreUsageErrors() {
    for (const char* t : {"0", "-3"}) {
      auto r = run({QStringLiteral("--threads"), QLatin1String(t), QStringLiteral("info"),
                    QStringLiteral("--no-gemm")});
      QCOMPARE(r.code, 2);
      QVERIFY2(r.err.contains(QStringLiteral("--threads")), qPrintable(r.err));
    }
    auto r =
        run({QStringLiteral("mask"), QStringLiteral("--layout"), QStringLiteral("text:200000")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("too large")), qPrintable(r.err));
  }
  void badLogLevelIsUsageError() {
    auto r = run({QStringLiteral("--log-level"), QStringLiteral("loud"), QStringLiteral("info"),
                  QStringLiteral("--no-gemm")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QStringLiteral("unknown log level")));
  }
  void unwritableLogFileIsFailure() {
    auto r = run({QStringLiteral("--log-file"), QStringLiteral("/proc/forbidden/dir/log.txt"),
                  QStringLiteral("info"), QStringLiteral("--no-gemm")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QStringLiteral("cannot write log file")), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
  }
  void missingShimIsReportedByInfo() {
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TFS_SPM_SHIM"), QStringLiteral("/nonexistent/libtfs_spm_shim.so"));
    auto r = run({QStringLiteral("info"), QStringLiteral("--no-gemm")}, env);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(
                 QStringLiteral("unavailable: SentencePiece shim libtfs_spm_shim.so not found")),
             qPrintable(r.out));
  }
  // The counts describe the model `train --preset` builds: its vocabulary is the preset's
  // tokenizer size (shapes-demo: 320), not the model config's placeholder.
  void presetCountsUseTheTrainedVocabulary() {
    auto r = run({QStringLiteral("info"), QStringLiteral("--preset"), QStringLiteral("shapes-demo"),
                  QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    const auto o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const auto cfg = o[QStringLiteral("config")].toObject();
    QCOMPARE(cfg[QStringLiteral("vocabSize")].toInt(), 320);
    const qint64 d = cfg[QStringLiteral("dModel")].toInteger();
    QCOMPARE(o[QStringLiteral("embeddings")].toInteger(), 2 * 320 * d);
    QCOMPARE(
        o[QStringLiteral("total")].toInteger(),
        o[QStringLiteral("transformer")].toInteger() + o[QStringLiteral("embeddings")].toInteger() +
            o[QStringLiteral("patchCodec")].toInteger() + o[QStringLiteral("vae")].toInteger());
    r = run({QStringLiteral("info"), QStringLiteral("--preset"), QStringLiteral("no-such-preset")});
    QCOMPARE(r.code, 2);
  }
  void infoJsonHasEverything() {
    auto r = run({QStringLiteral("--threads"), QStringLiteral("2"), QStringLiteral("info"),
                  QStringLiteral("--json"), QStringLiteral("--gemm-size"), QStringLiteral("256")});
    QCOMPARE(r.code, 0);
    const auto doc = QJsonDocument::fromJson(r.out.toUtf8());
    QVERIFY2(doc.isObject(), qPrintable(r.out));
    const auto o = doc.object();
    QCOMPARE(o[QStringLiteral("threads")].toInt(), 2);
    QVERIFY(
        o[QStringLiteral("versions")].toObject()[QStringLiteral("libtorch")].toString().startsWith(
            QLatin1Char('1')) ||
        o[QStringLiteral("versions")].toObject()[QStringLiteral("libtorch")].toString().startsWith(
            QLatin1Char('2')));
    QCOMPARE(o[QStringLiteral("versions")].toObject()[QStringLiteral("sentencepiece")].toString(),
             QStringLiteral("0.1.97"));
    QVERIFY(
        o[QStringLiteral("gemm")].toArray().at(0).toObject()[QStringLiteral("gflops")].toDouble() >
        0.1);
    QCOMPARE(
        o[QStringLiteral("devices")].toArray().at(0).toObject()[QStringLiteral("name")].toString(),
        QStringLiteral("cpu"));
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
