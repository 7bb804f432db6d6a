// `transfusion eval`, `bench` and `ablate` as a user meets them: hand-checked CIDEr-D through the
// binary, JSON output, one-line errors with exit 1 (bad input) or 2 (bad usage).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/support/test_support.h"

class TestEvalCli : public QObject {
  Q_OBJECT

  struct Result {
    int code;
    QString out;
    QString err;
  };
  static Result run(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(TFS_CLI_PATH),
            QStringList{QStringLiteral("--threads"), QStringLiteral("1")} + args);
    if (!p.waitForFinished(300000)) return {-1, {}, QStringLiteral("timeout")};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
  }
  static void oneLineError(const Result& r, int code) {
    QVERIFY2(r.code == code, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
    QVERIFY2(r.err.startsWith(QStringLiteral("error:")), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
  }
  QString write(const QString& name, const QByteArray& text) {
    const QString path = dir_.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
  }

  QTemporaryDir dir_{tfs::test::tempRoot() + QStringLiteral("/eval-cli-XXXXXX")};

 private Q_SLOTS:
  // Item 1: candidate = its only reference "a red circle"; its words occur in no other image's
  // references, so every n-gram weighs ln 2 and the vectors are equal: cosine 1 for n = 1, 2, 3,
  // 0 for n = 4 (no 4-gram), length penalty 1 → 10 · (1+1+1+0)/4 = 7.5. Item 2 shares no n-gram
  // with "two blue squares" → 0. Corpus: 3.75.
  void ciderOnAHandMadePair() {
    const auto refs =
        write(QStringLiteral("refs.json"), R"({"1": ["a red circle"], "2": ["two blue squares"]})");
    const auto cands = write(QStringLiteral("cands.json"),
                             R"({"1": ["a red circle"], "2": ["a green triangle"]})");
    const auto items = dir_.filePath(QStringLiteral("items.json"));
    auto r = run({QStringLiteral("eval"), QStringLiteral("cider"), QStringLiteral("--refs"), refs,
                  QStringLiteral("--cands"), cands, QStringLiteral("--out"), items,
                  QStringLiteral("--json")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const auto j = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY(std::abs(j[QStringLiteral("score")].toDouble() - 3.75) < 1e-9);
    QFile f(items);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto per = QJsonDocument::fromJson(f.readAll()).object();
    QVERIFY(std::abs(per[QStringLiteral("1")].toDouble() - 7.5) < 1e-9);
    QCOMPARE(per[QStringLiteral("2")].toDouble(), 0.0);
    r = run({QStringLiteral("eval"), QStringLiteral("cider"), QStringLiteral("--refs"), refs,
             QStringLiteral("--cands"), cands});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("CIDEr-D")));
    QVERIFY(r.out.contains(QStringLiteral("3.7500")));
  }

  void ciderBadInputIsOneLineExitOne() {
    const auto good = write(QStringLiteral("good.json"), R"({"1": ["a cat"]})");
    const auto bad = write(QStringLiteral("bad.json"), "{\"1\": [");
    oneLineError(run({QStringLiteral("eval"), QStringLiteral("cider"), QStringLiteral("--refs"),
                      bad, QStringLiteral("--cands"), good}),
                 1);
    oneLineError(
        run({QStringLiteral("eval"), QStringLiteral("cider"), QStringLiteral("--refs"),
             dir_.filePath(QStringLiteral("missing.json")), QStringLiteral("--cands"), good}),
        1);
    const auto other = write(QStringLiteral("other.json"), R"({"2": ["a dog"]})");
    oneLineError(run({QStringLiteral("eval"), QStringLiteral("cider"), QStringLiteral("--refs"),
                      good, QStringLiteral("--cands"), other}),
                 1);
  }

  void usageErrorsExitTwo() {
    oneLineError(run({QStringLiteral("eval"), QStringLiteral("cider"), QStringLiteral("--refs"),
                      QStringLiteral("x.json")}),
                 2);
    oneLineError(run({QStringLiteral("ablate"), QStringLiteral("dropout")}), 2);
    oneLineError(run({QStringLiteral("bench"), QStringLiteral("train"), QStringLiteral("--preset"),
                      QStringLiteral("no-such-preset")}),
                 2);
    oneLineError(run({QStringLiteral("eval"), QStringLiteral("perplexity"), QStringLiteral("--run"),
                      dir_.path(), QStringLiteral("--text"), QStringLiteral("fmnist:test")}),
                 2);
  }

  void missingRunIsOneLineExitOne() {
    auto r =
        run({QStringLiteral("eval"), QStringLiteral("caption-accuracy"), QStringLiteral("--run"),
             dir_.filePath(QStringLiteral("no-run")), QStringLiteral("--n"), QStringLiteral("2")});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.startsWith(QStringLiteral("error:")), qPrintable(r.err));
  }

  void benchAttentionOnATinySize() {
    auto r = run({QStringLiteral("bench"), QStringLiteral("attention"), QStringLiteral("--lengths"),
                  QStringLiteral("32,64"), QStringLiteral("--heads"), QStringLiteral("2"),
                  QStringLiteral("--head-dim"), QStringLiteral("8"), QStringLiteral("--patches"),
                  QStringLiteral("16"), QStringLiteral("--repeats"), QStringLiteral("1"),
                  QStringLiteral("--json")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // Both precisions by default, each against its own ceiling.
    const auto arms = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(arms.size(), 2);
    for (int i = 0; i < 2; ++i) {
      const auto j = arms[i].toObject();
      QCOMPARE(j[QStringLiteral("precision")].toString(),
               i == 0 ? QStringLiteral("fp32") : QStringLiteral("bf16"));
      QCOMPARE(j[QStringLiteral("rows")].toArray().size(), 2);
      const auto gemm = j[QStringLiteral("gemm")].toObject();
      QCOMPARE(j[QStringLiteral("ceiling_gflops")].toDouble(),
               gemm[i == 0 ? QStringLiteral("fp32") : QStringLiteral("bf16")]
                   .toObject()[QStringLiteral("gflops")]
                   .toDouble());
      QVERIFY(j[QStringLiteral("ceiling_gflops")].toDouble() > 0);
    }
    r = run({QStringLiteral("bench"), QStringLiteral("attention"), QStringLiteral("--lengths"),
             QStringLiteral("32"), QStringLiteral("--heads"), QStringLiteral("1"),
             QStringLiteral("--head-dim"), QStringLiteral("8"), QStringLiteral("--repeats"),
             QStringLiteral("1")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("GEMM ceilings")));
    QVERIFY(r.out.contains(QStringLiteral("of bf16 ceiling")));
    QVERIFY(r.out.contains(QStringLiteral("transfusion")));
  }

  void benchTrainOnTheTinyPreset() {
    auto r = run({QStringLiteral("bench"), QStringLiteral("train"), QStringLiteral("--preset"),
                  QStringLiteral("tiny-test"), QStringLiteral("--steps"), QStringLiteral("1"),
                  QStringLiteral("--warmup"), QStringLiteral("0"), QStringLiteral("--precision"),
                  QStringLiteral("fp32"), QStringLiteral("--json")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const auto j = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY(j[QStringLiteral("tokens_per_s")].toDouble() > 0);
    QVERIFY(j[QStringLiteral("fraction_of_ceiling")].toDouble() > 0);
    QVERIFY(j[QStringLiteral("peak_rss_mib")].toDouble() > 0);
    QVERIFY(j[QStringLiteral("formula")].toString().contains(QStringLiteral("6*N")));
    QVERIFY(j[QStringLiteral("gemm_bf16_gflops")].toDouble() > 0);
    QCOMPARE(j[QStringLiteral("precision")].toString(), QStringLiteral("fp32"));
    // Both precisions side by side: one result each, each against its own ceiling.
    auto r2 = run({QStringLiteral("bench"), QStringLiteral("train"), QStringLiteral("--preset"),
                   QStringLiteral("tiny-test"), QStringLiteral("--steps"), QStringLiteral("1"),
                   QStringLiteral("--warmup"), QStringLiteral("0"), QStringLiteral("--precision"),
                   QStringLiteral("both"), QStringLiteral("--json")});
    QVERIFY2(r2.code == 0, qPrintable(r2.err));
    const auto arms = QJsonDocument::fromJson(r2.out.toUtf8()).array();
    QCOMPARE(arms.size(), 2);
    QCOMPARE(arms[1].toObject()[QStringLiteral("precision")].toString(), QStringLiteral("bf16"));
    QCOMPARE(arms[1].toObject()[QStringLiteral("gemm_ceiling_gflops")].toDouble(),
             arms[1].toObject()[QStringLiteral("gemm_bf16_gflops")].toDouble());
    // --profile: the autograd profiler's top ops and the trainer's phases.
    auto r3 = run({QStringLiteral("bench"), QStringLiteral("train"), QStringLiteral("--preset"),
                   QStringLiteral("tiny-test"), QStringLiteral("--steps"), QStringLiteral("1"),
                   QStringLiteral("--warmup"), QStringLiteral("0"), QStringLiteral("--precision"),
                   QStringLiteral("fp32"), QStringLiteral("--profile"), QStringLiteral("1"),
                   QStringLiteral("--json")});
    QVERIFY2(r3.code == 0, qPrintable(r3.err));
    const auto prof =
        QJsonDocument::fromJson(r3.out.toUtf8()).object()[QStringLiteral("profile")].toObject();
    const auto ops = prof[QStringLiteral("top_ops")].toArray();
    QVERIFY(ops.size() >= 5);
    QStringList names, scopes;
    for (const auto& o : ops) names << o.toObject()[QStringLiteral("name")].toString();
    for (const auto& o : prof[QStringLiteral("scopes")].toArray())
      scopes << o.toObject()[QStringLiteral("name")].toString();
    QVERIFY2(
        names.contains(QStringLiteral("aten::mm")) || names.contains(QStringLiteral("aten::addmm")),
        qPrintable(names.join(',')));
    for (const char* phase : {"tfs::forward", "tfs::backward", "tfs::optimizer", "tfs::ema"})
      QVERIFY2(scopes.contains(QLatin1String(phase)), phase);
    // Self times sort descending and never exceed the wall time.
    const double wall = prof[QStringLiteral("wall_ms_per_step")].toDouble();
    for (int i = 1; i < ops.size(); ++i)
      QVERIFY(ops[i].toObject()[QStringLiteral("self_ms_per_step")].toDouble() <=
              ops[i - 1].toObject()[QStringLiteral("self_ms_per_step")].toDouble());
    QVERIFY(prof[QStringLiteral("op_self_ms_per_step")].toDouble() <= wall * 1.05);
  }
};

QTEST_GUILESS_MAIN(TestEvalCli)
#include "test_eval_cli.moc"
