#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/train/document.h"

namespace tfs {

// VAE latents computed once and kept on disk: one append-only file per VAE (its weights hash)
// under the cache folder, keyed by record id. A different VAE means a different file, so a changed
// VAE never sees stale latents. A torn last record (a killed run) is dropped when opened.
class LatentCache {
 public:
  LatentCache(const std::string& dir, const std::string& vaeHash, std::vector<int64_t> latentShape);
  ~LatentCache();
  LatentCache(const LatentCache&) = delete;
  LatentCache& operator=(const LatentCache&) = delete;

  std::optional<torch::Tensor> get(const std::string& key);
  void put(const std::string& key, const torch::Tensor& latent);  // [C,h,w] float
  int64_t size() const { return static_cast<int64_t>(index_.size()); }
  int64_t hits() const { return hits_; }
  int64_t misses() const { return misses_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<int64_t> shape_;
  int64_t numel_ = 0;
  FILE* file_ = nullptr;
  std::unordered_map<std::string, int64_t> index_;  // key → byte offset of the floats
  int64_t hits_ = 0, misses_ = 0;
};

// A hash of a module's parameters and buffers (names, shapes and values): the VAE's identity.
std::string moduleHash(const torch::nn::Module& m);

// Encodes images with encodeBatch ([N,C,H,W] → [N,Clat,h,w]) only for keys not yet in the cache
// (all of them when cache is null or a key is ""), in one call.
LatentEncoder cachedEncoder(std::function<torch::Tensor(const torch::Tensor&)> encodeBatch,
                            std::shared_ptr<LatentCache> cache);

}  // namespace tfs
