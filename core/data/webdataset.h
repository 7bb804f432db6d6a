#pragma once

#include <string>
#include <vector>

#include "core/data/data_source.h"
#include "core/data/image_folder.h"

struct archive;

namespace tfs {

// "shard-{000..009}.tar" → shard-000.tar … shard-009.tar (zero padding kept), "{a,b}" alternatives,
// several patterns joined by "::", and a folder → its *.tar / *.tar.gz files in sorted order.
std::vector<std::string> expandShardPattern(const std::string& pattern);

// WebDataset shards: consecutive tar members sharing a key (path up to the first '.' of the
// file name) form one record: key.jpg|jpeg|png|bmp|webp + key.txt|caption or key.json with a
// "caption" or "text" field. Streams member by member; a truncated shard is logged, counted and
// the rest of it skipped; a missing shard is skipped with a count.
class WebDatasetSource : public ExampleSource {
 public:
  WebDatasetSource(const std::string& pattern, SourceOptions opts,
                   MissingCaption missing = MissingCaption::Skip);
  ~WebDatasetSource() override;
  std::optional<Example> next() override;
  void reset(uint64_t seed) override;
  std::string describe() const override;
  const std::vector<std::string>& shards() const { return shards_; }

 private:
  struct Pending {
    std::string key;
    std::string imageName;
    std::vector<uint8_t> image;
    std::optional<std::string> caption;
    std::string captionError;
    bool any = false;
    bool dropped = false;
  };
  bool openNextShard();
  void closeShard();
  std::optional<Example> finish(Pending& p);

  std::string pattern_;
  SourceOptions opts_;
  MissingCaption missing_;
  std::vector<std::string> shards_;
  size_t shardIndex_ = 0;
  std::string shardName_;
  archive* archive_ = nullptr;
  Pending pending_;
};

}  // namespace tfs
