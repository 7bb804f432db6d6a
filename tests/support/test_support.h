#pragma once

#include <QString>

namespace tfs::test {

// A writable folder for this suite's files (under the build tree when run by ctest).
QString tempRoot();
// The repository root.
QString sourceDir();

}  // namespace tfs::test
