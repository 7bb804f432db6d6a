#pragma once

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <string>

#include "core/data/shapes.h"

namespace tfs {

// Is the produced image the instructed scene? analyseScene reads it; every expected object must
// be matched one-to-one by a read object of the same kind, colour and size whose centre lies
// within `tolerance` pixels (per axis), and nothing else may be there — neither another object
// nor clutter (sceneFidelity below kMinSceneFidelity).
struct EditCheck {
  bool ok = false;
  double fidelity = 0;
  std::string reason;  // "" when ok: "missing large red circle at (20,31)", "extra ..."
  Scene found;
};

// tolerance < 0: imageSize / 16 (4 pixels at 64): generated shapes are rarely pixel-exact.
EditCheck checkEdit(const Scene& expected, const torch::Tensor& produced, int tolerance = -1);

struct EditAccuracy {
  int64_t total = 0, correct = 0;
  double value() const { return total ? double(correct) / double(total) : 0.0; }
  void add(const EditCheck& c) {
    ++total;
    correct += c.ok ? 1 : 0;
  }
  nlohmann::json toJson() const {
    return {{"metric", "edit accuracy"}, {"accuracy", value()}, {"edits", total}};
  }
};

}  // namespace tfs
