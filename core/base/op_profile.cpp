#include "core/base/op_profile.h"

#include <torch/csrc/autograd/profiler_legacy.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>

namespace tfs {

namespace {

namespace prof = torch::autograd::profiler;

double nowMs() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

double OpProfile::selfMsSum() const {
  double s = 0;
  for (const auto& o : ops) s += o.selfMs;
  return s;
}

OpProfiler::OpProfiler() {
  prof::enableProfilerLegacy(
      torch::profiler::impl::ProfilerConfig(torch::profiler::impl::ProfilerState::CPU));
  on_ = true;
  startMs_ = nowMs();
}

OpProfiler::~OpProfiler() {
  if (on_) {
    try {
      prof::disableProfilerLegacy();
    } catch (...) {
    }
  }
}

OpProfile OpProfiler::stop() {
  OpProfile out;
  if (!on_) return out;
  on_ = false;
  out.wallMs = nowMs() - startMs_;
  const auto lists = prof::disableProfilerLegacy();
  std::map<std::string, OpStat> byName;
  struct Open {
    const prof::LegacyEvent* push;
    double childUs = 0;
  };
  for (const auto& events : lists) {
    // Pushes and pops of one thread nest; a pop names its push by handle.
    std::vector<Open> stack;
    std::unordered_map<uint64_t, size_t> depthOf;
    for (const auto& e : events) {
      if (e.kind() == prof::EventKind::PushRange) {
        depthOf[e.handle()] = stack.size();
        stack.push_back({&e});
      } else if (e.kind() == prof::EventKind::PopRange) {
        auto it = depthOf.find(e.handle());
        if (it == depthOf.end() || it->second >= stack.size()) continue;
        // Unwind to the matching push (unbalanced inner ranges end with it).
        while (stack.size() > it->second + 1) stack.pop_back();
        const Open open = stack.back();
        stack.pop_back();
        depthOf.erase(it);
        const double totalUs = open.push->cpuElapsedUs(e);
        auto& s = byName[open.push->name()];
        s.name = open.push->name();
        ++s.calls;
        s.totalMs += totalUs / 1e3;
        s.selfMs += std::max(0.0, totalUs - open.childUs) / 1e3;
        if (!stack.empty()) stack.back().childUs += totalUs;
      }
    }
  }
  for (auto& kv : byName) out.ops.push_back(std::move(kv.second));
  std::sort(out.ops.begin(), out.ops.end(),
            [](const OpStat& a, const OpStat& b) { return a.selfMs > b.selfMs; });
  return out;
}

}  // namespace tfs
