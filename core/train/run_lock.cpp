#include "core/train/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>

namespace fs = std::filesystem;

namespace tfs {

namespace {

struct Held {
  int fd = -1;
  int count = 0;
};

std::mutex& registryMutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, Held>& registry() {
  static std::map<std::string, Held> r;
  return r;
}

std::string keyOf(const std::string& runDir) {
  std::error_code ec;
  auto p = fs::weakly_canonical(fs::absolute(runDir), ec);
  return (ec ? fs::absolute(runDir) : p).string();
}

std::string lockPath(const std::string& key) {
  return (fs::path(key) / ".lock").string();
}

std::string readHolder(int fd) {
  char buf[512];
  const ssize_t n = ::pread(fd, buf, sizeof(buf) - 1, 0);
  std::string s = n > 0 ? std::string(buf, size_t(n)) : std::string();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s.empty() ? "another process" : s;
}

}  // namespace

RunLock::RunLock(const std::string& runDir) : key_(keyOf(runDir)) {
  std::lock_guard<std::mutex> guard(registryMutex());
  auto& held = registry()[key_];
  if (held.count > 0) {
    ++held.count;
    return;
  }
  std::error_code ec;
  fs::create_directories(key_, ec);
  if (ec) {
    registry().erase(key_);
    throw IoError("cannot create run folder " + runDir + ": " + ec.message());
  }
  const std::string path = lockPath(key_);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    registry().erase(key_);
    throw IoError("cannot open " + path + ": " + std::strerror(errno) + "; check permissions");
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const std::string who = readHolder(fd);
    ::close(fd);
    registry().erase(key_);
    throw RunBusyError("run " + runDir + " is being trained by " + who +
                           "; follow it with Open run… (or `transfusion` commands that read it) "
                           "or wait until it ends",
                       who);
  }
  const std::time_t now = std::time(nullptr);
  char when[64];
  std::strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", std::localtime(&now));
  const std::string text = "process " + std::to_string(::getpid()) + " (since " + when + ")\n";
  if (::ftruncate(fd, 0) == 0) {
    const ssize_t w = ::pwrite(fd, text.data(), text.size(), 0);
    (void)w;  // the lock, not the text, is what excludes
  }
  held.fd = fd;
  held.count = 1;
}

RunLock::~RunLock() {
  std::lock_guard<std::mutex> guard(registryMutex());
  auto it = registry().find(key_);
  if (it == registry().end()) return;
  if (--it->second.count > 0) return;
  if (::ftruncate(it->second.fd, 0) != 0) {
    // harmless: the next holder rewrites it
  }
  ::flock(it->second.fd, LOCK_UN);
  ::close(it->second.fd);
  registry().erase(it);
}

std::optional<std::string> RunLock::holder(const std::string& runDir) {
  const std::string key = keyOf(runDir);
  {
    std::lock_guard<std::mutex> guard(registryMutex());
    auto it = registry().find(key);
    if (it != registry().end() && it->second.count > 0) return std::nullopt;
  }
  const int fd = ::open(lockPath(key).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> who;
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0)
    who = readHolder(fd);
  else
    ::flock(fd, LOCK_UN);
  ::close(fd);
  return who;
}

}  // namespace tfs
