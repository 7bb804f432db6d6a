#include "core/model/weights_io.h"

#include <map>
#include <set>
#include <sstream>

#include "core/base/error.h"
#include "core/model/safetensors.h"

namespace tfs {
namespace {

std::map<std::string, torch::Tensor> moduleState(const torch::nn::Module& m) {
  std::map<std::string, torch::Tensor> state;
  for (const auto& p : m.named_parameters(true)) state[p.key()] = p.value();
  for (const auto& b : m.named_buffers(true))
    if (b.value().defined()) state[b.key()] = b.value();
  return state;
}

std::string shapeText(at::IntArrayRef s) {
  std::ostringstream o;
  o << "[";
  for (size_t i = 0; i < s.size(); ++i) o << (i ? ", " : "") << s[i];
  o << "]";
  return o.str();
}

std::string valueText(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// Exact: the fields of the two configs that differ.
std::string configDifference(const nlohmann::json& ckpt, const nlohmann::json& mine) {
  if (!ckpt.is_object() || !mine.is_object()) return "";
  std::string out;
  for (auto it = mine.begin(); it != mine.end(); ++it) {
    if (it.key() == "name") continue;
    auto c = ckpt.find(it.key());
    if (c == ckpt.end() || *c == it.value()) continue;
    out += std::string(out.empty() ? "" : "; ") + "the checkpoint was trained with " + it.key() +
           "=" + valueText(*c) + ", this model has " + valueText(it.value());
  }
  return out;
}

// Heuristic without our config: the checkpoint's integer config fields equal to the differing size.
std::string guessField(const nlohmann::json& ckpt, int64_t ckptSize, int64_t mySize) {
  if (!ckpt.is_object()) return "";
  std::string fields;
  for (auto it = ckpt.begin(); it != ckpt.end(); ++it)
    if (it.value().is_number_integer() && it.value().get<int64_t>() == ckptSize)
      fields += std::string(fields.empty() ? "" : " or ") + it.key();
  if (fields.empty()) return "";
  return " (probably " + fields + ": the checkpoint was trained with " + std::to_string(ckptSize) +
         ", this model has " + std::to_string(mySize) + ")";
}

nlohmann::json checkpointConfig(const std::map<std::string, std::string>& meta) {
  auto it = meta.find("config");
  if (it == meta.end()) return nullptr;
  try {
    return nlohmann::json::parse(it->second);
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

std::string listSome(const std::vector<std::string>& names) {
  std::string s;
  for (size_t i = 0; i < names.size() && i < 3; ++i) s += (i ? ", '" : "'") + names[i] + "'";
  if (names.size() > 3) s += " and " + std::to_string(names.size() - 3) + " more";
  return s;
}

bool castAllowed(torch::Dtype from, torch::Dtype to) {
  if (from == to) return true;
  if (at::isFloatingType(from) && at::isFloatingType(to)) return true;
  bool fromInt = at::isIntegralType(from, false), toInt = at::isIntegralType(to, false);
  // Integer → float is allowed: LibTorch's Module::to(dtype) also converts integer buffers
  // (BatchNorm's num_batches_tracked), so such a model must still load an ordinary checkpoint.
  return (fromInt && toInt) || (fromInt && at::isFloatingType(to));
}

void load(torch::nn::Module& m, const std::string& path, const nlohmann::json* expected) {
  std::map<std::string, std::string> meta;
  auto tensors = readSafetensors(path, &meta);
  nlohmann::json ckptConfig = checkpointConfig(meta);
  std::string diff = expected ? configDifference(ckptConfig, *expected) : "";
  auto why = [&](const std::string& fallback) {
    return diff.empty() ? fallback : " (" + diff + ")";
  };
  auto fail = [&](const std::string& what) {
    throw CheckpointError("cannot load '" + path + "' into this " + m.name() + ": " + what +
                          ". Use a checkpoint made with the same model config.");
  };

  auto state = moduleState(m);
  std::vector<std::string> missing, unexpected;
  for (const auto& [name, t] : state)
    if (!tensors.count(name)) missing.push_back(name);
  for (const auto& [name, t] : tensors)
    if (!state.count(name)) unexpected.push_back(name);
  if (!missing.empty()) fail("the checkpoint lacks tensor " + listSome(missing) + why(""));
  if (!unexpected.empty())
    fail("the checkpoint has unexpected tensor " + listSome(unexpected) + why(""));

  for (const auto& [name, dst] : state) {
    const auto& src = tensors.at(name);
    if (src.sizes() != dst.sizes()) {
      std::string hint;
      if (src.dim() == dst.dim()) {
        for (int64_t d = 0; d < src.dim() && hint.empty(); ++d)
          if (src.size(d) != dst.size(d)) hint = guessField(ckptConfig, src.size(d), dst.size(d));
      }
      fail("tensor '" + name + "' has shape " + shapeText(src.sizes()) + " in the checkpoint but " +
           shapeText(dst.sizes()) + " in this model" + why(hint));
    }
    if (!castAllowed(src.scalar_type(), dst.scalar_type()))
      fail(std::string("tensor '") + name + "' is " + c10::toString(src.scalar_type()) +
           " in the checkpoint but " + c10::toString(dst.scalar_type()) +
           " in this model, and the one cannot be cast to the other");
  }

  torch::NoGradGuard noGrad;
  for (auto& [name, dst] : state) dst.copy_(tensors.at(name));
}

}  // namespace

void saveWeights(const torch::nn::Module& m, const std::string& path, const nlohmann::json& meta) {
  std::map<std::string, std::string> md;
  if (meta.is_object()) {
    for (auto it = meta.begin(); it != meta.end(); ++it) md[it.key()] = valueText(it.value());
  } else if (!meta.is_null()) {
    throw CheckpointError("weights metadata for '" + path + "' must be a JSON object, got " +
                          meta.type_name());
  }
  md["format"] = kWeightsFormat;
  md["format_version"] = kWeightsFormatVersion;
  if (!md.count("kind")) md["kind"] = "module";
  writeSafetensors(moduleState(m), path, md);
}

void loadWeights(torch::nn::Module& m, const std::string& path) {
  load(m, path, nullptr);
}

void loadWeights(torch::nn::Module& m, const std::string& path,
                 const nlohmann::json& expectedConfig) {
  load(m, path, &expectedConfig);
}

nlohmann::json readWeightsMeta(const std::string& path) {
  auto header = readSafetensorsHeader(path);
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [k, v] : header.metadata) out[k] = v;
  nlohmann::json config = checkpointConfig(header.metadata);
  if (!config.is_null()) out["config"] = config;
  return out;
}

}  // namespace tfs
