#include "core/base/run_layout.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include "core/base/error.h"

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

std::string runInferenceWeights(const std::string& runDir, std::vector<std::string>* damaged) {
  // Newest first; of each checkpoint only the file that will be read is checked against the
  // marker (a shipped model keeps ema.safetensors and the marker, not the training files).
  auto all = completeCheckpoints((fs::path(runDir) / "checkpoints").string());
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    std::string weights;
    for (const char* f : {"ema.safetensors", "model.safetensors"}) {
      std::error_code ec;
      if (fs::is_regular_file(fs::path(*it) / f, ec)) {
        weights = f;
        break;
      }
    }
    if (weights.empty()) {
      if (damaged)
        damaged->push_back(*it + ": holds neither ema.safetensors nor model.safetensors");
      continue;
    }
    const std::string why = checkpointDamage(*it, {weights});
    if (why.empty()) return (fs::path(*it) / weights).string();
    if (damaged) damaged->push_back(*it + ": " + why);
  }
  return "";
}

uint32_t fileCrc32(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read \"" + path + "\"");
  std::vector<char> buf(1 << 20);
  uLong crc = crc32(0L, Z_NULL, 0);
  while (in) {
    in.read(buf.data(), std::streamsize(buf.size()));
    const auto n = in.gcount();
    if (n > 0) crc = crc32(crc, reinterpret_cast<const Bytef*>(buf.data()), uInt(n));
  }
  if (in.bad()) throw IoError("error while reading \"" + path + "\"");
  return uint32_t(crc);
}

nlohmann::json checkpointMarker(const std::string& folder, int64_t step) {
  nlohmann::json files = nlohmann::json::object();
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.is_regular_file() && e.path().filename() != "DONE") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths)
    files[p.filename().string()] = {{"bytes", int64_t(fs::file_size(p))},
                                    {"crc32", fileCrc32(p.string())}};
  return {{"step", step}, {"files", files}};
}

std::string checkpointDamage(const std::string& folder, const std::vector<std::string>& only) {
  std::ifstream in(fs::path(folder) / "DONE");
  if (!in) return "no DONE marker";
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // An empty marker (made by hand or by a script) vouches for no file, like the old "N" ones.
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return "";
  const auto marker = nlohmann::json::parse(text, nullptr, false);
  // A marker of the old form ("100\n" parses as a number) records no files.
  if (marker.is_discarded()) return "the DONE marker is not readable";
  if (!marker.is_object()) return "";
  const auto files = marker.value("files", nlohmann::json::object());
  if (!files.is_object()) return "the DONE marker's file list is damaged";
  for (const auto& [name, rec] : files.items()) {
    if (!only.empty() && std::find(only.begin(), only.end(), name) == only.end()) continue;
    const fs::path p = fs::path(folder) / name;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) return name + " is missing";
    const int64_t bytes = int64_t(fs::file_size(p, ec));
    const int64_t want = rec.value("bytes", int64_t(-1));
    if (bytes != want)
      return name + " has " + std::to_string(bytes) + " bytes, the marker recorded " +
             std::to_string(want);
    uint32_t crc = 0;
    try {
      crc = fileCrc32(p.string());
    } catch (const IoError& e) {
      return e.what();
    }
    if (crc != rec.value("crc32", uint32_t(0))) return name + " fails its CRC-32 check";
  }
  return "";
}

std::string latestIntactCheckpoint(const std::string& checkpointsDir,
                                   std::vector<std::string>* damaged,
                                   const std::vector<std::string>& files) {
  auto all = completeCheckpoints(checkpointsDir);
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    const std::string why = checkpointDamage(*it, files);
    if (why.empty()) return *it;
    if (damaged) damaged->push_back(*it + ": " + why);
  }
  return "";
}

}  // namespace tfs
