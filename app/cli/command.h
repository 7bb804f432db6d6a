#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace tfs::cli {

struct GlobalOptions {
  std::string logLevel = "info";
  std::string logFile;
  int threads = 0;
};

// Exit codes: 0 done, 1 failure, 2 usage error, 3 training stopped early by Ctrl-C or SIGTERM
// (its checkpoint is saved; --resume continues it).
constexpr int kExitStopped = 3;

// A subcommand's body, run after parsing and global set-up. Returns the exit code.
using Run = std::function<int()>;
// Adds the subcommand to the app and returns what to run when it was chosen.
using Setup = std::function<Run(CLI::App& app, GlobalOptions& global)>;

struct Registration {
  std::string name;
  int order;
  Setup setup;
};

// Called from a static initialiser in each cmd_*.cpp; order sorts --help.
bool registerCommand(const std::string& name, int order, Setup setup);
std::vector<Registration>& registry();

// True when stdout is a terminal (progress bars draw only then).
bool stdoutIsTty();
// This program's own path (what launch and bench start again); IoError when it cannot be read.
std::string selfExecutable();

}  // namespace tfs::cli
