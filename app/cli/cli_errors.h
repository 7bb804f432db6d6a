#pragma once

#include <string>

#include "core/base/error.h"

namespace tfs::cli {

// The command-line spelling of the core option an error is about (Error::option()): "initFrom" →
// "--init-from", a train-config field → "--set FIELD=…"; "" when the option has no flag.
std::string flagForOption(const std::string& option);
// An error as the CLI prints it: core's message, then the flag that changes it, e.g.
// "the run to start from (initFrom), runs/x, has no complete checkpoint (--init-from)".
std::string describeError(const Error& e);

}  // namespace tfs::cli
