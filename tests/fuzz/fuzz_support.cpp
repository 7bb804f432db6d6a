#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "tests/fuzz/fuzz_registry.h"
#include "tests/fuzz/fuzz_target.h"

namespace tfs::fuzz {

namespace fs = std::filesystem;

std::map<std::string, TargetFn>& targets() {
  static std::map<std::string, TargetFn> t;
  return t;
}

bool registerTarget(const char* name, TargetFn fn) {
  targets()[name] = fn;
  return true;
}

const std::string& scratchDir() {
  static const std::string dir = [] {
    std::error_code ec;
    fs::path base =
        fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
    if (const char* t = std::getenv("TFS_TEST_TMP"); t && *t) base = t;
    fs::path d = base / ("tfs-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d);
    static const std::string keep = d.string();
    std::atexit([] {
      std::error_code e;
      fs::remove_all(keep, e);
    });
    return d.string();
  }();
  return dir;
}

std::string writeScratch(const std::string& name, const uint8_t* data, size_t size) {
  const std::string path = scratchDir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
  return path;
}

void quietLogs() {
  static const bool once = [] {
    spdlog::set_level(spdlog::level::off);
    return true;
  }();
  (void)once;
}

}  // namespace tfs::fuzz
