#pragma once

#include <string>

namespace tfs {

// The feature classifier shipped with Transfusion Studio (resources/models/NAME.safetensors in the
// source tree, share/transfusion/models/ when installed; $TFS_MODELS_DIR first). "" when absent.
std::string shippedClassifierPath(const std::string& name = "fmnist-classifier");

// given, else the shipped classifier; UsageError saying how to train one when there is none.
std::string classifierPathOrShipped(const std::string& given);

}  // namespace tfs
