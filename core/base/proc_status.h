#pragma once

#include <cstdint>
#include <string>

namespace tfs {

// The value of a "Key:   123 kB" line of a Linux /proc file (/proc/meminfo, /proc/self/status),
// in bytes; -1 when the file or the key is not there (other systems).
int64_t procKilobytesField(const std::string& path, const std::string& key);

}  // namespace tfs
