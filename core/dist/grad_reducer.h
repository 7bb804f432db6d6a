#pragma once

#include <torch/torch.h>

#include <chrono>
#include <memory>
#include <vector>

#include "core/dist/dist_group.h"

namespace tfs {

// Sums the gradients of a data-parallel job over its ranks the way PyTorch's DDP does: the
// parameters are grouped into buckets of about bucketBytes, in reverse registration order (the
// order backward produces them); a hook after each parameter's gradient accumulation marks it
// ready, and a bucket whose parameters are all ready is flattened and its all-reduce launched at
// once, so communication runs behind the rest of backward. Buckets are launched strictly in index
// order, so every rank issues the same collectives in the same order.
//
// A parameter that got no gradient on this rank's micro-batch (a text-only batch leaves the image
// codec without one) counts as zero; buckets still waiting when backward ends are launched then.
// Each bucket carries one flag per parameter, so a parameter that had no gradient on any rank is
// left without one, exactly as in a single process (AdamW then leaves it alone).
class GradReducer {
 public:
  struct Stats {
    int64_t buckets = 0;
    int64_t bytes = 0;               // gradient bytes all-reduced per step
    double exposedSeconds = 0;       // last step: waiting for all-reduces after backward ended
    int64_t launchedInBackward = 0;  // last step: buckets launched before backward ended
  };

  GradReducer(DistGroup& group, std::vector<torch::Tensor> params, int64_t bucketBytes,
              bool overlap = true);
  ~GradReducer();
  GradReducer(const GradReducer&) = delete;
  GradReducer& operator=(const GradReducer&) = delete;

  // Before each micro-batch's backward: sync = true on the last one of the step (the others only
  // accumulate locally, as DDP's no_sync()).
  void prepare(bool sync);
  // After the last micro-batch's backward, also when this rank skipped it: launches what is left,
  // waits for every bucket and writes the sums into the parameters' .grad.
  void finish();

  const Stats& stats() const { return stats_; }
  // Seconds one step's all-reduces take on their own (every bucket launched at once from the
  // current gradients and waited for; the gradients are left alone): what overlap hides part of.
  double timeAllReduce(int repeats = 3);
  // The bucket each parameter is in (tests).
  std::vector<int64_t> bucketOf() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
  Stats stats_;
};

}  // namespace tfs
