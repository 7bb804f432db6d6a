#pragma once

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>

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
// The check of one instructed edit: as above against edit.output, except that an added object
// (edit.added) may be anywhere and, unless the instruction names its size, of either size; every
// other object must be where the edit leaves it.
EditCheck checkEdit(const ShapeEdit& edit, const torch::Tensor& produced, int tolerance = -1);

// PSNR (dB, signal range 2 for [-1, 1]) of `produced` against `edit`'s rendered output over the
// pixels the edit leaves alone (where the input and output renders agree): how well the unedited
// part is kept. Capped at 60 dB for an exact copy.
double keptRegionPsnr(const ShapeEdit& edit, const torch::Tensor& produced);

struct EditAccuracy {
  int64_t total = 0, correct = 0;
  std::map<std::string, std::pair<int64_t, int64_t>> perOp;  // op → (correct, total)
  double keptPsnrSum = 0;  // over the edits add() was given a PSNR for
  int64_t keptPsnrCount = 0;
  double value() const { return total ? double(correct) / double(total) : 0.0; }
  double keptPsnr() const { return keptPsnrCount ? keptPsnrSum / double(keptPsnrCount) : 0.0; }
  void add(const EditCheck& c) {
    ++total;
    correct += c.ok ? 1 : 0;
  }
  void addOp(const std::string& op, bool ok) {
    auto& [c, t] = perOp[op];
    c += ok ? 1 : 0;
    ++t;
  }
  void addKeptPsnr(double db) {
    keptPsnrSum += db;
    ++keptPsnrCount;
  }
  nlohmann::json toJson() const {
    nlohmann::json ops = nlohmann::json::object();
    for (const auto& [op, ct] : perOp) ops[op] = {{"correct", ct.first}, {"edits", ct.second}};
    return {{"metric", "edit accuracy"},
            {"accuracy", value()},
            {"edits", total},
            {"per_op", ops},
            {"kept_region_psnr_db", keptPsnr()}};
  }
};

}  // namespace tfs
