#include "tests/support/test_support.h"

#include <QDir>
#include <QFile>
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

bool writeSquaresFolder(const QString& dir, int count, int size) {
  if (!QDir().mkpath(dir)) return false;
  const char* colours[] = {"red", "green", "blue"};
  const int side = size / 2;  // the square: half the image, from row size / 8
  for (int k = 0; k < count; ++k) {
    QByteArray ppm = QStringLiteral("P6\n%1 %1\n255\n").arg(size).toLatin1();  // stb decodes PPM
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        const bool in = x >= size / 8 + k % 4 && x < size / 8 + k % 4 + side && y >= size / 8 &&
                        y < size / 8 + side;
        for (int c = 0; c < 3; ++c) ppm.append(char(in && c == k % 3 ? 230 : 10));
      }
    const QString stem = dir + QStringLiteral("/%1").arg(k);
    QFile img(stem + QStringLiteral(".ppm"));
    if (!img.open(QIODevice::WriteOnly) || img.write(ppm) != ppm.size()) return false;
    QFile t(stem + QStringLiteral(".txt"));
    if (!t.open(QIODevice::WriteOnly)) return false;
    t.write(QByteArray("a ") + colours[k % 3] + " square");
  }
  return true;
}

}  // namespace tfs::test
