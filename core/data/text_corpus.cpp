#include "core/data/text_corpus.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "core/base/error.h"
#include "core/data/utf8.h"

namespace tfs {
namespace fs = std::filesystem;

namespace {

// "_\bA" / "A\bA" overstrikes (bold / underline in fortune files) keep the last character.
std::string removeOverstrikes(const std::string& s) {
  if (s.find('\b') == std::string::npos) return s;
  std::string out;
  for (char c : s) {
    if (c == '\b') {
      if (!out.empty()) out.pop_back();
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string defaultFortunesDir() {
  return "/usr/share/games/fortunes";
}
std::string defaultWordNetDir() {
  return "/usr/share/wordnet";
}

TextCorpusSource::TextCorpusSource(const std::string& path, TextFormat format, size_t maxChars)
    : path_(path), format_(format), maxChars_(maxChars) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file(ec) || endsWith(name, ".dat") || name[0] == '.') continue;
      // fortunes ships NAME and NAME.u8 (often a link to NAME): read each text once.
      if (endsWith(name, ".u8")) continue;
      if (format == TextFormat::WordNet && name.rfind("data.", 0) != 0) continue;
      files_.push_back(entry.path().string());
    }
    std::sort(files_.begin(), files_.end());
  } else if (fs::exists(path, ec)) {
    files_.push_back(path);
  } else {
    throw IoError("text corpus '" + path + "' does not exist");
  }
  if (files_.empty()) throw DataError("text corpus folder '" + path + "' holds no text files");
  reset(0);
}

void TextCorpusSource::reset(uint64_t) {
  in_ = std::ifstream();
  fileIndex_ = 0;
  docIndex_ = 0;
}

bool TextCorpusSource::openNext() {
  while (fileIndex_ < files_.size()) {
    const std::string file = files_[fileIndex_++];
    in_ = std::ifstream(file, std::ios::binary);
    if (!in_) {
      skip("unreadable file", file, "cannot open for reading");
      continue;
    }
    fileName_ = file;
    line_ = 0;
    current_ = format_;
    if (current_ == TextFormat::Auto) {
      if (endsWith(file, ".jsonl")) {
        current_ = TextFormat::Jsonl;
      } else {
        // A fortune file has its index next to it, or a "%" line near its top.
        std::error_code ec;
        bool fortune = fs::exists(file + ".dat", ec);
        std::string l;
        for (int i = 0; i < 200 && !fortune && std::getline(in_, l); ++i)
          fortune = l == "%" || l == "%\r";
        in_.clear();
        in_.seekg(0);
        current_ = fortune ? TextFormat::Fortunes : TextFormat::Lines;
      }
    }
    return true;
  }
  return false;
}

std::optional<std::string> TextCorpusSource::readDocument(int64_t* firstLine) {
  std::string l;
  if (current_ == TextFormat::Lines || current_ == TextFormat::Jsonl ||
      current_ == TextFormat::WordNet) {
    if (!std::getline(in_, l)) return std::nullopt;
    *firstLine = ++line_;
    return l;
  }
  // Multi-line documents: Paragraphs end at a blank line, Fortunes at "%".
  std::string doc;
  bool any = false;
  while (std::getline(in_, l)) {
    ++line_;
    if (!l.empty() && l.back() == '\r') l.pop_back();
    const bool end = current_ == TextFormat::Fortunes ? l == "%" : trim(l).empty();
    if (end) {
      if (any) return doc;
      continue;
    }
    if (!any) *firstLine = line_;
    doc += (any ? "\n" : "") + l;
    any = true;
  }
  if (any) return doc;
  return std::nullopt;
}

std::optional<Example> TextCorpusSource::accept(std::string text, int64_t firstLine) {
  const std::string where = fileName_ + " line " + std::to_string(firstLine);
  if (!isValidUtf8(text)) {
    skip("not UTF-8", where, "text is not valid UTF-8 (convert the file with iconv)");
    return std::nullopt;
  }
  if (current_ == TextFormat::Jsonl) {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(text);
    } catch (const std::exception& e) {
      skip("bad JSON", where, std::string("not valid JSON (") + e.what() + ")");
      return std::nullopt;
    }
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) {
      skip("no text field", where, "JSON object has no \"text\" string field");
      return std::nullopt;
    }
    text = j["text"].get<std::string>();
  } else if (current_ == TextFormat::WordNet) {
    if (text.rfind("  ", 0) == 0) return std::nullopt;  // licence header
    const size_t bar = text.find(" | ");
    if (bar == std::string::npos) return std::nullopt;
    text = text.substr(bar + 3);
  }
  text = trim(removeOverstrikes(text));
  if (text.empty()) return std::nullopt;
  if (text.size() > maxChars_) {
    // Cut at a UTF-8 boundary so the document stays valid.
    size_t cut = maxChars_;
    while (cut > 0 && (uint8_t(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
  }
  Example e;
  e.id = fs::path(fileName_).filename().string() + ":" + std::to_string(firstLine);
  e.text = std::move(text);
  return e;
}

std::optional<Example> TextCorpusSource::next() {
  while (true) {
    if (!in_.is_open() || !in_) {
      if (!openNext()) return std::nullopt;
    }
    int64_t first = 0;
    auto doc = readDocument(&first);
    if (!doc) {
      in_.close();
      continue;
    }
    if (auto e = accept(std::move(*doc), first)) {
      ++docIndex_;
      return e;
    }
  }
}

std::string TextCorpusSource::describe() const {
  return "text corpus " + path_ + " (" + std::to_string(files_.size()) + " file" +
         (files_.size() == 1 ? "" : "s") + ")";
}

}  // namespace tfs
