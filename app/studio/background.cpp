#include "app/studio/background.h"

#include <c10/util/Exception.h>

#include "core/base/error.h"

namespace tfs::studio {

QString errorMessage(const std::exception& e) {
  if (dynamic_cast<const tfs::Error*>(&e)) return QString::fromUtf8(e.what());
  if (const auto* c = dynamic_cast<const c10::Error*>(&e))
    return QObject::tr("The engine failed: %1")
        .arg(QString::fromStdString(c->what_without_backtrace()));
  return QObject::tr("Unexpected error: %1").arg(QString::fromUtf8(e.what()));
}

namespace detail {

void runCatching(const std::function<void()>& work, QString* error, bool* cancelled) {
  try {
    work();
  } catch (const tfs::Cancelled&) {
    *cancelled = true;
  } catch (const std::exception& e) {
    *error = errorMessage(e);
  } catch (...) {
    *error = QObject::tr("Unexpected error (not a std::exception)");
  }
}

}  // namespace detail

}  // namespace tfs::studio
