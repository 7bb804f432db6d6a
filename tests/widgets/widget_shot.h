#pragma once

#include <QDir>
#include <QtWidgets>

namespace tfs::test {

// Saves a screenshot for eyeballing when TFS_SHOT_DIR is set (ctest leaves it unset).
inline void saveShot(QWidget& widget, const QString& name) {
  const QString dir = qEnvironmentVariable("TFS_SHOT_DIR");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  widget.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// A writable folder under the build tree (ctest sets TFS_TEST_TMP) or the system temp dir.
inline QString widgetTestDir(const QString& suite) {
  QString root = qEnvironmentVariable("TFS_TEST_TMP");
  if (root.isEmpty()) root = QDir::tempPath() + QStringLiteral("/tfs-test");
  const QString dir = root + QLatin1Char('/') + suite;
  QDir(dir).removeRecursively();
  QDir().mkpath(dir);
  return dir;
}

}  // namespace tfs::test
