// One writer per run folder: a second process is refused at once with who holds the run, the
// same process may nest, the lock goes when its holder dies (no stale lock), and readers are
// never blocked.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <torch/torch.h>
#include <QtTest>

#include <filesystem>

#include "core/train/run_lock.h"
#include "tests/support/test_support.h"

namespace fs = std::filesystem;

class TestTrainLock : public QObject {
  Q_OBJECT
  std::string dir_;

  // A child process that takes the lock and waits; returns its pid once it holds it.
  pid_t holdInChild(const std::string& run) {
    int ready[2];
    if (::pipe(ready) != 0) return -1;
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(ready[0]);
      try {
        tfs::RunLock lock(run);
        const char ok = 'k';
        if (::write(ready[1], &ok, 1) != 1) ::_exit(3);
        ::pause();
      } catch (...) {
        ::_exit(2);
      }
      ::_exit(0);
    }
    ::close(ready[1]);
    char c = 0;
    const bool got = ::read(ready[0], &c, 1) == 1 && c == 'k';
    ::close(ready[0]);
    return got ? pid : -1;
  }

 private Q_SLOTS:
  void initTestCase() {
    dir_ = (tfs::test::tempRoot() + "/train_lock").toStdString();
    fs::remove_all(dir_);
  }

  void secondProcessIsRefused() {
    const std::string run = dir_ + "/busy";
    const pid_t child = holdInChild(run);
    QVERIFY(child > 0);
    try {
      tfs::RunLock mine(run);
      QFAIL("expected RunBusyError");
    } catch (const tfs::RunBusyError& e) {
      const QString msg = QString::fromUtf8(e.what());
      QVERIFY2(msg.contains(QString::number(child)), e.what());
      QVERIFY2(msg.contains("Open run"), e.what());
      QVERIFY(QString::fromStdString(e.holder()).startsWith("process "));
    }
    auto who = tfs::RunLock::holder(run);
    QVERIFY(who.has_value());
    QVERIFY(QString::fromStdString(*who).contains(QString::number(child)));
    // Killed, it leaves no stale lock.
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    QVERIFY(!tfs::RunLock::holder(run).has_value());
    tfs::RunLock mine(run);
    QVERIFY(fs::exists(run + "/.lock"));
  }

  void sameProcessNests() {
    const std::string run = dir_ + "/nested";
    {
      tfs::RunLock outer(run);
      tfs::RunLock inner(run + "/");                    // the same folder, spelt differently
      QVERIFY(!tfs::RunLock::holder(run).has_value());  // ours: nobody else's
    }
    // Released: a child can take it now.
    const pid_t child = holdInChild(run);
    QVERIFY(child > 0);
    QVERIFY(tfs::RunLock::holder(run).has_value());
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
  }
};

QTEST_GUILESS_MAIN(TestTrainLock)
#include "test_train_lock.moc"
