#include "core/base/run_layout.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <utility>

namespace tfs {

namespace fs = std::filesystem;

std::string checkpointName(int64_t step) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "step-%07lld", static_cast<long long>(step));
  return buf;
}

int64_t checkpointStep(const std::string& name) {
  if (name.rfind("step-", 0) != 0 || name.size() < 6 || name.size() > 24) return -1;
  for (size_t i = 5; i < name.size(); ++i)
    if (name[i] < '0' || name[i] > '9') return -1;
  return std::stoll(name.substr(5));
}

std::vector<std::string> completeCheckpoints(const std::string& checkpointsDir) {
  std::vector<std::pair<int64_t, std::string>> found;
  std::error_code ec;
  if (!fs::is_directory(checkpointsDir, ec)) return {};
  for (const auto& e : fs::directory_iterator(checkpointsDir, ec)) {
    if (!e.is_directory(ec)) continue;
    const int64_t s = checkpointStep(e.path().filename().string());
    if (s >= 0 && fs::exists(e.path() / "DONE", ec)) found.emplace_back(s, e.path().string());
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(f.second);
  return out;
}

std::string latestCheckpoint(const std::string& checkpointsDir) {
  auto all = completeCheckpoints(checkpointsDir);
  return all.empty() ? std::string() : all.back();
}

}  // namespace tfs
