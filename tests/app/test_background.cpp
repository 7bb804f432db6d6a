// app/studio/background.h: one-shot jobs deliver their value or one formatted error on the page's
// thread; nothing is delivered to a page that is gone.
#include <QSignalSpy>
#include <QtTest>

#include <torch/torch.h>

#include <atomic>
#include <thread>

#include "app/studio/background.h"
#include "core/base/error.h"

using tfs::studio::BackgroundResult;
using tfs::studio::runInBackground;

class TestBackground : public QObject {
  Q_OBJECT

  // Runs a job and waits (spinning the event loop) until its done handler ran.
  template <typename Work>
  auto runAndWait(Work work) {
    using R = std::invoke_result_t<Work>;
    BackgroundResult<R> out;
    bool done = false;
    Qt::HANDLE doneThread = nullptr;
    runInBackground(this, std::move(work), [&](BackgroundResult<R> r) {
      out = std::move(r);
      doneThread = QThread::currentThreadId();
      done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000)) qFatal("the job never finished");
    Q_ASSERT(doneThread == QThread::currentThreadId());  // delivered on the page's thread
    return out;
  }

 private Q_SLOTS:
  void aValueArrivesOnThePagesThread() {
    Qt::HANDLE workThread = nullptr;
    const auto r = runAndWait([&] {
      workThread = QThread::currentThreadId();
      return 42;
    });
    QVERIFY(r.ok());
    QCOMPARE(r.value, 42);
    QVERIFY(workThread != QThread::currentThreadId());  // the work ran elsewhere
  }

  void ourErrorsReadAsTheyAre() {
    const auto r = runAndWait(
        []() -> int { throw tfs::DataError("'x.png' is not a readable image (bad header)"); });
    QVERIFY(!r.ok());
    QCOMPARE(r.error, QStringLiteral("'x.png' is not a readable image (bad header)"));
  }

  void engineErrorsLoseTheirBacktrace() {
    const auto r = runAndWait([] {
      auto a = torch::zeros({2, 3}), b = torch::zeros({4, 5});
      return torch::mm(a, b).sum().item<float>();  // a shape mismatch: c10::Error
    });
    QVERIFY(!r.ok());
    QVERIFY2(r.error.startsWith(QStringLiteral("The engine failed: ")), qPrintable(r.error));
    QVERIFY2(!r.error.contains(QStringLiteral("Exception raised from")), qPrintable(r.error));
    QVERIFY2(!r.error.contains(QStringLiteral("frame #")), qPrintable(r.error));
  }

  void otherExceptionsSaySo() {
    const auto r = runAndWait([]() -> QString { throw std::runtime_error("odd"); });
    QCOMPARE(r.error, QStringLiteral("Unexpected error: odd"));
  }

  void aCancelledJobIsNotAnError() {
    const auto r = runAndWait([] { throw tfs::Cancelled("stopped"); });
    QVERIFY(r.cancelled);
    QVERIFY(r.error.isEmpty());
    QVERIFY(!r.ok());
  }

  void aPageThatIsGoneGetsNothing() {
    auto* page = new QObject;
    std::atomic<bool> release{false};
    bool called = false;
    QThread* thread = runInBackground(
        page,
        [&] {
          while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        },
        [&](BackgroundResult<void>) { called = true; });
    delete page;  // the page closes while its job still runs
    release = true;
    thread->wait();
    QTest::qWait(50);
    QVERIFY(!called);
  }
};

QTEST_MAIN(TestBackground)
#include "test_background.moc"
