// A tokenizer.model (SentencePiece's protobuf) loaded through the shim as every run loads it, then
// used: encode, decode, pieces. (SentencePiece itself is Debian's uninstrumented binary: crashes in
// it are caught, coverage guidance reaches only our side of the shim.)
#include "core/text/tokenizer.h"
#include "tests/fuzz/fuzz_target.h"

TFS_FUZZ_TARGET(tokenizer_model) {
  tfs::fuzz::quietLogs();
  const std::string path = tfs::fuzz::writeScratch("tokenizer.model", data, size);
  tfs::fuzz::expectOnlyOurErrors([&] {
    const auto tok = tfs::Tokenizer::load(path);
    const auto ids = tok.encode("a photo of a bag, 가방 と 包");
    for (auto id : ids)
      if (id < 0 || id >= tok.vocabSize()) std::abort();
    (void)tok.decode(ids);
    for (int64_t id = 0; id < std::min<int64_t>(tok.vocabSize(), 64); ++id) (void)tok.piece(id);
  });
  return 0;
}
