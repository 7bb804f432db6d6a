// A safetensors file (8-byte length, JSON header, raw tensor bytes): header validation and the
// full read that every checkpoint, VAE and shipped model load goes through.
#include "core/model/safetensors.h"
#include "tests/fuzz/fuzz_target.h"

TFS_FUZZ_TARGET(safetensors) {
  tfs::fuzz::quietLogs();
  const std::string path = tfs::fuzz::writeScratch("weights.safetensors", data, size);
  tfs::fuzz::expectOnlyOurErrors([&] {
    const auto header = tfs::readSafetensorsHeader(path);
    for (const auto& t : header.tensors)
      if (t.begin < 0 || t.end < t.begin || header.dataOffset + t.end > header.fileSize)
        std::abort();  // the header check let an out-of-file range through
  });
  tfs::fuzz::expectOnlyOurErrors([&] {
    std::map<std::string, std::string> meta;
    for (const auto& [name, tensor] : tfs::readSafetensors(path, &meta))
      (void)tensor.sum();  // touches every element that was read
  });
  return 0;
}
