#include "core/text/spm_shim/spm_shim.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#define TFS_EXPORT extern "C" __attribute__((visibility("default")))

namespace {
void copyError(const std::string& msg, char* err, int errlen) {
  if (!err || errlen <= 0) return;
  std::strncpy(err, msg.c_str(), static_cast<size_t>(errlen) - 1);
  err[errlen - 1] = '\0';
}

// No C++ exception may cross this C ABI (it would terminate the caller): SentencePiece throws
// from inside Load for some damaged models (darts_clone: "zero-length key", found by tests/fuzz).
template <typename R, typename F>
R guarded(R onError, char* err, int errlen, F&& f) {
  try {
    return f();
  } catch (const std::exception& e) {
    copyError(std::string("SentencePiece failed: ") + e.what(), err, errlen);
  } catch (...) {
    copyError("SentencePiece failed with an unknown exception", err, errlen);
  }
  return onError;
}
}  // namespace

TFS_EXPORT int tfs_spm_abi(void) {
  return TFS_SPM_ABI;
}

TFS_EXPORT const char* tfs_spm_version(void) {
  return TFS_SPM_VERSION;
}

TFS_EXPORT int tfs_spm_train(const char* kwargs, char* err, int errlen) {
  return guarded(1, err, errlen, [&] {
    std::unordered_map<std::string, std::string> map;
    std::istringstream in(kwargs ? kwargs : "");
    std::string line;
    while (std::getline(in, line)) {
      auto eq = line.find('=');
      if (eq == std::string::npos) continue;
      map[line.substr(0, eq)] = line.substr(eq + 1);
    }
    auto status = sentencepiece::SentencePieceTrainer::Train(map);
    if (!status.ok()) {
      copyError(status.ToString(), err, errlen);
      return 1;
    }
    return 0;
  });
}

TFS_EXPORT void* tfs_spm_load(const char* path, char* err, int errlen) {
  return guarded<void*>(nullptr, err, errlen, [&]() -> void* {
    auto sp = std::make_unique<sentencepiece::SentencePieceProcessor>();
    auto status = sp->Load(path);
    if (!status.ok()) {
      copyError(status.ToString(), err, errlen);
      return nullptr;
    }
    return sp.release();
  });
}

TFS_EXPORT void tfs_spm_free(void* handle) {
  delete static_cast<sentencepiece::SentencePieceProcessor*>(handle);
}

TFS_EXPORT int tfs_spm_size(void* handle) {
  return static_cast<sentencepiece::SentencePieceProcessor*>(handle)->GetPieceSize();
}

TFS_EXPORT int tfs_spm_special_id(void* handle, int which) {
  auto* sp = static_cast<sentencepiece::SentencePieceProcessor*>(handle);
  switch (which) {
    case 0:
      return sp->unk_id();
    case 1:
      return sp->bos_id();
    case 2:
      return sp->eos_id();
    case 3:
      return sp->pad_id();
    default:
      return -1;
  }
}

TFS_EXPORT int tfs_spm_piece_to_id(void* handle, const char* piece) {
  return guarded(-1, nullptr, 0, [&] {
    auto* sp = static_cast<sentencepiece::SentencePieceProcessor*>(handle);
    int id = sp->PieceToId(piece);
    // PieceToId answers unk for unknown pieces; tell them apart.
    if (id == sp->unk_id() && sp->IdToPiece(id) != piece) return -1;
    return id;
  });
}

TFS_EXPORT int tfs_spm_id_to_piece(void* handle, int id, char* out, int cap) {
  return guarded(-1, nullptr, 0, [&] {
    auto* sp = static_cast<sentencepiece::SentencePieceProcessor*>(handle);
    if (id < 0 || id >= sp->GetPieceSize()) return -1;
    const std::string& p = sp->IdToPiece(id);
    if (out && cap > 0 && !p.empty())
      std::memcpy(out, p.data(), std::min<size_t>(p.size(), static_cast<size_t>(cap)));
    return static_cast<int>(p.size());
  });
}

TFS_EXPORT int tfs_spm_encode(void* handle, const char* text, size_t len, int* out, int cap) {
  return guarded(-1, nullptr, 0, [&] {
    auto* sp = static_cast<sentencepiece::SentencePieceProcessor*>(handle);
    std::vector<int> ids;
    if (!sp->Encode(std::string(text, len), &ids).ok()) return -1;
    if (out && !ids.empty())
      std::memcpy(out, ids.data(),
                  sizeof(int) * std::min<size_t>(ids.size(), static_cast<size_t>(cap)));
    return static_cast<int>(ids.size());
  });
}

TFS_EXPORT int tfs_spm_decode(void* handle, const int* ids, int n, char* out, int cap) {
  return guarded(-1, nullptr, 0, [&] {
    auto* sp = static_cast<sentencepiece::SentencePieceProcessor*>(handle);
    std::string text;
    if (!sp->Decode(std::vector<int>(ids, ids + n), &text).ok()) return -1;
    if (out && cap > 0 && !text.empty())
      std::memcpy(out, text.data(), std::min<size_t>(text.size(), static_cast<size_t>(cap)));
    return static_cast<int>(text.size());
  });
}
