#include "core/train/metrics_log.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/base/error.h"
#include "core/train/run_dir.h"

namespace tfs {

namespace {
nlohmann::json num(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
}
}  // namespace

MetricsLog::MetricsLog(const std::string& path, int64_t truncateAfterStep) : path_(path) {
  if (truncateAfterStep >= 0 && std::filesystem::exists(path)) {
    std::ifstream in(path);
    std::string keep, line;
    bool dropped = false;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      try {
        auto j = nlohmann::json::parse(line);
        if (j.value("step", int64_t{0}) <= truncateAfterStep) {
          keep += line + "\n";
          continue;
        }
      } catch (const nlohmann::json::exception&) {
        // A torn last line from a killed run: drop it.
      }
      dropped = true;
    }
    in.close();
    // Never rewritten in place: a kill mid-write would lose the history. A new file, renamed.
    if (dropped) writeFileAtomic(path, keep);
  }
  file_ = std::fopen(path.c_str(), "a");
  if (!file_)
    throw IoError("cannot open \"" + path + "\" for appending: " + std::strerror(errno) +
                  "; check the run directory's permissions");
}

MetricsLog::~MetricsLog() {
  if (file_) std::fclose(file_);
}

std::string MetricsLog::toJsonLine(const StepMetrics& m) {
  nlohmann::json j = {{"step", m.step},
                      {"time", num(m.time)},
                      {"lm", num(m.lm)},
                      {"diffusion", num(m.diffusion)},
                      {"total", num(m.total)},
                      {"lr", num(m.lr)},
                      {"grad_norm", num(m.gradNorm)},
                      {"tokens_per_s", num(m.tokensPerS)},
                      {"images_per_s", num(m.imagesPerS)},
                      {"skipped", m.skipped}};
  if (m.skipped) j["skip_reason"] = m.skipReason;
  if (m.world > 1) {
    j["world"] = m.world;
    j["tokens_per_s_per_rank"] = num(m.tokensPerS / double(m.world));
    j["allreduce_wait_s"] = num(m.allreduceWaitS);
  }
  return j.dump();
}

void MetricsLog::append(const StepMetrics& m) {
  const std::string line = toJsonLine(m) + "\n";
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0)
    throw IoError("cannot write \"" + path_ + "\": " + std::strerror(errno) +
                      "; free disk space and resume the run",
                  "resume");
}

}  // namespace tfs
