#pragma once

#include <spdlog/spdlog.h>

#include <string>

namespace tfs {

// Parses "trace|debug|info|warn|error|critical|off"; throws UsageError otherwise.
spdlog::level::level_enum parseLogLevel(const std::string& name);

// Sets up the default logger: coloured stderr plus, when logFile is not empty, a file sink.
// Throws IoError with an actionable message when the log file cannot be written.
void initLogging(spdlog::level::level_enum level, const std::string& logFile = {});

// Adds a file sink for a run (runs/<name>/log.txt) to the default logger.
void addLogFile(const std::string& path);

// Points the run log at path (runs/<name>/log.txt), replacing the previous run's; "" just detaches.
void setRunLogFile(const std::string& path);

// Adds any sink (the studio's ring-buffer sink) to the default logger.
void addLogSink(spdlog::sink_ptr sink);

}  // namespace tfs
