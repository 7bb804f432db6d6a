#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/base/error.h"

namespace tfs {

// Another process is writing the run folder.
class RunBusyError : public Error {
 public:
  RunBusyError(const std::string& what, std::string holder)
      : Error(what), holder_(std::move(holder)) {}
  const std::string& holder() const { return holder_; }  // "process 1234 (since …)"

 private:
  std::string holder_;
};

// The one writer of a run folder: an exclusive flock on <run>/.lock, held while alive, whose file
// says who holds it. Every writer takes it (train, train-vae, finetune-edit, the studio's Train
// page); readers (following a run, generating from it) never need it. The kernel drops the lock
// when the process dies, so a killed run never leaves a stale lock. Within one process the lock
// is counted, so a session and the trainer it builds can both hold it.
class RunLock {
 public:
  // Creates the folder if needed. RunBusyError when another process holds the lock:
  // "run R is being trained by process P (since T); follow it with Open run… or wait".
  explicit RunLock(const std::string& runDir);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

  // Who holds the run's lock, if another process does (nothing when it is free or ours).
  static std::optional<std::string> holder(const std::string& runDir);

 private:
  std::string key_;
};

}  // namespace tfs
