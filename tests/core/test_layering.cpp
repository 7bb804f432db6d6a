// DESIGN.md's rule on includes: core/ never includes Qt, widgets/ never includes LibTorch. And
// core's messages speak of fields and files, never of one front end's flags (issue 13): the CLI
// adds its flag from Error::option().
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

#include "tests/support/test_support.h"

// Plain strings: moc cannot tokenise raw string literals that hold quotes.
static const char* const kQtInclude = "^\\s*#\\s*include\\s*[<\"](Q[A-Za-z]+|Qt[A-Za-z]*/)";
static const char* const kTorchInclude = "^\\s*#\\s*include\\s*[<\"](torch|ATen|c10|core)/";
// A string literal holding a CLI flag ("--run", "give --steps N"), on a line that is no comment.
static const char* const kFlagInLiteral =
    "^(?!\\s*//)[^\"]*(\"[^\"]*\"[^\"]*)*\"([^\"]*[\\s(`'])?--[a-z][a-z-]+";

class TestLayering : public QObject {
  Q_OBJECT

  static QStringList offenders(const QString& dir, const QRegularExpression& forbidden) {
    QStringList out;
    QDirIterator it(tfs::test::sourceDir() + QLatin1Char('/') + dir,
                    {QStringLiteral("*.h"), QStringLiteral("*.cpp"), QStringLiteral("*.hpp")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
      QFile f(it.next());
      if (!f.open(QIODevice::ReadOnly)) continue;
      int lineNo = 0;
      while (!f.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(f.readLine());
        if (forbidden.match(line).hasMatch())
          out << QStringLiteral("%1:%2").arg(f.fileName()).arg(lineNo);
      }
    }
    return out;
  }

 private Q_SLOTS:
  void detectorFindsViolations() {
    const QRegularExpression qt(QString::fromLatin1(kQtInclude));
    QVERIFY(qt.match(QStringLiteral("#include <QString>")).hasMatch());
    QVERIFY(qt.match(QStringLiteral("#include <QtCore/QObject>")).hasMatch());
    QVERIFY(!qt.match(QStringLiteral("#include <queue>")).hasMatch());
    const QRegularExpression torch(QString::fromLatin1(kTorchInclude));
    QVERIFY(torch.match(QStringLiteral("#include <torch/torch.h>")).hasMatch());
    QVERIFY(torch.match(QStringLiteral("#include \"core/model/vae.h\"")).hasMatch());
    QVERIFY(!torch.match(QStringLiteral("#include \"widgets/log_panel.h\"")).hasMatch());
  }
  void coreIncludesNoQt() {
    const QRegularExpression qt(QString::fromLatin1(kQtInclude));
    const auto bad = offenders(QStringLiteral("core"), qt);
    QVERIFY2(bad.isEmpty(),
             qPrintable(QStringLiteral("core/ includes Qt at: ") + bad.join(QStringLiteral(", "))));
  }
  void coreMessagesNameNoCliFlags() {
    const QRegularExpression flag(QString::fromLatin1(kFlagInLiteral));
    QVERIFY(flag.match(QStringLiteral("throw UsageError(\"--run DIR is required\");")).hasMatch());
    QVERIFY(flag.match(QStringLiteral("  \"; pick another with --resume-from\");")).hasMatch());
    QVERIFY(!flag.match(QStringLiteral("  // resumes (--resume) from the newest")).hasMatch());
    QVERIFY(!flag.match(QStringLiteral("  x = a-- - b; f(\"a run folder\");")).hasMatch());
    QVERIFY(!flag.match(QStringLiteral("  f(\"a\") --x; g(\"b\");")).hasMatch());
    const auto bad = offenders(QStringLiteral("core"), flag);
    QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("core/ messages name CLI flags at: ") +
                                       bad.join(QStringLiteral(", "))));
  }
  void widgetsIncludeNoTorch() {
    const QRegularExpression torch(QString::fromLatin1(kTorchInclude));
    const auto bad = offenders(QStringLiteral("widgets"), torch);
    QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("widgets/ includes LibTorch or core at: ") +
                                       bad.join(QStringLiteral(", "))));
  }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "test_layering.moc"
