#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

#include "core/model/model_config.h"
#include "core/model/param_count.h"

namespace tfs::cli {

// "0.162B", "2.15M", "12.3K": parameter counts as people quote them.
std::string humanCount(int64_t n);
// The parameter split of one preset, for `info --preset` (text or JSON).
void printParamSplit(std::ostream& out, const ModelConfig& cfg, const ParamCount& c);
nlohmann::json paramSplitJson(const ModelConfig& cfg, const ParamCount& c);

}  // namespace tfs::cli
