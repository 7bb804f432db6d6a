// The repository's shell scripts stay shell scripts: executable (on disk and in git), a real
// shebang, valid bash, clean under shellcheck — and the C++ formatter never touches them.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

namespace {

QString sourceDir() {
  return qEnvironmentVariable("TFS_SOURCE_DIR", QStringLiteral(TFS_SOURCE_DIR_DEFAULT));
}

struct Ran {
  int rc = -1;
  QString out;
};

Ran runIn(const QString& dir, const QString& program, const QStringList& args) {
  QProcess p;
  p.setWorkingDirectory(dir);
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(program, args);
  Ran r;
  if (!p.waitForStarted(10000)) {
    r.out = program + ": cannot start (" + p.errorString() + ")";
    return r;
  }
  p.waitForFinished(120000);
  r.rc = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = QString::fromUtf8(p.readAll());
  return r;
}

QStringList scripts() {
  QStringList files;
  QDir d(sourceDir() + "/scripts");
  for (const auto& fi : d.entryInfoList(QDir::Files | QDir::Hidden)) {
    if (fi.fileName() == ".clang-format") continue;
    files << fi.absoluteFilePath();
  }
  return files;
}

}  // namespace

class TestScripts : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void scriptsExist() {
    const auto files = scripts();
    QVERIFY2(files.size() >= 5, qPrintable(QString::number(files.size()) + " scripts found"));
    QVERIFY(QFileInfo::exists(sourceDir() + "/scripts/run.sh"));
    QVERIFY(QFileInfo::exists(sourceDir() + "/scripts/test.sh"));
  }

  void executableWithShebang() {
    const QRegularExpression shebang(R"(^#!(/usr/bin/env (bash|sh)|/bin/(ba)?sh|/usr/bin/bash)$)");
    for (const auto& f : scripts()) {
      QFileInfo fi(f);
      QVERIFY2(fi.isExecutable(), qPrintable(f + " lost its run bit: chmod +x it"));
      QFile in(f);
      QVERIFY(in.open(QIODevice::ReadOnly));
      const QString first = QString::fromUtf8(in.readLine()).trimmed();
      QVERIFY2(shebang.match(first).hasMatch(),
               qPrintable(f + ": first line '" + first + "' is not a shebang"));
    }
  }

  // A fresh clone takes its modes from git: the run bit must be in the index, not just on disk.
  void executableInGit() {
    if (!QFileInfo::exists(sourceDir() + "/.git")) QSKIP("not a git checkout");
    auto r = runIn(sourceDir(), "git", {"ls-files", "-s", "scripts"});
    if (r.rc != 0) QSKIP("git is not usable here");
    for (const auto& line : r.out.split('\n', Qt::SkipEmptyParts)) {
      if (line.endsWith("/.clang-format")) continue;
      QVERIFY2(line.startsWith("100755"),
               qPrintable("not executable in git (git update-index --chmod=+x): " + line));
    }
  }

  void bashParses() {
    for (const auto& f : scripts()) {
      auto r = runIn(sourceDir(), "bash", {"-n", f});
      QVERIFY2(r.rc == 0, qPrintable(f + ": bash -n failed:\n" + r.out));
    }
  }

  void shellcheckClean() {
    const QString sc = QStandardPaths::findExecutable("shellcheck");
    QVERIFY2(!sc.isEmpty(), "shellcheck is missing: scripts/setup.sh installs it (apt shellcheck)");
    for (const auto& f : scripts()) {
      auto r = runIn(sourceDir(), sc, {"-x", f});
      QVERIFY2(r.rc == 0, qPrintable(f + ": shellcheck found:\n" + r.out));
    }
  }

  // The formatting check and scripts/format.sh share one list (tests/check_format.cmake): it
  // holds C++ sources only.
  void formatListIsCppOnly() {
    auto r = runIn(sourceDir(), "cmake",
                   {"-DSOURCE_DIR=" + sourceDir(), "-DMODE=list", "-P",
                    sourceDir() + "/tests/check_format.cmake"});
    QVERIFY2(r.rc == 0, qPrintable(r.out));
    const QRegularExpression cpp(R"(\.(h|cpp)$)");
    int n = 0;
    for (const auto& line : r.out.split('\n', Qt::SkipEmptyParts)) {
      if (!line.startsWith("-- file ")) continue;
      ++n;
      QVERIFY2(cpp.match(line).hasMatch(), qPrintable("not a C++ source: " + line));
      QVERIFY2(!line.contains("/scripts/"), qPrintable(line));
    }
    QVERIFY2(n > 50, qPrintable(QString::number(n) + " files listed"));
  }

  // Even run by hand (or by an editor's format-on-save), clang-format leaves scripts alone.
  void clangFormatLeavesScriptsAlone() {
    const QString cf = QStandardPaths::findExecutable("clang-format");
    if (cf.isEmpty()) QSKIP("clang-format is not installed");
    for (const auto& f : scripts()) {
      QFile in(f);
      QVERIFY(in.open(QIODevice::ReadOnly));
      const QByteArray original = in.readAll();
      QProcess p;
      p.setWorkingDirectory(sourceDir());
      p.start(cf, {"--style=file", f});
      QVERIFY(p.waitForFinished(60000));
      QCOMPARE(p.exitCode(), 0);
      QVERIFY2(p.readAllStandardOutput() == original,
               qPrintable("clang-format would change " + f + " (scripts/.clang-format missing?)"));
    }
  }
};

QTEST_GUILESS_MAIN(TestScripts)
#include "test_scripts.moc"
