#include "core/base/resources.h"

#include <cstdlib>

namespace tfs {

std::vector<std::filesystem::path> shippedResourceRoots() {
  namespace fs = std::filesystem;
  std::vector<fs::path> roots;
  if (const char* env = std::getenv("TFS_MODELS_DIR"); env && *env) roots.emplace_back(env);
  roots.emplace_back(fs::path(TFS_SOURCE_DIR) / "resources" / "models");
  roots.emplace_back(fs::path(TFS_DATA_INSTALL_DIR) / "models");
  return roots;
}

std::string findShippedResource(const std::string& relative) {
  for (const auto& r : shippedResourceRoots()) {
    const auto p = r / relative;
    std::error_code ec;
    if (std::filesystem::exists(p, ec)) return p.string();
  }
  return "";
}

}  // namespace tfs
