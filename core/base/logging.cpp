#include "core/base/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <algorithm>
#include <filesystem>

#include "core/base/error.h"

namespace tfs {

spdlog::level::level_enum parseLogLevel(const std::string& name) {
  auto level = spdlog::level::from_str(name);
  if (level == spdlog::level::off && name != "off") {
    throw UsageError("unknown log level '" + name +
                     "': use trace, debug, info, warn, error, critical or off");
  }
  return level;
}

void initLogging(spdlog::level::level_enum level, const std::string& logFile) {
  auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("tfs", console);
  logger->set_level(level);
  logger->set_pattern("[%H:%M:%S.%e] [%^%l%$] %v");
  spdlog::set_default_logger(logger);
  if (!logFile.empty()) addLogFile(logFile);
}

void addLogFile(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  try {
    auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(path, false);
    sink->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] %v");
    spdlog::default_logger()->sinks().push_back(sink);
  } catch (const spdlog::spdlog_ex& e) {
    throw IoError("cannot write log file '" + path + "' (" + e.what() +
                      "): choose a writable location or fix the folder's permissions",
                  "logFile");
  }
}

void setRunLogFile(const std::string& path) {
  // One run log at a time: a studio that trains run after run must not keep writing to old logs.
  static spdlog::sink_ptr current;
  auto& sinks = spdlog::default_logger()->sinks();
  if (current) {
    sinks.erase(std::remove(sinks.begin(), sinks.end(), current), sinks.end());
    current.reset();
  }
  if (path.empty()) return;
  addLogFile(path);
  current = sinks.back();
}

void addLogSink(spdlog::sink_ptr sink) {
  spdlog::default_logger()->sinks().push_back(std::move(sink));
}

}  // namespace tfs
