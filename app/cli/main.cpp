#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "app/cli/cli_errors.h"
#include "app/cli/command.h"
#include "core/base/error.h"
#include "core/base/logging.h"
#include "core/base/runtime.h"

namespace tfs::cli {

std::vector<Registration>& registry() {
  static std::vector<Registration> r;
  return r;
}

bool registerCommand(const std::string& name, int order, Setup setup) {
  registry().push_back({name, order, std::move(setup)});
  return true;
}

bool stdoutIsTty() {
  return isatty(STDOUT_FILENO) == 1;
}

std::string selfExecutable() {
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) throw tfs::IoError("cannot find this program's path (/proc/self/exe)");
  return std::string(self, static_cast<size_t>(n));
}

}  // namespace tfs::cli

int main(int argc, char** argv) {
  using namespace tfs::cli;
  CLI::App app{
      "transfusion — train, inspect and use Transfusion multimodal models (text + images, one "
      "transformer).\nExit codes: 0 ok, 1 failure, 2 usage error, 3 training stopped by Ctrl-C or "
      "SIGTERM (checkpoint saved; --resume continues).",
      "transfusion"};
  app.set_version_flag("--version", std::string("transfusion ") + TFS_VERSION);
  app.require_subcommand(1, 1);
  GlobalOptions global;
  app.add_option("--log-level", global.logLevel, "trace|debug|info|warn|error|critical|off")
      ->capture_default_str();
  app.add_option("--log-file", global.logFile, "Also write the log to this file");
  app.add_option("--threads", global.threads,
                 "CPU threads for LibTorch (default: $TFS_THREADS, else all cores)")
      ->check(CLI::Range(1, 4096));
  bool checkArgs = false;
  app.add_flag("--check-args", checkArgs,
               "Parse and validate the command line, then exit 0 without running anything "
               "(for scripts and the README's tests)");

  auto& reg = registry();
  std::sort(reg.begin(), reg.end(), [](auto& a, auto& b) { return a.order < b.order; });
  std::vector<std::pair<CLI::App*, Run>> commands;
  for (auto& r : reg) {
    size_t before = app.get_subcommands({}).size();
    Run run = r.setup(app, global);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) commands.emplace_back(subs.back(), std::move(run));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string sub;
    for (auto* s : app.get_subcommands()) sub = " " + s->get_name();
    std::cerr << "error: " << e.what() << " (run 'transfusion" << sub << " --help')\n";
    return 2;
  }

  if (checkArgs) return 0;

  try {
    tfs::initLogging(tfs::parseLogLevel(global.logLevel), global.logFile);
    tfs::initThreads(global.threads);
    for (auto& [sub, run] : commands) {
      if (sub->parsed()) return run();
    }
    return 2;
  } catch (const tfs::UsageError& e) {
    std::cerr << "error: " << describeError(e) << "\n";
    return 2;
  } catch (const tfs::Cancelled& e) {
    std::cerr << "stopped: " << e.what() << "\n";
    return 1;
  } catch (const tfs::Error& e) {
    std::cerr << "error: " << describeError(e) << "\n";
    return 1;
  } catch (const c10::Error& e) {
    std::cerr << "error: LibTorch: " << e.what_without_backtrace() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
