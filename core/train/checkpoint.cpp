#include "core/train/checkpoint.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/model/weights_io.h"
#include "core/train/run_dir.h"

namespace fs = std::filesystem;

namespace tfs {

namespace {

const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void removeQuietly(const fs::path& p) {
  std::error_code ec;
  fs::remove_all(p, ec);
}

}  // namespace

std::string encodeBytes(const torch::Tensor& byteTensor) {
  auto t = byteTensor.contiguous().to(torch::kCPU, torch::kUInt8);
  const auto* d = t.data_ptr<uint8_t>();
  const size_t n = t.numel();
  std::string out;
  out.reserve((n + 2) / 3 * 4);
  for (size_t i = 0; i < n; i += 3) {
    uint32_t v = d[i] << 16;
    if (i + 1 < n) v |= d[i + 1] << 8;
    if (i + 2 < n) v |= d[i + 2];
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += i + 1 < n ? kB64[(v >> 6) & 63] : '=';
    out += i + 2 < n ? kB64[v & 63] : '=';
  }
  return out;
}

torch::Tensor decodeBytes(const std::string& text) {
  std::vector<uint8_t> bytes;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    const char* p = std::strchr(kB64, c);
    if (!p || c == 0)
      throw CheckpointError("state.json: corrupt base64 RNG state; delete the checkpoint");
    acc = (acc << 6) | static_cast<uint32_t>(p - kB64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<uint8_t>((acc >> bits) & 0xff));
    }
  }
  auto t = torch::empty({static_cast<int64_t>(bytes.size())}, torch::kUInt8);
  // An empty tensor's data pointer is null, and memcpy(NULL, …, 0) is undefined (UBSan).
  if (!bytes.empty()) std::memcpy(t.data_ptr<uint8_t>(), bytes.data(), bytes.size());
  return t;
}

std::string writeCheckpoint(const std::string& checkpointsDir, int64_t step,
                            const CheckpointContent& content, int64_t keep) {
  const fs::path root(checkpointsDir);
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) throw IoError("cannot create \"" + root.string() + "\": " + ec.message());
  const std::string name = checkpointName(step);
  const fs::path tmp = root / (".tmp-" + name);
  const fs::path final = root / name;
  // Leftovers of a write that was killed.
  for (const auto& e : fs::directory_iterator(root, ec))
    if (e.path().filename().string().rfind(".tmp-", 0) == 0) removeQuietly(e.path());
  fs::create_directories(tmp, ec);
  if (ec) throw IoError("cannot create \"" + tmp.string() + "\": " + ec.message());
  try {
    if (content.model) {
      nlohmann::json meta = content.weightsMeta;
      saveWeights(*content.model, (tmp / "model.safetensors").string(), meta);
    }
    if (content.ema) {
      nlohmann::json meta = content.weightsMeta;
      meta["ema"] = true;
      saveWeights(*content.ema, (tmp / "ema.safetensors").string(), meta);
    }
    if (content.optimizer) {
      const std::string p = (tmp / "optimizer.pt").string();
      try {
        torch::save(*content.optimizer, p);
      } catch (const c10::Error& e) {
        throw IoError("cannot write \"" + p + "\": " + e.what_without_backtrace() +
                      "; free disk space");
      }
      fsyncPath(p);
    }
    writeFileAtomic((tmp / "state.json").string(), content.state.dump(1) + "\n");
    // Last: the marker records each file's size and CRC-32 (read back from disk).
    writeFileAtomic((tmp / "DONE").string(), checkpointMarker(tmp.string(), step).dump() + "\n");
    fsyncPath(tmp.string());
    // Re-saving a step (a resumed run that reached it again): move the old one aside first.
    const fs::path old = root / (".tmp-old-" + name);
    if (fs::exists(final)) {
      fs::rename(final, old, ec);
      if (ec) throw IoError("cannot move \"" + final.string() + "\" aside: " + ec.message());
    }
    fs::rename(tmp, final, ec);
    if (ec)
      throw IoError("cannot rename \"" + tmp.string() + "\" to \"" + final.string() +
                    "\": " + ec.message());
    fsyncPath(root.string());
    removeQuietly(old);
  } catch (...) {
    removeQuietly(tmp);
    throw;
  }
  writeFileAtomic((root / "latest").string(), name + "\n");
  auto all = completeCheckpoints(checkpointsDir);
  // Retention only after the new one is complete; never deletes the one just written.
  for (size_t i = 0; keep > 0 && all.size() - i > static_cast<size_t>(keep); ++i)
    if (all[i] != final.string()) removeQuietly(all[i]);
  return final.string();
}

nlohmann::json readCheckpoint(const std::string& folder, CheckpointContent& content, bool verify) {
  const fs::path dir(folder);
  if (!fs::exists(dir / "DONE"))
    throw CheckpointError("\"" + folder + "\" is not a complete checkpoint (no DONE marker); " +
                          "it was interrupted while being written, use an earlier one");
  if (const std::string why = verify ? checkpointDamage(folder) : std::string(); !why.empty())
    throw CheckpointError("checkpoint " + folder + " is damaged: " + why);
  nlohmann::json state;
  {
    std::ifstream in(dir / "state.json");
    if (!in) throw CheckpointError("\"" + folder + "/state.json\" is missing");
    try {
      state = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
      throw CheckpointError("\"" + folder + "/state.json\" is corrupt: " + e.what());
    }
  }
  if (content.model)
    loadWeights(*const_cast<torch::nn::Module*>(content.model),
                (dir / "model.safetensors").string());
  if (content.ema) {
    const auto p = dir / "ema.safetensors";
    if (fs::exists(p)) {
      loadWeights(*const_cast<torch::nn::Module*>(content.ema), p.string());
    } else if (content.rebuildMissingEma) {
      state["emaRebuilt"] = true;
    } else {
      throw CheckpointError(
          "checkpoint " + folder +
              " has no ema.safetensors, and the EMA weights are the ones generation uses: resuming "
              "would restart them from the random initialisation. Resume from an earlier "
              "checkpoint "
              "(resumeFrom), or rebuild the EMA from the model's weights (rebuildEma)",
          "rebuildEma");
    }
  }
  if (content.optimizer) {
    const auto p = (dir / "optimizer.pt").string();
    try {
      torch::load(*content.optimizer, p);
    } catch (const c10::Error& e) {
      throw CheckpointError("cannot read the optimizer state \"" + p +
                            "\": " + e.what_without_backtrace());
    }
  }
  return state;
}

}  // namespace tfs
