#include "core/dist/grad_reducer.h"

#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/utils/lambda_post_hook.h>
#include <torch/csrc/autograd/variable.h>

#include <mutex>

namespace tfs {

struct GradReducer::State {
  struct Bucket {
    std::vector<size_t> params;  // indices into State::params
    std::vector<int64_t> offsets;
    int64_t numel = 0;  // gradient values; the flags follow
    c10::ScalarType type = torch::kFloat;
    torch::Device device{torch::kCPU};
    size_t ready = 0;
    bool launched = false;
    torch::Tensor buffer;
    std::unique_ptr<DistWork> work;
  };
  DistGroup* group = nullptr;
  std::vector<torch::Tensor> params;
  std::vector<std::shared_ptr<torch::autograd::Node>> accumulators;  // kept alive: hooks live there
  std::vector<size_t> bucketOf;
  std::vector<bool> seen;  // this step
  std::vector<Bucket> buckets;
  size_t next = 0;  // the next bucket to launch
  bool sync = false, overlap = true, inBackward = false;
  int64_t launchedInBackward = 0;
  std::mutex mutex;  // hooks may run on autograd's device threads

  void launch(Bucket& b) {
    std::vector<torch::Tensor> parts;
    torch::NoGradGuard ng;
    auto flags = torch::zeros({static_cast<int64_t>(b.params.size())},
                              torch::TensorOptions().dtype(b.type).device(b.device));
    for (size_t k = 0; k < b.params.size(); ++k) {
      const auto& p = params[b.params[k]];
      const auto& g = p.grad();
      if (g.defined()) {
        parts.push_back(g.detach().reshape(-1).to(b.type));
        flags[static_cast<int64_t>(k)] = 1;
      } else {
        parts.push_back(
            torch::zeros({p.numel()}, torch::TensorOptions().dtype(b.type).device(b.device)));
      }
    }
    parts.push_back(flags);
    b.buffer = torch::cat(parts);
    b.work = group->allreduceSumAsync(b.buffer);
    b.launched = true;
    if (inBackward) ++launchedInBackward;
  }

  void launchReady() {
    while (next < buckets.size() && buckets[next].ready == buckets[next].params.size()) {
      launch(buckets[next]);
      ++next;
    }
  }

  void onGradReady(size_t i) {
    std::lock_guard<std::mutex> lock(mutex);
    if (!sync || seen[i]) return;
    seen[i] = true;
    auto& b = buckets[bucketOf[i]];
    ++b.ready;
    if (overlap) launchReady();
  }
};

GradReducer::GradReducer(DistGroup& group, std::vector<torch::Tensor> params, int64_t bucketBytes,
                         bool overlap)
    : state_(std::make_shared<State>()) {
  auto& s = *state_;
  s.group = &group;
  s.params = std::move(params);
  s.overlap = overlap;
  s.bucketOf.assign(s.params.size(), 0);
  s.seen.assign(s.params.size(), false);
  // Reverse registration order: the output layers' gradients come first in backward.
  for (size_t r = s.params.size(); r-- > 0;) {
    const auto& p = s.params[r];
    const int64_t bytes = p.numel() * static_cast<int64_t>(p.element_size());
    const bool fresh = s.buckets.empty() || s.buckets.back().type != p.scalar_type() ||
                       s.buckets.back().device != p.device() ||
                       (s.buckets.back().numel * int64_t(p.element_size()) + bytes > bucketBytes &&
                        !s.buckets.back().params.empty());
    if (fresh) {
      State::Bucket b;
      b.type = p.scalar_type();
      b.device = p.device();
      s.buckets.push_back(std::move(b));
    }
    auto& b = s.buckets.back();
    b.offsets.push_back(b.numel);
    b.params.push_back(r);
    b.numel += p.numel();
    s.bucketOf[r] = s.buckets.size() - 1;
    stats_.bytes += bytes;
  }
  stats_.buckets = static_cast<int64_t>(s.buckets.size());
  // The hook fires after the gradient was accumulated into .grad (DDP hooks the same node).
  std::weak_ptr<State> weak = state_;
  for (size_t i = 0; i < s.params.size(); ++i) {
    auto acc = torch::autograd::impl::grad_accumulator(s.params[i]);
    acc->add_post_hook(std::make_unique<torch::autograd::utils::LambdaPostHook>(
        [weak, i](const torch::autograd::variable_list& outputs,
                  const torch::autograd::variable_list&) {
          if (auto st = weak.lock()) st->onGradReady(i);
          return outputs;
        }));
    s.accumulators.push_back(std::move(acc));
  }
}

GradReducer::~GradReducer() = default;

void GradReducer::prepare(bool sync) {
  auto& s = *state_;
  std::lock_guard<std::mutex> lock(s.mutex);
  s.sync = sync;
  s.inBackward = true;
  if (sync) {
    std::fill(s.seen.begin(), s.seen.end(), false);
    for (auto& b : s.buckets) {
      b.ready = 0;
      b.launched = false;
      b.work.reset();
      b.buffer = torch::Tensor();
    }
    s.next = 0;
    s.launchedInBackward = 0;
  }
}

void GradReducer::finish() {
  auto& s = *state_;
  const auto t0 = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    if (!s.sync) {  // finish without a synced backward (this rank skipped it): reduce anyway
      std::fill(s.seen.begin(), s.seen.end(), false);
      for (auto& b : s.buckets) b.launched = false;
      s.next = 0;
      s.launchedInBackward = 0;
    }
    s.inBackward = false;
    stats_.launchedInBackward = s.launchedInBackward;
    for (; s.next < s.buckets.size(); ++s.next) s.launch(s.buckets[s.next]);
    s.sync = false;
  }
  torch::NoGradGuard ng;
  for (auto& b : s.buckets) {
    b.work->wait();
    const auto flags = b.buffer.narrow(0, b.numel, static_cast<int64_t>(b.params.size())).cpu();
    for (size_t k = 0; k < b.params.size(); ++k) {
      auto& p = s.params[b.params[k]];
      if (flags[static_cast<int64_t>(k)].item<double>() <= 0) {
        p.mutable_grad() = torch::Tensor();  // no rank had one: as in one process
        continue;
      }
      auto sum = b.buffer.narrow(0, b.offsets[k], p.numel()).view(p.sizes());
      if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
      p.mutable_grad().copy_(sum);
    }
    b.work.reset();
    b.buffer = torch::Tensor();
  }
  stats_.exposedSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double GradReducer::timeAllReduce(int repeats) {
  auto& s = *state_;
  torch::NoGradGuard ng;
  double best = 1e30;
  for (int r = 0; r < std::max(1, repeats); ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    for (auto& b : s.buckets) s.launch(b);
    for (auto& b : s.buckets) {
      b.work->wait();
      b.work.reset();
      b.buffer = torch::Tensor();
    }
    best = std::min(best,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

std::vector<int64_t> GradReducer::bucketOf() const {
  return {state_->bucketOf.begin(), state_->bucketOf.end()};
}

}  // namespace tfs
