#include "tests/support/test_support.h"

#include <QDir>
#include <QStandardPaths>

namespace tfs::test {

QString tempRoot() {
  QString root = qEnvironmentVariable("TFS_TEST_TMP");
  if (root.isEmpty()) root = QDir::tempPath() + QStringLiteral("/tfs-tests");
  QDir().mkpath(root);
  return root;
}

QString sourceDir() {
  QString s = qEnvironmentVariable("TFS_SOURCE_DIR");
  return s.isEmpty() ? QStringLiteral(TFS_SOURCE_DIR) : s;
}

}  // namespace tfs::test
