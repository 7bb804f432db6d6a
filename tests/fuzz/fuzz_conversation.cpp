// A saved conversation (the one format of `chat --load` and the studio; version 2 trees, version 1
// lists, the studio's former files). What loads must save and load back to the same tree.
#include "core/data/conversation_file.h"
#include "tests/fuzz/fuzz_target.h"

TFS_FUZZ_TARGET(conversation) {
  tfs::fuzz::quietLogs();
  const std::string path = tfs::fuzz::writeScratch("talk.json", data, size);
  tfs::fuzz::expectOnlyOurErrors([&] {
    const auto c = tfs::ConversationFile::read(path);
    (void)c.activePath();
    const std::string again = tfs::fuzz::scratchDir() + "/again.json";
    c.write(again);
    if (tfs::ConversationFile::read(again).toJson() != c.toJson()) std::abort();
  });
  return 0;
}
