// A PNG's tEXt chunks and the A1111-style "parameters" text in them (generate/edit --from FILE).
#include <string>

#include "core/data/image_io.h"
#include "core/generate/png_params.h"
#include "tests/fuzz/fuzz_target.h"

TFS_FUZZ_TARGET(png_params) {
  tfs::fuzz::quietLogs();
  // The whole input as a parameters text...
  tfs::fuzz::expectOnlyOurErrors([&] {
    const auto p = tfs::parseParameters(std::string(reinterpret_cast<const char*>(data), size));
    (void)tfs::formatParameters(p);
  });
  // ...and as a PNG stream whose "parameters" chunk is read as generate --from reads it.
  tfs::fuzz::expectOnlyOurErrors([&] {
    for (const auto& [key, value] : tfs::readPngText(data, size))
      if (key == tfs::kPngParamsKey) (void)tfs::parseParameters(value);
  });
  tfs::fuzz::expectOnlyOurErrors(
      [&] { (void)tfs::readPngParameters(tfs::fuzz::writeScratch("params.png", data, size)); });
  return 0;
}
