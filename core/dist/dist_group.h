#pragma once

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/base/error.h"
#include "core/dist/dist_env.h"

namespace tfs {

// A multi-process job failed: a rank died or timed out, the rendezvous did not complete, or the
// ranks disagree about what they run. Says which rank and what to do.
class DistributedError : public Error {
 public:
  using Error::Error;
};

// A collective launched without waiting (a gradient bucket's all-reduce).
class DistWork {
 public:
  virtual ~DistWork() = default;
  virtual void wait() = 0;  // DistributedError when the collective failed
};

// The process group of a data-parallel job on PyTorch's c10d: rank 0 hosts a TCPStore at
// MASTER_ADDR:MASTER_PORT that every rank joins, and the collectives run on ProcessGroupGloo
// (CPU tensors; loopback or TCP) or ProcessGroupNCCL (CUDA, when this build has it). Every
// collective must be called by all ranks in the same order; each is bounded by the job's
// timeout (DistEnv::timeout, never c10d's 30-minute default).
class DistGroup {
 public:
  // Joins the job (blocks until all ranks arrived or the timeout passed).
  DistGroup(const DistEnv& env, const torch::Device& device);
  ~DistGroup();
  DistGroup(const DistGroup&) = delete;
  DistGroup& operator=(const DistGroup&) = delete;

  int rank() const { return env_.rank; }
  int world() const { return env_.world; }
  const DistEnv& env() const { return env_; }
  const std::string& backend() const { return backend_; }  // "gloo" or "nccl"

  // In place on every rank: rank `root`'s values (tensors of one dtype are sent flattened).
  void broadcast(const std::vector<torch::Tensor>& tensors, int root = 0);
  void allreduceSum(torch::Tensor& t);
  std::unique_ptr<DistWork> allreduceSumAsync(torch::Tensor t);
  // Small host-side sums (loss parts, token counts, flags): one collective for the vector.
  std::vector<double> sum(const std::vector<double>& values);
  void barrier();

  // Rendezvous data through the store (strings of any size): every rank may set; get waits up to
  // `timeout` (the job's timeout when zero) and fails with DistributedError naming the key.
  void set(const std::string& key, const std::string& value);
  std::string get(const std::string& key, std::chrono::milliseconds timeout = {});
  // Every rank's value of `key` (rank order) on rank 0; an empty list on the others.
  std::vector<std::string> gatherToMain(const std::string& key, const std::string& value);

 private:
  [[noreturn]] void fail(const std::string& during, const std::exception& e) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
  DistEnv env_;
  std::string backend_;
};

// The first differing field of two JSON objects, as a dotted path ("train.lr: 0.001 vs 0.002"),
// or "" when they are equal. How ranks started with different configs say what differs.
std::string firstDifference(const nlohmann::json& a, const nlohmann::json& b,
                            const std::string& prefix = "");

// A CRC-32 of this process's executable (/proc/self/exe): ranks must run the same binary.
std::string executableFingerprint();

}  // namespace tfs
