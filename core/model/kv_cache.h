#pragma once

#include <torch/torch.h>

#include <vector>

namespace tfs {

// Keys and values of the positions already processed, per layer [B, H, Lc, Dh].
struct KVCache {
  std::vector<torch::Tensor> keys, values;

  int64_t length() const { return keys.empty() || !keys[0].defined() ? 0 : keys[0].size(2); }
  // Drops everything after the first len positions (e.g. the noisy patches of a finished image).
  void truncate(int64_t len) {
    for (auto* v : {&keys, &values})
      for (auto& t : *v)
        if (t.defined() && t.size(2) > len) t = t.narrow(2, 0, len);
  }
  void clear() {
    keys.clear();
    values.clear();
  }
};

}  // namespace tfs
