#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tfs {

// The checkpoint rule of a run folder, in one place for the writer (core/train) and every reader
// (core/generate, the studio): checkpoints/step-NNNNNNN/ folders, complete once they hold a DONE
// marker. The folders with DONE are the truth; `checkpoints/latest` is a convenience the writer
// keeps for people and scripts, never trusted over them.

// "step-0000100"
std::string checkpointName(int64_t step);
// Parses "step-NNNNNNN"; -1 when the name is not a checkpoint folder.
int64_t checkpointStep(const std::string& name);
// Complete checkpoints (folder with DONE) under checkpointsDir, oldest first (by step).
std::vector<std::string> completeCheckpoints(const std::string& checkpointsDir);
// The newest complete checkpoint folder, "" when none. Half-written folders are ignored.
std::string latestCheckpoint(const std::string& checkpointsDir);

}  // namespace tfs
