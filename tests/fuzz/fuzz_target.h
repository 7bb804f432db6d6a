#pragma once
// One fuzz harness = one TFS_FUZZ_TARGET(name) { ... } in tests/fuzz/fuzz_<name>.cpp.
//
// Built with -DTFS_FUZZ=ON (clang, scripts/fuzz.sh) each harness is a libFuzzer executable:
// the macro defines LLVMFuzzerTestOneInput. In every other build the harnesses are linked into the
// Qt Test suite test_fuzz_corpora, which replays each one's committed seed corpus and every crash
// input kept under tests/fuzz/regressions/<name>/ — so a fixed crash stays fixed with gcc too.
//
// The contract every harness checks: bad bytes end in one of our errors (tfs::Error: ConfigError,
// DataError, IoError, ...), which name what is wrong. Anything else — a crash, an ASan/UBSan
// report, std::bad_alloc, a raw nlohmann/std/c10 exception, a hang — is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/base/error.h"

namespace tfs::fuzz {

using TargetFn = int (*)(const uint8_t* data, size_t size);
bool registerTarget(const char* name, TargetFn fn);

// A folder private to this process (under /dev/shm when there is one), created on first use and
// removed at exit; harnesses that exercise file readers write their input there.
const std::string& scratchDir();
// Writes the bytes to scratchDir()/name and returns the path.
std::string writeScratch(const std::string& name, const uint8_t* data, size_t size);

// Runs f; our own errors are the expected outcome of bad input and are swallowed.
template <typename F>
int expectOnlyOurErrors(F&& f) {
  try {
    f();
  } catch (const tfs::Error&) {
  }
  return 0;
}

// Quiets logging once (every rejected record would otherwise print a warning per execution).
void quietLogs();

}  // namespace tfs::fuzz

#ifdef TFS_LIBFUZZER
#define TFS_FUZZ_TARGET(name) \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
#else
#define TFS_FUZZ_TARGET(name)                                        \
  static int tfsFuzzTarget_##name(const uint8_t* data, size_t size); \
  [[maybe_unused]] static const bool tfsFuzzRegistered_##name =      \
      ::tfs::fuzz::registerTarget(#name, tfsFuzzTarget_##name);      \
  static int tfsFuzzTarget_##name(const uint8_t* data, size_t size)
#endif
