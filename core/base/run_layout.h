#pragma once

#include <nlohmann/json.hpp>

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

// The DONE marker, written last into a checkpoint folder: {"step": N, "files":
// {"model.safetensors":
// {"bytes": B, "crc32": C}, ...}} for every regular file of the folder. Markers written before
// checksums existed hold only the step number; they vouch for no file.
nlohmann::json checkpointMarker(const std::string& folder, int64_t step);
// "" when each file the marker records (only those named in `files`, when given) exists with its
// recorded size and CRC-32; else what is wrong ("model.safetensors has 1204 bytes, the marker
// recorded 14480272").
std::string checkpointDamage(const std::string& folder, const std::vector<std::string>& files = {});
// The newest complete checkpoint that checkpointDamage(folder, files) passes, "" when none; each
// newer damaged one is appended to `damaged` as "FOLDER: reason".
std::string latestIntactCheckpoint(const std::string& checkpointsDir,
                                   std::vector<std::string>* damaged = nullptr,
                                   const std::vector<std::string>& files = {});
// The weights generation uses from a run folder: the newest complete checkpoint's ema.safetensors,
// else its model.safetensors, checked against its DONE marker (only the file read: a shipped
// model keeps the marker but not the training files it lists); "" when there is none. Damaged
// newer checkpoints are skipped and listed in `damaged` (as latestIntactCheckpoint does).
std::string runInferenceWeights(const std::string& runDir,
                                std::vector<std::string>* damaged = nullptr);
// CRC-32 (zlib's) of a file's bytes; IoError when it cannot be read.
uint32_t fileCrc32(const std::string& path);

}  // namespace tfs
