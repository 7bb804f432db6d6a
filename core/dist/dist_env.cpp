#include "core/dist/dist_env.h"

#include <cstdlib>
#include <optional>

#include "core/base/error.h"

namespace tfs {

namespace {

std::optional<std::string> lookup(const std::map<std::string, std::string>& env,
                                  const std::string& name) {
  if (!env.empty()) {
    const auto it = env.find(name);
    if (it == env.end() || it->second.empty()) return std::nullopt;
    return it->second;
  }
  const char* v = std::getenv(name.c_str());
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

int64_t integer(const std::string& name, const std::string& value, int64_t low, int64_t high) {
  size_t used = 0;
  int64_t v = 0;
  try {
    v = std::stoll(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value.size() || v < low || v > high)
    throw UsageError("the environment variable " + name + "=\"" + value +
                     "\" is not a whole number in " + std::to_string(low) + "–" +
                     std::to_string(high) + " (it says where this process stands in a " +
                     "multi-process job; unset it to train as one process)");
  return v;
}

}  // namespace

std::string DistEnv::describe() const {
  return "rank " + std::to_string(rank) + " of " + std::to_string(world) + " (local " +
         std::to_string(localRank) + ", " + launcher + ", " + masterAddr + ":" +
         std::to_string(masterPort) + ")";
}

DistEnv distEnvFromEnvironment(const std::map<std::string, std::string>& env) {
  DistEnv d;
  const auto rank = lookup(env, "RANK"), world = lookup(env, "WORLD_SIZE");
  const auto slurmRank = lookup(env, "SLURM_PROCID"), slurmWorld = lookup(env, "SLURM_NTASKS");
  if (rank || world) {
    if (!rank || !world)
      throw UsageError(std::string("the environment sets ") + (rank ? "RANK" : "WORLD_SIZE") +
                       " but not " + (rank ? "WORLD_SIZE" : "RANK") +
                       ": a multi-process job needs both (torchrun sets them); unset it to train "
                       "as one process");
    d.launcher = "torchrun";
    d.world = static_cast<int>(integer("WORLD_SIZE", *world, 1, 1 << 20));
    d.rank = static_cast<int>(integer("RANK", *rank, 0, d.world - 1));
    const auto local = lookup(env, "LOCAL_RANK");
    d.localRank = local ? static_cast<int>(integer("LOCAL_RANK", *local, 0, d.world - 1)) : 0;
  } else if (slurmRank && slurmWorld) {
    d.launcher = "slurm";
    d.world = static_cast<int>(integer("SLURM_NTASKS", *slurmWorld, 1, 1 << 20));
    d.rank = static_cast<int>(integer("SLURM_PROCID", *slurmRank, 0, d.world - 1));
    const auto local = lookup(env, "SLURM_LOCALID");
    d.localRank = local ? static_cast<int>(integer("SLURM_LOCALID", *local, 0, d.world - 1)) : 0;
  } else {
    return d;
  }
  if (const auto addr = lookup(env, "MASTER_ADDR")) {
    d.masterAddr = *addr;
  } else if (d.world > 1 && d.launcher == "slurm") {
    throw UsageError(
        "a Slurm job of " + std::to_string(d.world) +
        " tasks needs MASTER_ADDR: set it in the sbatch script to the first node, e.g. "
        "export MASTER_ADDR=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n 1)");
  }
  if (const auto port = lookup(env, "MASTER_PORT"))
    d.masterPort = static_cast<int>(integer("MASTER_PORT", *port, 1, 65535));
  if (const auto t = lookup(env, "TFS_DIST_TIMEOUT"))
    d.timeout = std::chrono::milliseconds(integer("TFS_DIST_TIMEOUT", *t, 1, 86400) * 1000);
  return d;
}

std::map<std::string, std::string> torchrunEnvironment(int rank, int world, int localRank,
                                                       const std::string& addr, int port) {
  return {{"RANK", std::to_string(rank)},
          {"WORLD_SIZE", std::to_string(world)},
          {"LOCAL_RANK", std::to_string(localRank)},
          {"LOCAL_WORLD_SIZE", std::to_string(world)},
          {"MASTER_ADDR", addr},
          {"MASTER_PORT", std::to_string(port)}};
}

}  // namespace tfs
