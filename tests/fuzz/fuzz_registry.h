#pragma once
// The harnesses linked into test_fuzz_corpora, by name (see fuzz_target.h).
#include <map>
#include <string>

#include "tests/fuzz/fuzz_target.h"

namespace tfs::fuzz {
std::map<std::string, TargetFn>& targets();
}
