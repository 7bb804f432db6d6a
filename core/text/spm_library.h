#pragma once

#include <string>
#include <vector>

namespace tfs {

// The dlopen'ed SentencePiece shim (libtfs_spm_shim.so) and its functions.
struct SpmLibrary {
  int (*abi)() = nullptr;
  const char* (*version)() = nullptr;
  int (*train)(const char*, char*, int) = nullptr;
  void* (*load)(const char*, char*, int) = nullptr;
  void (*free)(void*) = nullptr;
  int (*size)(void*) = nullptr;
  int (*specialId)(void*, int) = nullptr;
  int (*pieceToId)(void*, const char*) = nullptr;
  int (*idToPiece)(void*, int, char*, int) = nullptr;
  int (*encode)(void*, const char*, size_t, int*, int) = nullptr;
  int (*decode)(void*, const int*, int, char*, int) = nullptr;
  std::string path;

  // Loads the shim once per process. Throws ShimError saying where it looked and how to fix it.
  static const SpmLibrary& get();
  // Loads a shim from an explicit path (no caching); used by get() and by tests of broken shims.
  static SpmLibrary open(const std::string& path);
  // Where get() looks: $TFS_SPM_SHIM, next to the executable, ../lib/transfusion, the build dir.
  static std::vector<std::string> searchPaths();
};

}  // namespace tfs
