#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tfs {

// Where shipped resources (models, the classifier) are looked up, in order: $TFS_MODELS_DIR, the
// source tree's resources/models, the installed share/transfusion/models. One rule for every
// shipped file.
std::vector<std::filesystem::path> shippedResourceRoots();
// The first root/relative that exists; "" when none does.
std::string findShippedResource(const std::string& relative);

}  // namespace tfs
