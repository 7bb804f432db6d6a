#include "core/data/data_spec.h"

#include <algorithm>

#include "core/base/error.h"
#include "core/data/edit_folder.h"
#include "core/data/fashion_mnist.h"
#include "core/data/image_folder.h"
#include "core/data/shapes.h"
#include "core/data/sharded_source.h"
#include "core/data/text_corpus.h"
#include "core/data/webdataset.h"

namespace tfs {

std::string dataSpecHelp() {
  return "valid data specs: fmnist:train, fmnist:test, shapes[:SEED], shapes-edit[:SEED], "
         "edit-folder:PATH (NAME.input.png + NAME.output.png + NAME.txt instruction), "
         "folder:PATH (images + same-named .txt captions), imagefolder:PATH (metadata.jsonl), "
         "wds:PATTERN (WebDataset shards, e.g. wds:data/shard-{000..009}.tar), "
         "text:PATH (.txt/.jsonl/fortune file or folder), fortunes, wordnet";
}

std::string DataSpec::toString() const {
  std::string s = kind;
  if (!arg.empty()) s += ":" + arg;
  if (seed) s += ":" + std::to_string(*seed);
  return s;
}

DataSpec parseDataSpec(const std::string& spec) {
  DataSpec d;
  const size_t colon = spec.find(':');
  d.kind = spec.substr(0, colon);
  const std::string arg = colon == std::string::npos ? "" : spec.substr(colon + 1);
  auto bad = [&](const std::string& why) {
    return UsageError("bad data spec '" + spec + "': " + why + "; " + dataSpecHelp());
  };
  if (d.kind == "fmnist") {
    if (arg != "train" && arg != "test") throw bad("Fashion-MNIST needs :train or :test");
    d.arg = arg;
  } else if (d.kind == "shapes" || d.kind == "shapes-edit") {
    if (!arg.empty()) {
      if (arg.find_first_not_of("0123456789") != std::string::npos || arg.size() > 19)
        throw bad("the seed must be a non-negative integer");
      d.seed = std::stoull(arg);
    }
  } else if (d.kind == "folder" || d.kind == "imagefolder" || d.kind == "wds" || d.kind == "text" ||
             d.kind == "edit-folder") {
    if (arg.empty()) throw bad(d.kind + " needs a path after the colon");
    d.arg = arg;
  } else if (d.kind == "fortunes" || d.kind == "wordnet") {
    d.arg = arg;  // optional folder override
  } else {
    throw bad("unknown kind '" + d.kind + "'");
  }
  return d;
}

std::unique_ptr<ExampleSource> makeExampleSource(const DataSpec& spec, const SourceOptions& in) {
  SourceOptions opts = in;
  if (spec.seed) opts.seed = *spec.seed;
  std::unique_ptr<ExampleSource> src;
  if (spec.kind == "fmnist") {
    src = std::make_unique<FashionMnistSource>(defaultFashionMnistDir(), spec.arg, opts);
  } else if (spec.kind == "shapes") {
    // Generated in random order already; a share is a stream of its own.
    src = std::make_unique<ShapesSource>(opts);
    if (opts.shardCount <= 1) return src;
    src = std::make_unique<ShardedExampleSource>(std::move(src), opts.shardIndex, opts.shardCount,
                                                 /*generator=*/true);
    src->reset(opts.seed);
    return src;
  } else if (spec.isEdit()) {
    throw UsageError("'" + spec.kind +
                         "' yields editing triplets, not captioned images: use it as editing "
                         "data (an editing fine-tune, or a run with editProb > 0)",
                     "data");
  } else if (spec.kind == "folder") {
    src = std::make_unique<FolderSource>(spec.arg, opts);
  } else if (spec.kind == "imagefolder") {
    src = std::make_unique<ImageFolderSource>(spec.arg, opts);
  } else if (spec.kind == "wds") {
    src = std::make_unique<WebDatasetSource>(spec.arg, opts);
  } else if (spec.kind == "text") {
    src = std::make_unique<TextCorpusSource>(spec.arg);
  } else if (spec.kind == "fortunes") {
    src = std::make_unique<TextCorpusSource>(spec.arg.empty() ? defaultFortunesDir() : spec.arg,
                                             TextFormat::Fortunes);
  } else if (spec.kind == "wordnet") {
    src = std::make_unique<TextCorpusSource>(spec.arg.empty() ? defaultWordNetDir() : spec.arg,
                                             TextFormat::WordNet);
  } else {
    throw UsageError("unknown data spec kind '" + spec.kind + "'; " + dataSpecHelp());
  }
  if (opts.shardCount > 1)  // records index, index + count, …; shuffled within the share
    src = std::make_unique<ShardedExampleSource>(std::move(src), opts.shardIndex, opts.shardCount,
                                                 /*generator=*/false);
  if (opts.shuffle) {
    // The shares together hold one buffer's worth, so memory does not grow with the row count.
    const size_t buffer = std::max<size_t>(64, opts.shuffleBuffer / size_t(opts.shardCount));
    return std::make_unique<ShuffledSource>(std::move(src), buffer, opts.seed);
  }
  src->reset(opts.seed);
  return src;
}

std::unique_ptr<ExampleSource> makeExampleSource(const std::string& spec,
                                                 const SourceOptions& opts) {
  return makeExampleSource(parseDataSpec(spec), opts);
}

std::unique_ptr<EditSource> makeEditSource(const DataSpec& spec, const SourceOptions& in) {
  if (!spec.isEdit())
    throw UsageError("'" + spec.toString() +
                     "' is not an editing data source: use shapes-edit[:SEED] or "
                     "edit-folder:PATH");
  SourceOptions opts = in;
  std::unique_ptr<EditSource> src;
  const bool generator = spec.kind != "edit-folder";
  if (!generator) {
    src = std::make_unique<EditFolderSource>(spec.arg, opts);
  } else {
    if (spec.seed) opts.seed = *spec.seed;
    src = std::make_unique<ShapesEditSource>(opts);
  }
  if (opts.shardCount <= 1) return src;
  src = std::make_unique<ShardedEditSource>(std::move(src), opts.shardIndex, opts.shardCount,
                                            generator);
  src->reset(opts.seed);
  return src;
}

}  // namespace tfs
