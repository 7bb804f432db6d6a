#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "core/data/data_source.h"

namespace tfs {

// How a text file splits into documents.
enum class TextFormat {
  Auto,        // by extension: .jsonl → Jsonl, otherwise Lines (a fortune file is detected)
  Lines,       // one document per non-empty line
  Paragraphs,  // documents separated by blank lines
  Jsonl,       // one JSON object per line, document in the "text" field
  Fortunes,    // fortune(6) files: documents separated by lines holding only "%"
  WordNet,     // WordNet data.* files: the gloss after " | " on each synset line
};

// Text-only records (Example::image undefined) from one file, or from every file of a folder
// (sorted; .dat index files skipped). Streams line by line; documents that are not valid UTF-8
// are skipped with a count; backspace overstrikes (fortune files) are removed.
class TextCorpusSource : public ExampleSource {
 public:
  explicit TextCorpusSource(const std::string& path, TextFormat format = TextFormat::Auto,
                            size_t maxChars = 4096);
  std::optional<Example> next() override;
  void reset(uint64_t seed) override;
  std::string describe() const override;
  const std::vector<std::string>& files() const { return files_; }

 private:
  bool openNext();
  std::optional<std::string> readDocument(int64_t* firstLine);
  std::optional<Example> accept(std::string text, int64_t firstLine);

  std::string path_;
  TextFormat format_;
  TextFormat current_ = TextFormat::Lines;
  size_t maxChars_;
  std::vector<std::string> files_;
  size_t fileIndex_ = 0;
  std::ifstream in_;
  std::string fileName_;
  int64_t line_ = 0;
  int64_t docIndex_ = 0;
};

// Where Debian's fortunes and WordNet live (nonexistent paths are reported by the source).
std::string defaultFortunesDir();
std::string defaultWordNetDir();

}  // namespace tfs
