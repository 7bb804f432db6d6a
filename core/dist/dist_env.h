#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace tfs {

// Where this process stands in a data-parallel job, read from the environment the way torchrun
// and Slurm set it. Without any of those variables the process is rank 0 of a world of one and
// nothing about training changes.
//
//   torchrun / `transfusion launch`: RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT
//   Slurm (srun):                    SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID; the address is
//                                    MASTER_ADDR (the sbatch script sets it to the first node of
//                                    $SLURM_JOB_NODELIST), the port MASTER_PORT or 29500
//
// TFS_DIST_TIMEOUT (seconds, default 120) bounds every collective and the rendezvous: a rank that
// died or hangs ends the others' wait with an error after at most that long.
struct DistEnv {
  int rank = 0;
  int world = 1;
  int localRank = 0;
  std::string masterAddr = "127.0.0.1";
  int masterPort = 29500;
  std::string launcher = "none";  // "torchrun" (also `transfusion launch`), "slurm" or "none"
  std::chrono::milliseconds timeout{120000};

  bool distributed() const { return world > 1; }
  bool isMain() const { return rank == 0; }
  std::string describe() const;  // "rank 1 of 2 (local 1, torchrun, 127.0.0.1:29500)"
};

// Reads `env` (the process environment when empty). UsageError naming the variable when one is
// malformed or out of range (RANK ≥ WORLD_SIZE, a port outside 1–65535, ...).
DistEnv distEnvFromEnvironment(const std::map<std::string, std::string>& env = {});

// The variables a launcher sets for rank `rank` of `world` (what torchrun sets).
std::map<std::string, std::string> torchrunEnvironment(int rank, int world, int localRank,
                                                       const std::string& addr, int port);

}  // namespace tfs
