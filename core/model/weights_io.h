#pragma once

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <string>

namespace tfs {

// The native weights format is safetensors (readable by the Python ecosystem as is) whose
// __metadata__ holds {"format": "transfusion-studio", "format_version": "1", "kind": ...,
// "config": <json text>} plus any other keys of meta (strings stored as is, other values as JSON
// text). Tensor names are the module's parameter and buffer names ("blocks.0.attn.wq.weight").
inline constexpr const char* kWeightsFormat = "transfusion-studio";
inline constexpr const char* kWeightsFormatVersion = "1";

// Writes every parameter and buffer of m atomically. meta["kind"] defaults to "module".
void saveWeights(const torch::nn::Module& m, const std::string& path,
                 const nlohmann::json& meta = {});

// Loads into m (on whatever device and dtype m lives; floating tensors are cast). Every name and
// shape is checked before anything is copied, so a refused file leaves m untouched. Throws
// CheckpointError naming the tensor and why (missing, unexpected, shape, dtype), and, when the file
// carries a config, which config field most likely differs.
void loadWeights(torch::nn::Module& m, const std::string& path);
// As above; expectedConfig (this model's config JSON) makes mismatch messages exact
// ("the checkpoint was trained with dModel=256, this model has 192").
void loadWeights(torch::nn::Module& m, const std::string& path,
                 const nlohmann::json& expectedConfig);

// The file's metadata as JSON: string values as stored, except "config" (parsed back to JSON).
// A plain safetensors file from elsewhere gives its raw metadata (maybe {}).
nlohmann::json readWeightsMeta(const std::string& path);

}  // namespace tfs
