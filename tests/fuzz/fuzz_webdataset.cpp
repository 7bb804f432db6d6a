// A WebDataset shard (tar members grouped by key into image + caption records), streamed as
// training streams it: every record decoded to a 16×16 RGB image and a caption, or skipped.
#include "core/data/webdataset.h"
#include "tests/fuzz/fuzz_target.h"

TFS_FUZZ_TARGET(webdataset) {
  tfs::fuzz::quietLogs();
  const std::string shard = tfs::fuzz::writeScratch("shard.tar", data, size);
  tfs::fuzz::expectOnlyOurErrors([&] {
    tfs::SourceOptions opts;
    opts.imageSize = 16;
    opts.channels = 3;
    tfs::WebDatasetSource source(shard, opts);
    for (int i = 0; i < 64; ++i) {
      auto e = source.next();
      if (!e) break;
      if (!e->image.defined() || e->image.size(1) != 16) std::abort();
    }
  });
  return 0;
}
