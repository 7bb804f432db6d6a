#include "core/text/spm_library.h"

#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "core/base/error.h"
#include "core/text/spm_shim/spm_shim.h"

namespace tfs {

namespace fs = std::filesystem;
static constexpr const char* kShimName = "libtfs_spm_shim.so";

std::vector<std::string> SpmLibrary::searchPaths() {
  std::vector<std::string> out;
  if (const char* env = std::getenv("TFS_SPM_SHIM"); env && *env) {
    out.emplace_back(env);
    return out;  // an explicit choice is never silently replaced by another copy
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    out.push_back((exe.parent_path() / kShimName).string());
    out.push_back((exe.parent_path().parent_path() / "lib" / "transfusion" / kShimName).string());
  }
  out.push_back(std::string(TFS_SHIM_BUILD_DIR) + "/" + kShimName);
  out.push_back(std::string(TFS_SHIM_INSTALL_DIR) + "/" + kShimName);
  return out;
}

template <typename F>
static void bind(void* h, const std::string& path, const char* name, F& fn) {
  dlerror();
  void* sym = dlsym(h, name);
  if (!sym) {
    throw ShimError("'" + path + "' is not a Transfusion SentencePiece shim (missing symbol " +
                    name +
                    "): rebuild it with scripts/setup.sh or point TFS_SPM_SHIM at a good copy");
  }
  fn = reinterpret_cast<F>(sym);
}

SpmLibrary SpmLibrary::open(const std::string& path) {
#if defined(__SANITIZE_ADDRESS__) || defined(TFS_SANITIZER_BUILD)
  // AddressSanitizer refuses RTLD_DEEPBIND; a link namespace of its own isolates the shim's
  // protobuf-lite just as well (its C ABI passes no memory across: callers own every buffer).
  void* h = dlmopen(LM_ID_NEWLM, path.c_str(), RTLD_NOW | RTLD_LOCAL);
#else
  // DEEPBIND keeps the shim's protobuf-lite bound to itself, away from LibTorch's libprotobuf.
  void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
#endif
  if (!h) {
    const char* why = dlerror();
    throw ShimError("cannot load the SentencePiece shim '" + path +
                    "': " + (why ? why : "unknown error") +
                    ". Install libsentencepiece0 (scripts/setup.sh does) or rebuild the project");
  }
  SpmLibrary lib;
  lib.path = path;
  bind(h, path, "tfs_spm_abi", lib.abi);
  bind(h, path, "tfs_spm_version", lib.version);
  bind(h, path, "tfs_spm_train", lib.train);
  bind(h, path, "tfs_spm_load", lib.load);
  bind(h, path, "tfs_spm_free", lib.free);
  bind(h, path, "tfs_spm_size", lib.size);
  bind(h, path, "tfs_spm_special_id", lib.specialId);
  bind(h, path, "tfs_spm_piece_to_id", lib.pieceToId);
  bind(h, path, "tfs_spm_id_to_piece", lib.idToPiece);
  bind(h, path, "tfs_spm_encode", lib.encode);
  bind(h, path, "tfs_spm_decode", lib.decode);
  if (lib.abi() != TFS_SPM_ABI) {
    throw ShimError("the SentencePiece shim '" + path + "' has ABI " + std::to_string(lib.abi()) +
                    ", this build expects " + std::to_string(TFS_SPM_ABI) +
                    ": rebuild the project");
  }
  return lib;
}

const SpmLibrary& SpmLibrary::get() {
  static std::mutex mu;
  static std::unique_ptr<SpmLibrary> cached;
  std::lock_guard<std::mutex> lock(mu);
  if (cached) return *cached;
  auto paths = searchPaths();
  std::string looked;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::exists(p, ec)) {
      cached = std::make_unique<SpmLibrary>(open(p));
      return *cached;
    }
    looked += (looked.empty() ? "" : ", ") + p;
  }
  throw ShimError(std::string("SentencePiece shim ") + kShimName +
                  " not found (looked in: " + looked +
                  "). Build the project with scripts/setup.sh or set TFS_SPM_SHIM to its path");
}

}  // namespace tfs
