#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace tfs {

// Every error core throws says what went wrong and what the user can do about it, in the words of
// core's fields and files ("the run to start from (initFrom) has no checkpoint"), never of one
// front end's flags. option(), when set, names the field the error is about (a TrainSessionOptions
// / LoadOptions / config field: "runDir", "initFrom", "steps", ...), so the CLI can add its flag
// and the studio its form field.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, std::string option = {})
      : std::runtime_error(what), option_(std::move(option)) {}
  const std::string& option() const { return option_; }

 private:
  std::string option_;
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
