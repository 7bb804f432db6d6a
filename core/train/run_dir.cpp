#include "core/train/run_dir.h"

#include <spdlog/spdlog.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/base/error.h"
#include "core/train/checkpoint.h"

namespace fs = std::filesystem;

namespace tfs {

void fsyncPath(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw IoError("cannot open \"" + path + "\" to sync it: " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0 && err != EINVAL)  // some file systems cannot sync folders
    throw IoError("cannot sync \"" + path + "\" to disk: " + std::strerror(err) +
                  "; check free space");
}

void writeFileAtomic(const std::string& path, const std::string& content) {
  const std::string tmp = path + ".tmp";
  {
    FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f)
      throw IoError("cannot write \"" + tmp + "\": " + std::strerror(errno) +
                    "; check permissions and free space");
    bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
    ok = std::fflush(f) == 0 && ok;
    ok = ::fsync(fileno(f)) == 0 && ok;
    int err = errno;
    std::fclose(f);
    if (!ok) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw IoError("cannot write \"" + tmp + "\": " + std::strerror(err) + "; free disk space");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw IoError("cannot rename \"" + tmp + "\" to \"" + path + "\": " + ec.message());
  fsyncPath(fs::path(path).parent_path().empty() ? "." : fs::path(path).parent_path().string());
}

RunDir::RunDir(std::string root) : root_(std::move(root)) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

void RunDir::create() const {
  for (const auto& d : {root_, checkpointsDir(), samplesDir(), cacheDir()}) {
    std::error_code ec;
    fs::create_directories(d, ec);
    if (ec)
      throw IoError("cannot create the run folder \"" + d + "\": " + ec.message() +
                        "; choose another run folder",
                    "runDir");
  }
}

bool RunDir::exists() const {
  return fs::is_directory(root_);
}
bool RunDir::hasConfig() const {
  return fs::exists(configPath());
}
bool RunDir::hasTokenizer() const {
  return fs::exists(tokenizerPath());
}
bool RunDir::hasVae() const {
  return fs::exists(vaePath());
}

void RunDir::writeConfig(const nlohmann::json& config) const {
  writeFileAtomic(configPath(), config.dump(2) + "\n");
}

nlohmann::json RunDir::readConfig() const {
  std::ifstream in(configPath());
  if (!in)
    throw IoError("cannot read \"" + configPath() + "\": is \"" + root_ + "\" a run directory?");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError("\"" + configPath() + "\" is not valid JSON (" + e.what() + ")");
  }
}

std::string RunDir::inferenceWeights() const {
  std::vector<std::string> damaged;
  auto w = runInferenceWeights(root(), &damaged);
  for (const auto& d : damaged) spdlog::warn("skipping damaged checkpoint {}", d);
  return w;
}

}  // namespace tfs
