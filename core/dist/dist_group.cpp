#include "core/dist/dist_group.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef USE_C10D_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#include <spdlog/spdlog.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace tfs {

namespace {

// c10d's messages carry a C++ backtrace after the first line; the first line says what happened.
std::string firstLine(const std::string& s) {
  const auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

bool isLoopback(const std::string& addr) {
  return addr == "127.0.0.1" || addr == "localhost" || addr == "::1";
}

// c10d works on one backend type: our group is the Gloo or NCCL group itself.
#if TORCH_VERSION_MAJOR >= 2
using PgBase = c10d::Backend;
#else
using PgBase = c10d::ProcessGroup;
#endif

class C10dWork : public DistWork {
 public:
  C10dWork(c10::intrusive_ptr<c10d::Work> w, torch::Tensor keep, std::chrono::milliseconds timeout,
           const DistGroup* group, std::function<void(const std::exception&)> onError)
      : work_(std::move(w)),
        keep_(std::move(keep)),
        timeout_(timeout),
        onError_(std::move(onError)) {
    (void)group;
  }
  void wait() override {
    try {
      work_->wait(timeout_);
    } catch (const std::exception& e) {
      onError_(e);
    }
  }

 private:
  c10::intrusive_ptr<c10d::Work> work_;
  torch::Tensor keep_;  // the buffer the collective writes into stays alive until it is done
  std::chrono::milliseconds timeout_;
  std::function<void(const std::exception&)> onError_;
};

}  // namespace

struct DistGroup::Impl {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<PgBase> pg;
  torch::Device device{torch::kCPU};  // where the group's tensors live (CUDA for NCCL)
};

DistGroup::DistGroup(const DistEnv& env, const torch::Device& device)
    : impl_(std::make_unique<Impl>()), env_(env) {
  const std::string where = env_.masterAddr + ":" + std::to_string(env_.masterPort);
  try {
    c10d::TCPStoreOptions so;
    so.port = static_cast<std::uint16_t>(env_.masterPort);
    so.isServer = env_.rank == 0;
    so.numWorkers = static_cast<std::size_t>(env_.world);
    so.waitWorkers = true;
    so.timeout = env_.timeout;
    auto tcp = c10::make_intrusive<c10d::TCPStore>(env_.masterAddr, so);
    impl_->store = c10::make_intrusive<c10d::PrefixStore>("tfs", tcp);
  } catch (const std::exception& e) {
    const std::string what = firstLine(e.what());
    throw DistributedError(
        "rank " + std::to_string(env_.rank) + " of " + std::to_string(env_.world) +
        " could not join the job's store at " + where + " within " +
        std::to_string(env_.timeout.count() / 1000) + " s (" + what + "). " +
        (env_.rank == 0
             ? "Is the port in use by another job? Pick another MASTER_PORT."
             : "Is rank 0 running, and MASTER_ADDR/MASTER_PORT the same for all ranks?"));
  }
  try {
#ifdef USE_C10D_NCCL
    if (device.is_cuda()) {
      auto opts = c10d::ProcessGroupNCCL::Options::create();
      opts->timeout = env_.timeout;
      impl_->pg =
          c10::make_intrusive<c10d::ProcessGroupNCCL>(impl_->store, env_.rank, env_.world, opts);
      impl_->device = device;
      backend_ = "nccl";
    }
#endif
    if (!impl_->pg) {
      if (device.is_cuda())
        spdlog::warn("this build has no NCCL: the CUDA job reduces gradients through Gloo");
      auto opts = c10d::ProcessGroupGloo::Options::create(env_.timeout);
      const char* ifname = std::getenv("GLOO_SOCKET_IFNAME");
      if (ifname && *ifname)
        opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
      else if (isLoopback(env_.masterAddr))
        opts->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
      else
        opts->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
      opts->threads = 2;
      impl_->pg =
          c10::make_intrusive<c10d::ProcessGroupGloo>(impl_->store, env_.rank, env_.world, opts);
      backend_ = "gloo";
    }
  } catch (const std::exception& e) {
    fail("the rendezvous", e);
  }
  spdlog::info("joined the job as {} on {}", env_.describe(), backend_);
}

DistGroup::~DistGroup() = default;

void DistGroup::fail(const std::string& during, const std::exception& e) const {
  throw DistributedError(
      "the multi-process job failed during " + during + " on rank " + std::to_string(env_.rank) +
      " of " + std::to_string(env_.world) + ": " + firstLine(e.what()) +
      ". Another rank probably died or stopped answering (every collective waits at most " +
      std::to_string(env_.timeout.count() / 1000) +
      " s, TFS_DIST_TIMEOUT); its log says why. The last complete checkpoint is intact: resume "
      "the run once the cause is fixed.");
}

void DistGroup::broadcast(const std::vector<torch::Tensor>& tensors, int root) {
  // One collective per dtype: the tensors flattened into one buffer.
  std::map<c10::ScalarType, std::vector<torch::Tensor>> byType;
  for (const auto& t : tensors)
    if (t.defined() && t.numel() > 0) byType[t.scalar_type()].push_back(t);
  torch::NoGradGuard ng;
  for (auto& [type, ts] : byType) {
    std::vector<torch::Tensor> flat;
    for (const auto& t : ts) flat.push_back(t.detach().reshape(-1).to(impl_->device));
    std::vector<torch::Tensor> buf{torch::cat(flat)};
    try {
      c10d::BroadcastOptions o;
      o.rootRank = root;
      o.timeout = env_.timeout;
      impl_->pg->broadcast(buf, o)->wait(env_.timeout);
    } catch (const std::exception& e) {
      fail("the broadcast of the weights", e);
    }
    int64_t at = 0;
    for (auto& t : ts) {
      const int64_t n = t.numel();
      t.detach().copy_(buf[0].narrow(0, at, n).view(t.sizes()));
      at += n;
    }
  }
}

void DistGroup::allreduceSum(torch::Tensor& t) {
  allreduceSumAsync(t)->wait();
}

std::unique_ptr<DistWork> DistGroup::allreduceSumAsync(torch::Tensor t) {
  std::vector<torch::Tensor> ts{t};
  c10d::AllreduceOptions o;
  o.reduceOp = c10d::ReduceOp::SUM;
  o.timeout = env_.timeout;
  c10::intrusive_ptr<c10d::Work> w;
  try {
    w = impl_->pg->allreduce(ts, o);
  } catch (const std::exception& e) {
    fail("a gradient all-reduce", e);
  }
  return std::make_unique<C10dWork>(std::move(w), t, env_.timeout, this,
                                    [this](const std::exception& e) { fail("an all-reduce", e); });
}

std::vector<double> DistGroup::sum(const std::vector<double>& values) {
  auto t = torch::tensor(values, torch::kFloat64).to(impl_->device);
  allreduceSum(t);
  t = t.cpu();
  return std::vector<double>(t.data_ptr<double>(), t.data_ptr<double>() + t.numel());
}

void DistGroup::barrier() {
  try {
    c10d::BarrierOptions o;
    o.timeout = env_.timeout;
    impl_->pg->barrier(o)->wait(env_.timeout);
  } catch (const std::exception& e) {
    fail("a barrier", e);
  }
}

void DistGroup::set(const std::string& key, const std::string& value) {
  try {
    impl_->store->set(key, std::vector<uint8_t>(value.begin(), value.end()));
  } catch (const std::exception& e) {
    fail("writing \"" + key + "\" to the job's store", e);
  }
}

std::string DistGroup::get(const std::string& key, std::chrono::milliseconds timeout) {
  try {
    impl_->store->wait({key}, timeout.count() > 0 ? timeout : env_.timeout);
    const auto v = impl_->store->get(key);
    return std::string(v.begin(), v.end());
  } catch (const std::exception& e) {
    fail("waiting for \"" + key + "\" in the job's store", e);
  }
}

std::vector<std::string> DistGroup::gatherToMain(const std::string& key, const std::string& value) {
  set(key + "/" + std::to_string(env_.rank), value);
  std::vector<std::string> all;
  if (env_.rank != 0) return all;
  for (int r = 0; r < env_.world; ++r) {
    all.push_back(get(key + "/" + std::to_string(r)));
    if (r > 0) impl_->store->deleteKey(key + "/" + std::to_string(r));
  }
  impl_->store->deleteKey(key + "/0");
  return all;
}

std::string firstDifference(const nlohmann::json& a, const nlohmann::json& b,
                            const std::string& prefix) {
  if (a.is_object() && b.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      const std::string path = prefix.empty() ? it.key() : prefix + "." + it.key();
      if (!b.contains(it.key())) return path + ": " + it.value().dump() + " vs (missing)";
      if (auto d = firstDifference(it.value(), b.at(it.key()), path); !d.empty()) return d;
    }
    for (auto it = b.begin(); it != b.end(); ++it)
      if (!a.contains(it.key()))
        return (prefix.empty() ? it.key() : prefix + "." + it.key()) + ": (missing) vs " +
               it.value().dump();
    return "";
  }
  if (a != b)
    return (prefix.empty() ? std::string("value") : prefix) + ": " + a.dump() + " vs " + b.dump();
  return "";
}

std::string executableFingerprint() {
  std::ifstream in("/proc/self/exe", std::ios::binary);
  if (!in) return "unknown";
  uLong crc = crc32(0L, Z_NULL, 0);
  std::vector<char> buf(1 << 20);
  int64_t size = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = in.gcount();
    if (n <= 0) break;
    crc = crc32(crc, reinterpret_cast<const Bytef*>(buf.data()), static_cast<uInt>(n));
    size += n;
  }
  char out[40];
  std::snprintf(out, sizeof out, "%08lx-%lld", static_cast<unsigned long>(crc),
                static_cast<long long>(size));
  return out;
}

}  // namespace tfs
