#pragma once

#include <memory>
#include <string>

#include "core/data/data_source.h"

namespace tfs {

// A data-source spec as the CLI and the studio write it:
//   fmnist:train | fmnist:test | shapes[:SEED] | shapes-edit[:SEED] | edit-folder:PATH |
//   folder:PATH | imagefolder:PATH | wds:PATTERN | text:PATH | fortunes | wordnet
struct DataSpec {
  std::string kind;  // "fmnist", "shapes", "shapes-edit", "folder", "imagefolder", "wds", "text",
                     // "fortunes", "wordnet"
  std::string arg;   // split, path or pattern ("" when none)
  std::optional<uint64_t> seed;  // shapes / shapes-edit
  bool isEdit() const { return kind == "shapes-edit" || kind == "edit-folder"; }
  bool isText() const { return kind == "text" || kind == "fortunes" || kind == "wordnet"; }
  std::string toString() const;
};

// Throws UsageError listing the valid forms when the spec is unknown or malformed.
DataSpec parseDataSpec(const std::string& spec);
std::string dataSpecHelp();

// Builds the source (wrapped in a ShuffledSource when opts.shuffle). A spec's own seed wins over
// opts.seed. Throws UsageError for shapes-edit (use makeEditSource) and for bad specs; IoError /
// DataError when the data is missing or unreadable.
std::unique_ptr<ExampleSource> makeExampleSource(const DataSpec& spec, const SourceOptions& opts);
std::unique_ptr<ExampleSource> makeExampleSource(const std::string& spec,
                                                 const SourceOptions& opts);
// shapes-edit and edit-folder.
std::unique_ptr<EditSource> makeEditSource(const DataSpec& spec, const SourceOptions& opts);

}  // namespace tfs
