// The README is a tested artifact. A shell block preceded by
//   <!-- readme-test: run [creates=a,b,...] -->   is run with bash in one scratch folder (blocks in
//                                                  README order, as a reader would), --n shrunk to
//                                                  10,
//                                                  --steps to 2, and must exit 0 and leave
//                                                  the files;
//   <!-- readme-test: flags -->                    is parsed only: every `transfusion` command in
//   it
//                                                  runs with --check-args (all flags must exist)
//                                                  and every script it names must exist and be
//                                                  executable.
// And ./scripts/run.sh runs end to end without a display.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QString sourceDir() {
  return qEnvironmentVariable("TFS_SOURCE_DIR", QStringLiteral(TFS_SOURCE_DIR_DEFAULT));
}
QString buildDir() {
  return QStringLiteral(TFS_BUILD_DIR_PATH);
}

struct Block {
  enum class Kind { Run, Flags } kind = Kind::Run;
  int line = 0;  // README line of the marker
  QString text;
  QStringList creates;
};

QList<Block> readmeBlocks() {
  QFile f(sourceDir() + "/README.md");
  if (!f.open(QIODevice::ReadOnly)) return {};
  const QStringList lines = QString::fromUtf8(f.readAll()).split('\n');
  const QRegularExpression marker(R"(^<!-- readme-test: (run|flags)(?: creates=(\S+))? -->$)");
  QList<Block> blocks;
  for (int i = 0; i < lines.size(); ++i) {
    auto m = marker.match(lines[i].trimmed());
    if (!m.hasMatch()) continue;
    Block b;
    b.kind = m.captured(1) == "run" ? Block::Kind::Run : Block::Kind::Flags;
    b.line = i + 1;
    if (!m.captured(2).isEmpty()) b.creates = m.captured(2).split(',');
    int j = i + 1;
    if (j >= lines.size() || !lines[j].startsWith("```sh")) {
      b.text = "<no ```sh block after the marker>";
      blocks << b;
      continue;
    }
    for (++j; j < lines.size() && !lines[j].startsWith("```"); ++j) b.text += lines[j] + '\n';
    blocks << b;
    i = j;
  }
  return blocks;
}

// Long sizes shrink so that the suite stays quick; the commands and flags stay the README's.
QString shrink(QString text) {
  text.replace(QRegularExpression(R"(--n \d+)"), "--n 10");  // fid needs one per class
  text.replace(QRegularExpression(R"(--steps \d+)"), "--steps 2");
  return text;
}

struct Ran {
  int rc = -1;
  QString out;
};

Ran bash(const QString& dir, const QString& script, const QProcessEnvironment& env,
         int timeoutMs = 300000) {
  QProcess p;
  p.setWorkingDirectory(dir);
  p.setProcessEnvironment(env);
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start("bash", {"-c", "set -euo pipefail\n" + script});
  Ran r;
  if (!p.waitForStarted(10000)) return r;
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
    r.out = "timed out\n";
  }
  r.rc = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out += QString::fromUtf8(p.readAll());
  return r;
}

QProcessEnvironment baseEnv() {
  auto env = QProcessEnvironment::systemEnvironment();
  env.remove("DISPLAY");
  env.remove("WAYLAND_DISPLAY");
  env.insert("TFS_THREADS", "1");
  return env;
}

// Joins backslash-continued lines and drops comments and blank lines.
QStringList commands(const QString& text) {
  QStringList out;
  QString cur;
  for (QString line : text.split('\n')) {
    if (line.trimmed().startsWith('#')) continue;
    if (line.endsWith('\\')) {
      cur += line.chopped(1) + ' ';
      continue;
    }
    cur += line;
    if (!cur.trimmed().isEmpty()) out << cur.trimmed();
    cur.clear();
  }
  return out;
}

QString tail(const QString& s, int n = 3000) {
  return s.size() > n ? s.right(n) : s;
}

}  // namespace

class TestReadme : public QObject {
  Q_OBJECT

  QTemporaryDir scratch_{qEnvironmentVariable("TFS_TEST_TMP", QDir::tempPath()) + "/readme-XXXXXX"};

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(scratch_.isValid());
    QDir().mkpath(scratch_.path());
    // The README's paths are relative to a clone: build/ and resources/ are the real ones.
    QVERIFY(QFile::link(buildDir(), scratch_.path() + "/build"));
    QVERIFY(QFile::link(sourceDir() + "/resources", scratch_.path() + "/resources"));
    QVERIFY(QFile::link(sourceDir() + "/scripts", scratch_.path() + "/scripts"));
  }

  void hasMarkedBlocks() {
    const auto blocks = readmeBlocks();
    int run = 0, flags = 0;
    for (const auto& b : blocks) {
      QVERIFY2(!b.text.startsWith("<no"), qPrintable("README line " + QString::number(b.line) +
                                                     ": a readme-test marker without a block"));
      (b.kind == Block::Kind::Run ? run : flags)++;
    }
    QVERIFY2(run >= 2 && flags >= 2,
             qPrintable(QString("%1 run / %2 flags blocks").arg(run).arg(flags)));
  }

  void runBlocks() {
    for (const auto& b : readmeBlocks()) {
      if (b.kind != Block::Kind::Run) continue;
      auto r = bash(scratch_.path(), shrink(b.text), baseEnv());
      QVERIFY2(r.rc == 0, qPrintable(QString("README block at line %1 exited %2:\n%3")
                                         .arg(b.line)
                                         .arg(r.rc)
                                         .arg(tail(r.out))));
      for (const auto& file : b.creates)
        QVERIFY2(QFileInfo(scratch_.path() + "/" + file).size() > 0,
                 qPrintable(QString("README block at line %1 did not write %2:\n%3")
                                .arg(b.line)
                                .arg(file, tail(r.out))));
    }
  }

  void flagsBlocks() {
    int checked = 0;
    for (const auto& b : readmeBlocks()) {
      if (b.kind != Block::Kind::Flags) continue;
      QString script;
      for (const auto& cmd : commands(b.text)) {
        if (cmd.startsWith("scripts/")) {
          const QString file = cmd.section(' ', 0, 0);
          QVERIFY2(
              QFileInfo(sourceDir() + "/" + file).isExecutable(),
              qPrintable(
                  QString("README line %1: %2 is not an executable script").arg(b.line).arg(file)));
          ++checked;
          continue;
        }
        const bool assignment = QRegularExpression(R"(^[A-Z_]+=)").match(cmd).hasMatch();
        if (!assignment && !cmd.startsWith("build/bin/transfusion") && !cmd.startsWith("$T "))
          QFAIL(qPrintable(QString("README line %1: cannot check '%2' (not a transfusion command)")
                               .arg(b.line)
                               .arg(cmd)));
        QString c = cmd;
        c.replace("build/bin/transfusion", "build/bin/transfusion --check-args");
        script += c + '\n';
        if (!assignment) ++checked;
      }
      auto r = bash(scratch_.path(), script, baseEnv(), 60000);
      QVERIFY2(r.rc == 0, qPrintable(QString("README block at line %1: a command's flags do not "
                                             "parse (exit %2):\n%3")
                                         .arg(b.line)
                                         .arg(r.rc)
                                         .arg(tail(r.out))));
    }
    QVERIFY(checked >= 10);
  }

  // --check-args is a real check: an unknown flag fails it.
  void checkArgsCatchesUnknownFlags() {
    auto r =
        bash(scratch_.path(), "build/bin/transfusion --check-args train --run x --no-such-flag 1",
             baseEnv(), 30000);
    QCOMPARE(r.rc, 2);
    QVERIFY2(r.out.contains("no-such-flag"), qPrintable(r.out));
  }

  // The README's first command, end to end without a display: set-up (nothing to install, the
  // build up to date), the CLI demo, its images and chat written where it says.
  void runShWithoutDisplay() {
    auto env = baseEnv();
    env.insert("TFS_BUILD_DIR", buildDir());
    const QString out = scratch_.path() + "/demo";
    env.insert("TFS_DEMO_OUT", out);
    auto r = bash(sourceDir(), "./scripts/run.sh", env, 600000);
    QVERIFY2(r.rc == 0,
             qPrintable("scripts/run.sh exited " + QString::number(r.rc) + ":\n" + tail(r.out)));
    QVERIFY2(r.out.contains("running the CLI demo"), qPrintable(tail(r.out)));
    QVERIFY2(r.out.contains("Images (with their parameters in the PNG) are in " + out),
             qPrintable(tail(r.out)));
    const auto pngs = QDir(out).entryList({"*.png"}, QDir::Files);
    QCOMPARE(pngs.size(), 6);
    QVERIFY(QFileInfo(out + "/chat/conversation.json").size() > 0);
  }
};

QTEST_GUILESS_MAIN(TestReadme)
#include "test_readme.moc"
