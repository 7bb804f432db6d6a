#include "core/train/latent_cache.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "core/base/error.h"

namespace fs = std::filesystem;

namespace tfs {

namespace {
constexpr char kMagic[8] = {'T', 'F', 'S', 'L', 'A', 'T', '1', '\n'};
}

LatentCache::LatentCache(const std::string& dir, const std::string& vaeHash,
                         std::vector<int64_t> latentShape)
    : shape_(std::move(latentShape)) {
  numel_ = 1;
  for (auto s : shape_) numel_ *= s;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw IoError("cannot create the latent cache folder \"" + dir + "\": " + ec.message());
  std::ostringstream name;
  name << dir << "/latents-" << vaeHash;
  for (auto s : shape_) name << "-" << s;
  name << ".bin";
  path_ = name.str();

  file_ = std::fopen(path_.c_str(), "a+b");
  if (!file_)
    throw IoError("cannot open the latent cache \"" + path_ + "\": " + std::strerror(errno) +
                  "; delete it or check permissions");
  std::fseek(file_, 0, SEEK_END);
  const int64_t end = std::ftell(file_);
  std::fseek(file_, 0, SEEK_SET);
  int64_t good = 0;
  if (end >= 8) {
    char magic[8];
    if (std::fread(magic, 1, 8, file_) == 8 && std::memcmp(magic, kMagic, 8) == 0) {
      good = 8;
      const int64_t payload = numel_ * static_cast<int64_t>(sizeof(float));
      while (true) {
        uint32_t len = 0;
        if (std::fread(&len, 4, 1, file_) != 1 || len > 4096) break;
        std::string key(len, '\0');
        if (std::fread(key.data(), 1, len, file_) != len) break;
        const int64_t at = good + 4 + len;
        if (at + payload > end) break;
        std::fseek(file_, at + payload, SEEK_SET);
        index_[key] = at;
        good = at + payload;
      }
    }
  }
  if (good != end) {
    // Torn tail or foreign content: keep what is whole.
    if (::truncate(path_.c_str(), good) != 0)
      throw IoError("cannot repair the latent cache \"" + path_ + "\"; delete it");
  }
  if (good == 0) {
    std::fseek(file_, 0, SEEK_END);
    if (std::fwrite(kMagic, 1, 8, file_) != 8 || std::fflush(file_) != 0)
      throw IoError("cannot write the latent cache \"" + path_ + "\"; free disk space");
  }
}

LatentCache::~LatentCache() {
  if (file_) std::fclose(file_);
}

std::optional<torch::Tensor> LatentCache::get(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return std::nullopt;
  }
  auto t = torch::empty(shape_, torch::kFloat32);
  const size_t bytes = static_cast<size_t>(numel_) * sizeof(float);
  if (::pread(fileno(file_), t.data_ptr<float>(), bytes, it->second) != static_cast<ssize_t>(bytes))
    throw IoError("cannot read the latent cache \"" + path_ + "\"; delete it to rebuild");
  ++hits_;
  return t;
}

void LatentCache::put(const std::string& key, const torch::Tensor& latent) {
  if (key.empty() || key.size() > 4096 || index_.count(key)) return;
  auto t = latent.detach().to(torch::kCPU, torch::kFloat32).contiguous();
  if (t.numel() != numel_) throw DataError("latent of the wrong size for the cache");
  std::fseek(file_, 0, SEEK_END);
  const uint32_t len = static_cast<uint32_t>(key.size());
  const int64_t at = std::ftell(file_) + 4 + len;
  bool ok = std::fwrite(&len, 4, 1, file_) == 1;
  ok = ok && std::fwrite(key.data(), 1, len, file_) == len;
  ok = ok && std::fwrite(t.data_ptr<float>(), sizeof(float), numel_, file_) ==
                 static_cast<size_t>(numel_);
  ok = ok && std::fflush(file_) == 0;
  if (!ok)
    throw IoError("cannot append to the latent cache \"" + path_ + "\": " + std::strerror(errno) +
                  "; free disk space");
  index_[key] = at;
}

std::string moduleHash(const torch::nn::Module& m) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](const void* p, size_t n) {
    auto* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) {
      h ^= b[i];
      h *= 1099511628211ull;
    }
  };
  auto add = [&](const std::string& name, const torch::Tensor& v) {
    mix(name.data(), name.size());
    auto t = v.detach().to(torch::kCPU).contiguous();
    mix(t.data_ptr(), t.numel() * t.element_size());
  };
  for (const auto& kv : m.named_parameters()) add(kv.key(), kv.value());
  for (const auto& kv : m.named_buffers()) add(kv.key(), kv.value());
  std::ostringstream os;
  os << std::hex << h;
  return os.str();
}

LatentEncoder cachedEncoder(std::function<torch::Tensor(const torch::Tensor&)> encodeBatch,
                            std::shared_ptr<LatentCache> cache) {
  return [encodeBatch = std::move(encodeBatch), cache](const std::vector<std::string>& ids,
                                                       const torch::Tensor& images) {
    const int64_t n = images.size(0);
    std::vector<torch::Tensor> out(static_cast<size_t>(n));
    std::vector<int64_t> missing;
    for (int64_t i = 0; i < n; ++i) {
      std::optional<torch::Tensor> hit;
      if (cache && !ids[i].empty()) hit = cache->get(ids[i]);
      if (hit)
        out[i] = *hit;
      else
        missing.push_back(i);
    }
    if (!missing.empty()) {
      torch::NoGradGuard ng;
      auto idx = torch::tensor(missing, torch::kInt64);
      auto enc = encodeBatch(images.index_select(0, idx)).to(torch::kCPU, torch::kFloat32);
      for (size_t j = 0; j < missing.size(); ++j) {
        out[missing[j]] = enc[static_cast<int64_t>(j)];
        if (cache) cache->put(ids[missing[j]], out[missing[j]]);
      }
    }
    return torch::stack(out);
  };
}

}  // namespace tfs
