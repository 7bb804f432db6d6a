// Replays every fuzz harness (tests/fuzz/fuzz_*.cpp) over its committed seed corpus and over every
// input a fuzzing run once crashed on (tests/fuzz/regressions/<name>/), in the ordinary build: a
// crash, a sanitizer report or an exception that is not one of our errors fails the suite.
#include <QDirIterator>
#include <QFile>
#include <QtTest>

#include <vector>

#include "tests/fuzz/fuzz_registry.h"

class TestFuzzCorpora : public QObject {
  Q_OBJECT

 private:
  static QString fuzzDir() {
    return QString::fromUtf8(qEnvironmentVariableIsSet("TFS_SOURCE_DIR")
                                 ? qgetenv("TFS_SOURCE_DIR")
                                 : QByteArray(TFS_SOURCE_DIR)) +
           "/tests/fuzz";
  }

 private Q_SLOTS:
  void everyHarnessHasACorpus() {
    const auto& targets = tfs::fuzz::targets();
    // Every tests/fuzz/fuzz_NAME.cpp is linked in (scripts/fuzz.sh lists the same files).
    QStringList files = QDir(fuzzDir()).entryList({QStringLiteral("fuzz_*.cpp")}, QDir::Files);
    files.removeAll(QStringLiteral("fuzz_support.cpp"));
    QStringList registered;
    for (const auto& [name, fn] : targets)
      registered << QStringLiteral("fuzz_%1.cpp").arg(QString::fromStdString(name));
    files.sort();
    registered.sort();
    QCOMPARE(registered, files);
    QCOMPARE(int(targets.size()), 8);
    for (const auto& [name, fn] : targets) {
      const QDir corpus(fuzzDir() + "/corpus/" + QString::fromStdString(name));
      QVERIFY2(corpus.exists() && corpus.entryList(QDir::Files).size() >= 2,
               qPrintable("no seed corpus for " + QString::fromStdString(name)));
    }
  }

  void replay_data() {
    QTest::addColumn<QString>("target");
    for (const auto& [name, fn] : tfs::fuzz::targets())
      QTest::newRow(name.c_str()) << QString::fromStdString(name);
  }

  void replay() {
    QFETCH(QString, target);
    const auto fn = tfs::fuzz::targets().at(target.toStdString());
    int inputs = 0;
    for (const QString& kind : {QStringLiteral("corpus"), QStringLiteral("regressions")}) {
      QDirIterator it(fuzzDir() + "/" + kind + "/" + target, QDir::Files,
                      QDirIterator::Subdirectories);
      while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const std::vector<uint8_t> copy(bytes.begin(), bytes.end());  // exact size for ASan
        QCOMPARE(fn(copy.data(), copy.size()), 0);
        ++inputs;
      }
    }
    // The empty input and a single byte, which every reader must refuse cleanly.
    const uint8_t one = 0;
    QCOMPARE(fn(&one, 0), 0);
    QCOMPARE(fn(&one, 1), 0);
    QVERIFY(inputs >= 2);
  }
};

QTEST_GUILESS_MAIN(TestFuzzCorpora)
#include "test_fuzz_corpora.moc"
