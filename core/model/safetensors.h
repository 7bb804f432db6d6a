#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tfs {

// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
// header length N, N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]},
// "__metadata__": {string: string}}, then raw little-endian tensor bytes (offsets relative to the
// end of the header). Our writer emits compact JSON with sorted keys, tensors in name order packed
// back to back, and the header padded with spaces to a multiple of 8, so output is byte-stable.

struct SafetensorsEntry {
  std::string name;
  std::string dtype;  // "F32", "BF16", ...
  std::vector<int64_t> shape;
  int64_t begin = 0, end = 0;  // byte offsets into the data section
};

struct SafetensorsHeader {
  std::vector<SafetensorsEntry> tensors;  // in name order
  std::map<std::string, std::string> metadata;
  int64_t dataOffset = 0;  // file offset of the data section (8 + header length)
  int64_t fileSize = 0;
};

// Reads and validates only the header (cheap for a multi-GB file). Throws CheckpointError naming
// the file, the tensor and the problem; IoError when the file cannot be opened.
SafetensorsHeader readSafetensorsHeader(const std::string& path);

// Reads every tensor onto the CPU in its stored dtype. meta (if given) receives __metadata__.
std::map<std::string, torch::Tensor> readSafetensors(
    const std::string& path, std::map<std::string, std::string>* meta = nullptr);

// Writes atomically (tmp file in the same folder → fsync → rename → fsync folder). Tensors may live
// on any device and be non-contiguous. Throws IoError (with the path) on a short write or full
// disk, CheckpointError for a dtype safetensors cannot hold.
void writeSafetensors(const std::map<std::string, torch::Tensor>& tensors, const std::string& path,
                      const std::map<std::string, std::string>& meta = {});

// "F32" ↔ torch::kFloat32, ...; throws CheckpointError for an unsupported one.
torch::Dtype safetensorsDtype(const std::string& name);
std::string safetensorsDtypeName(torch::Dtype dtype);
int64_t safetensorsItemSize(const std::string& name);

}  // namespace tfs
