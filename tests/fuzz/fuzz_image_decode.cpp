// PNG / JPEG / BMP / … bytes → probeImage, decodeImage (grey and RGB) and loadImage (crop+resize):
// what every image data source does with a record.
#include "core/data/image_io.h"
#include "tests/fuzz/fuzz_target.h"

TFS_FUZZ_TARGET(image_decode) {
  tfs::fuzz::quietLogs();
  tfs::ImageInfo info;
  tfs::fuzz::expectOnlyOurErrors([&] { info = tfs::probeImage(data, size, "fuzz input"); });
  // A few header bytes can declare 40 M pixels (the decoder's limit), which take seconds to fill
  // and resize; the decoding paths are the same at a million, so one execution stays fast.
  if (int64_t(info.width) * info.height > (1 << 20)) return 0;
  for (int64_t channels : {1, 3}) {
    tfs::fuzz::expectOnlyOurErrors([&] {
      const auto image = tfs::decodeImage(data, size, channels, "fuzz input");
      if (image.dim() != 3 || image.size(0) != channels) std::abort();
    });
  }
  tfs::fuzz::expectOnlyOurErrors([&] {
    const auto image = tfs::loadImage(data, size, 16, 3, "fuzz input");
    if (image.size(1) != 16 || image.size(2) != 16) std::abort();
  });
  return 0;
}
