#pragma once
// The C ABI of libtfs_spm_shim.so, the only binary that links SentencePiece (docs/ARCHITECTURE.md:
// SentencePiece and LibTorch each bring a protobuf). Core loads it with dlopen(RTLD_LOCAL |
// RTLD_DEEPBIND) and never sees SentencePiece's protobuf.
#include <stddef.h>

#define TFS_SPM_ABI 1

#ifdef __cplusplus
extern "C" {
#endif

int tfs_spm_abi(void);
const char* tfs_spm_version(void);
// kwargs: "key=value" lines (SentencePieceTrainer's flags without the dashes). 0 on success.
int tfs_spm_train(const char* kwargs, char* err, int errlen);
void* tfs_spm_load(const char* path, char* err, int errlen);
void tfs_spm_free(void* handle);
int tfs_spm_size(void* handle);
// which: 0 unk, 1 bos, 2 eos, 3 pad. -1 when the model has none.
int tfs_spm_special_id(void* handle, int which);
int tfs_spm_piece_to_id(void* handle, const char* piece);
// Returns the piece's length; writes at most cap bytes (no terminator needed by the caller).
int tfs_spm_id_to_piece(void* handle, int id, char* out, int cap);
// Returns the number of ids (may exceed cap: call again with a bigger buffer), -1 on error.
int tfs_spm_encode(void* handle, const char* text, size_t len, int* out, int cap);
// Returns the text's length (may exceed cap), -1 on error.
int tfs_spm_decode(void* handle, const int* ids, int n, char* out, int cap);

#ifdef __cplusplus
}
#endif
