#pragma once

#include <stdexcept>
#include <string>

namespace tfs {

// Every error core throws says what went wrong and what the user can do about it.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

class ConfigError : public Error {
 public:
  using Error::Error;
};
class IoError : public Error {
 public:
  using Error::Error;
};
class DataError : public Error {
 public:
  using Error::Error;
};
class CheckpointError : public Error {
 public:
  using Error::Error;
};
class ShimError : public Error {
 public:
  using Error::Error;
};
// Training cannot go on as configured (every recent update was skipped); exit code 1.
class TrainingError : public Error {
 public:
  using Error::Error;
};
// A request whose arguments are wrong (the CLI maps it to exit code 2).
class UsageError : public Error {
 public:
  using Error::Error;
};
// A job stopped on request; not a failure.
class Cancelled : public Error {
 public:
  using Error::Error;
};

}  // namespace tfs
