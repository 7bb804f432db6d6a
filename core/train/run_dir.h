#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace tfs {

// The layout of runs/<name>/ (docs/ARCHITECTURE.md, the run folder): the CLI writes it, the studio
// and generate/ read it.
class RunDir {
 public:
  explicit RunDir(std::string root);

  // Creates the folder tree (root, checkpoints/, samples/, cache/); IoError names what failed.
  void create() const;
  bool exists() const;

  const std::string& root() const { return root_; }
  std::string configPath() const { return root_ + "/config.json"; }
  std::string tokenizerPath() const { return root_ + "/tokenizer.model"; }
  std::string vaePath() const { return root_ + "/vae.safetensors"; }
  std::string metricsPath() const { return root_ + "/metrics.jsonl"; }
  std::string logPath() const { return root_ + "/log.txt"; }
  std::string checkpointsDir() const { return root_ + "/checkpoints"; }
  std::string samplesDir() const { return root_ + "/samples"; }
  std::string cacheDir() const { return root_ + "/cache"; }

  bool hasConfig() const;
  bool hasTokenizer() const;
  bool hasVae() const;

  // config.json = {"model": ..., "train": ..., "data": [...]}, written atomically.
  void writeConfig(const nlohmann::json& config) const;
  nlohmann::json readConfig() const;  // IoError / ConfigError with the path

  // Weights to load for inference: the latest complete checkpoint's ema.safetensors, else its
  // model.safetensors; "" when the run has no complete checkpoint.
  std::string inferenceWeights() const;

 private:
  std::string root_;
};

// Writes text to path atomically: path.tmp, fsync, rename, fsync of the folder.
void writeFileAtomic(const std::string& path, const std::string& content);
// fsync of a file or a folder; IoError naming the path when it fails.
void fsyncPath(const std::string& path);

}  // namespace tfs
