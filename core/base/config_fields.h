#pragma once
// The one way a config struct (ModelConfig, TrainConfig, VaeTrainConfig) is read from and written
// to JSON: a table with one entry per key — how to read the value into the struct, how to write
// it out. Reading checks the type of every value, refuses unknown keys (listing the known ones)
// and names the config and the key in every error; the errors speak of fields, not of how a user
// typed them (the CLI and the studio add their own wording).
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/base/error.h"

namespace tfs {

// A config file's JSON, the whole file (bytes after the value are an error too). IoError when it
// cannot be read, ConfigError when it is not JSON; both name `what` ("model config", ...) and path.
inline nlohmann::json readConfigFile(const std::string& path, const std::string& what) {
  std::ifstream in(path);
  if (!in) throw IoError("cannot read the " + what + " \"" + path + "\": check the path");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError(what + " \"" + path + "\" is not valid JSON (" + e.what() +
                      "); fix the file");
  }
}

template <typename Config>
class ConfigFields {
 public:
  struct Field {
    std::function<void(Config&, const nlohmann::json&, const std::string& key)> read;
    std::function<nlohmann::json(const Config&)> write;
    std::string aliasOf;  // an old key name: read as that key, never written
  };

  // `what` starts every message: "model config", "train config", "VAE config".
  ConfigFields(std::string what, std::vector<std::pair<std::string, Field>> fields)
      : what_(std::move(what)), fields_(std::move(fields)) {}

  // Every key of j over c (the struct's other fields kept). ConfigError on a value of the wrong
  // type or range, an unknown key, or j not being an object.
  void read(Config& c, const nlohmann::json& j) const {
    if (!j.is_object())
      throw ConfigError(what_ + " must be a JSON object, got " + std::string(j.type_name()));
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string key = it.key();
      const Field* field = find(key);
      if (field && !field->aliasOf.empty()) field = find(key = field->aliasOf);
      if (!field)
        throw ConfigError(what_ + ": unknown key \"" + it.key() + "\"; known keys are " +
                          knownKeys());
      try {
        field->read(c, it.value(), key);
      } catch (const ConfigError& e) {
        throw ConfigError(what_ + ": " + e.what());
      }
    }
  }

  nlohmann::json write(const Config& c) const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, f] : fields_)
      if (f.aliasOf.empty()) j[k] = f.write(c);
    return j;
  }

  std::string knownKeys() const {
    std::string out;
    for (const auto& [k, f] : fields_)
      if (f.aliasOf.empty()) out += (out.empty() ? "" : ", ") + k;
    return out;
  }

  // For a field's own reader: '"key" is VALUE: why' (read() puts the config's name in front).
  [[noreturn]] static void fail(const std::string& key, const nlohmann::json& v,
                                const std::string& why) {
    throw ConfigError("\"" + key + "\" is " + v.dump() + ": " + why);
  }

  // Field makers. Integers also accept a whole-number float (8.0), and say "too large" or "a
  // whole number" otherwise; numbers accept integers.
  template <typename T>
  static Field integer(T Config::*m) {
    static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>);
    return {[m](Config& c, const nlohmann::json& v, const std::string& k) {
              c.*m = readInteger<T>(v, k);
            },
            [m](const Config& c) { return nlohmann::json(c.*m); }};
  }
  static Field number(double Config::*m) {
    return {[m](Config& c, const nlohmann::json& v, const std::string& k) {
              if (!v.is_number()) fail(k, v, "it must be a number (e.g. 1.0)");
              c.*m = v.get<double>();
            },
            [m](const Config& c) { return nlohmann::json(c.*m); }};
  }
  static Field boolean(bool Config::*m) {
    return {[m](Config& c, const nlohmann::json& v, const std::string& k) {
              if (!v.is_boolean()) fail(k, v, "it must be true or false");
              c.*m = v.get<bool>();
            },
            [m](const Config& c) { return nlohmann::json(c.*m); }};
  }
  static Field string(std::string Config::*m) {
    return {[m](Config& c, const nlohmann::json& v, const std::string& k) {
              if (!v.is_string()) fail(k, v, "it must be a string (quote the value)");
              c.*m = v.get<std::string>();
            },
            [m](const Config& c) { return nlohmann::json(c.*m); }};
  }
  static Field integers(std::vector<int64_t> Config::*m) {
    return {[m](Config& c, const nlohmann::json& v, const std::string& k) {
              if (!v.is_array()) fail(k, v, "it must be a list of integers (e.g. [64, 128])");
              std::vector<int64_t> out;
              for (const auto& e : v) out.push_back(readInteger<int64_t>(e, k));
              c.*m = out;
            },
            [m](const Config& c) { return nlohmann::json(c.*m); }};
  }
  static Field alias(const std::string& of) { return {{}, {}, of}; }

  template <typename T>
  static T readInteger(const nlohmann::json& v, const std::string& k) {
    if (v.is_number_float()) {
      const double d = v.get<double>();
      if (!(std::abs(d) < 9.2e18)) fail(k, v, "too large (at most 9.2e18)");
      if (d != std::floor(d)) fail(k, v, "it must be a whole number");
      return static_cast<T>(d);
    }
    if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX)) fail(k, v, "too large");
    if (!v.is_number_integer()) fail(k, v, "it must be an integer (e.g. 8)");
    return v.get<T>();
  }

 private:
  const Field* find(const std::string& key) const {
    for (const auto& [k, f] : fields_)
      if (k == key) return &f;
    return nullptr;
  }

  std::string what_;
  std::vector<std::pair<std::string, Field>> fields_;
};

}  // namespace tfs
