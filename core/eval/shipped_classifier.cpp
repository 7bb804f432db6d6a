#include "core/eval/shipped_classifier.h"

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "core/base/error.h"

namespace tfs {

std::string shippedClassifierPath(const std::string& name) {
  namespace fs = std::filesystem;
  std::vector<fs::path> roots;
  if (const char* env = std::getenv("TFS_MODELS_DIR")) roots.emplace_back(env);
  roots.emplace_back(fs::path(TFS_SOURCE_DIR) / "resources" / "models");
  roots.emplace_back(fs::path(TFS_DATA_INSTALL_DIR) / "models");
  for (const auto& r : roots) {
    const auto f = r / (name + ".safetensors");
    if (fs::exists(f)) return f.string();
  }
  return "";
}

std::string classifierPathOrShipped(const std::string& given) {
  if (!given.empty()) return given;
  auto p = shippedClassifierPath();
  if (p.empty())
    throw UsageError(
        "no --classifier given and the shipped one "
        "(resources/models/fmnist-classifier.safetensors) "
        "is missing: train one with `transfusion eval train-classifier --data fmnist:train --out "
        "FILE`");
  return p;
}

}  // namespace tfs
