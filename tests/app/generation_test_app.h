#pragma once

#include <QCoreApplication>
#include <QSettings>

#include "tests/support/test_support.h"

namespace tfs::test {

// Remembered choices go to a throw-away settings file, so suites neither read nor write the
// user's.
inline void isolateSettings(const QString& suite) {
  QCoreApplication::setOrganizationName(QStringLiteral("TransfusionStudioTest"));
  QCoreApplication::setApplicationName(suite);
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                     tempRoot() + QStringLiteral("/settings-") + suite);
  QSettings().clear();
}

}  // namespace tfs::test
