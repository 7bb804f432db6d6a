#include "core/base/proc_status.h"

#include <fstream>
#include <sstream>

namespace tfs {

int64_t procKilobytesField(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  const std::string prefix = key + ":";
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::istringstream s(line.substr(prefix.size()));
    int64_t kb = 0;
    s >> kb;
    return kb * 1024;
  }
  return -1;
}

}  // namespace tfs
