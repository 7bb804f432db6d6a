#pragma once
// The one way the studio runs core work off the UI thread and reports back (docs/ARCHITECTURE.md,
// The studio): postToUi for events a long-lived worker sends (a generation queue, a trainer), and
// runInBackground for one-shot jobs (load a model, read a data preview, compute a mask) whose
// outcome — the value, or the error as one formatted message — arrives on the page's thread.
#include <QMetaObject>
#include <QObject>
#include <QString>
#include <QThread>

#include <exception>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace tfs::studio {

// What a failed job says, one rule for every page: our errors as they are (they say what to do);
// LibTorch's without their C++ backtrace, as "The engine failed: …"; anything else as
// "Unexpected error: …".
QString errorMessage(const std::exception& e);

// Runs fn on obj's thread, queued (the worker does not wait); dropped when obj is gone by then.
template <class Fn>
void postToUi(QObject* obj, Fn&& fn) {
  QMetaObject::invokeMethod(obj, std::forward<Fn>(fn), Qt::QueuedConnection);
}

// The outcome of a one-shot job: its value, or the error message (cancelled: a tfs::Cancelled).
template <typename R>
struct BackgroundResult {
  R value{};
  QString error;
  bool cancelled = false;
  bool ok() const { return error.isEmpty() && !cancelled; }
};
template <>
struct BackgroundResult<void> {
  QString error;
  bool cancelled = false;
  bool ok() const { return error.isEmpty() && !cancelled; }
};

namespace detail {
void runCatching(const std::function<void()>& work, QString* error, bool* cancelled);
}  // namespace detail

// Runs work() on a new thread, then done(BackgroundResult<R>) on context's thread (not at all if
// context is gone). The returned thread deletes itself when finished; call wait() on it to join.
template <typename Work, typename Done>
QThread* runInBackground(QObject* context, Work work, Done done) {
  using R = std::invoke_result_t<Work>;
  auto result = std::make_shared<BackgroundResult<R>>();
  QThread* thread = QThread::create([work = std::move(work), result]() mutable {
    detail::runCatching(
        [&] {
          if constexpr (std::is_void_v<R>)
            work();
          else
            result->value = work();
        },
        &result->error, &result->cancelled);
  });
  QObject::connect(thread, &QThread::finished, context,
                   [done = std::move(done), result]() mutable { done(std::move(*result)); });
  QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start();
  return thread;
}

}  // namespace tfs::studio
