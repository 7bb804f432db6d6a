// An imagefolder's metadata.jsonl, one record per line, read from a folder that holds two images,
// a sub-folder and a FIFO, next to an image outside it that must never be read.
#include <sys/stat.h>

#include <filesystem>

#include "core/data/image_folder.h"
#include "core/data/image_io.h"
#include "tests/fuzz/fuzz_target.h"

namespace {

const std::string& folder() {
  static const std::string root = [] {
    namespace fs = std::filesystem;
    const fs::path base = tfs::fuzz::scratchDir();
    const fs::path root = base / "imagefolder";
    fs::create_directories(root / "sub");
    fs::create_directories(root / "dir");
    const auto grey = torch::zeros({3, 4, 4});
    tfs::savePng(grey, (root / "a.png").string());
    tfs::savePng(grey, (root / "sub" / "b.png").string());
    tfs::savePng(grey, (base / "outside.png").string());
    ::mkfifo((root / "fifo").c_str(), 0600);
    return root.string();
  }();
  return root;
}

}  // namespace

TFS_FUZZ_TARGET(metadata_jsonl) {
  tfs::fuzz::quietLogs();
  const std::string root = folder();
  tfs::fuzz::writeScratch("imagefolder/metadata.jsonl", data, size);
  tfs::fuzz::expectOnlyOurErrors([&] {
    tfs::SourceOptions opts;
    opts.imageSize = 8;
    opts.channels = 3;
    tfs::ImageFolderSource source(root, opts);
    for (int i = 0; i < 256; ++i) {
      auto e = source.next();
      if (!e) break;
      // Only the two images inside the folder can ever be read.
      const auto name = std::filesystem::path(root) / e->id;
      const auto canonical = std::filesystem::weakly_canonical(name).string();
      if (canonical.rfind(root + "/", 0) != 0) std::abort();
    }
  });
  return 0;
}
