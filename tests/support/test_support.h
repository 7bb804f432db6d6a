#pragma once

#include <QString>

namespace tfs::test {

// A writable folder for this suite's files (under the build tree when run by ctest).
QString tempRoot();
// The repository root.
QString sourceDir();
// A caption folder (NAME.ppm + NAME.txt "a red square", ...): `count` size×size images, image k a
// square of colour k % 3 shifted by k % 4 pixels. False when a file cannot be written.
bool writeSquaresFolder(const QString& dir, int count, int size);

}  // namespace tfs::test
