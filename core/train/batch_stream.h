#pragma once

#include <nlohmann/json.hpp>

#include "core/model/batch.h"

namespace tfs {

// An endless, resumable stream of training batches: state() taken after k batches and restored
// into a freshly built stream makes it produce exactly batch k+1, k+2, ... again.
class BatchStream {
 public:
  virtual ~BatchStream() = default;
  virtual Batch next() = 0;
  virtual nlohmann::json state() const = 0;
  virtual void restore(const nlohmann::json& state) = 0;
};

}  // namespace tfs
