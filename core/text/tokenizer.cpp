#include "core/text/tokenizer.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/text/spm_library.h"

namespace tfs {

namespace fs = std::filesystem;

std::string Tokenizer::backendVersion() {
  return SpmLibrary::get().version();
}

Tokenizer Tokenizer::train(const std::vector<std::string>& texts, const std::string& modelPath,
                           const TrainOptions& o) {
  if (texts.empty())
    throw DataError("cannot train a tokenizer on an empty corpus: give it some text");
  if (o.vocabSize < 16) throw ConfigError("tokenizer vocabulary size must be at least 16");
  const auto& lib = SpmLibrary::get();
  fs::path model(modelPath);
  if (model.extension() != ".model") {
    throw UsageError("tokenizer path '" + modelPath + "' must end in .model");
  }
  std::error_code ec;
  if (model.has_parent_path()) fs::create_directories(model.parent_path(), ec);
  fs::path corpus = model;
  corpus.replace_extension(".corpus.txt");
  {
    std::ofstream out(corpus, std::ios::binary);
    if (!out) throw IoError("cannot write '" + corpus.string() + "': check the folder is writable");
    for (const auto& t : texts) {
      std::string line = t;
      for (auto& c : line)
        if (c == '\n' || c == '\r') c = ' ';
      if (!line.empty()) out << line << '\n';
    }
    if (!out) throw IoError("cannot write '" + corpus.string() + "': disk full?");
  }
  // SentencePiece writes <prefix>.model and .vocab in place; it writes them under a temporary
  // prefix, and they are renamed when whole, so a kill never leaves a torn tokenizer.model.
  fs::path finalPrefix = model;
  finalPrefix.replace_extension();
  fs::path prefix = finalPrefix;
  prefix += ".tmp-" + std::to_string(::getpid());
  std::string kw;
  auto add = [&](const std::string& k, const std::string& v) { kw += k + "=" + v + "\n"; };
  add("input", corpus.string());
  add("model_prefix", prefix.string());
  add("vocab_size", std::to_string(o.vocabSize));
  add("model_type", o.modelType);
  add("character_coverage", std::to_string(o.characterCoverage));
  add("input_sentence_size", std::to_string(o.maxSentences));
  add("shuffle_input_sentence", "true");
  add("pad_id", "0");
  add("unk_id", "1");
  add("bos_id", "2");
  add("eos_id", "3");
  add("user_defined_symbols", "<boi>,<eoi>");
  add("hard_vocab_limit", "false");
  add("byte_fallback", "true");
  add("minloglevel", "2");
  char err[1024] = {0};
  int rc = lib.train(kw.c_str(), err, sizeof err);
  fs::remove(corpus, ec);
  auto tmpFile = [&](const char* ext) {
    fs::path p = prefix;
    p += ext;
    return p;
  };
  if (rc != 0) {
    fs::remove(tmpFile(".model"), ec);
    fs::remove(tmpFile(".vocab"), ec);
    const std::string what = err;
    // byte_fallback reserves 256 byte pieces plus the specials and the text's own characters.
    if (what.find("Vocabulary size is smaller than required_chars") != std::string::npos ||
        what.find("Vocabulary size too small") != std::string::npos ||
        what.find("char_model_trainer.cc") != std::string::npos)  // char: "(vocab_size) >= (0)"
      throw ConfigError(
          "the tokenizer vocabulary (" + std::to_string(o.vocabSize) +
              ") is too small for this text: it needs room for the 256 byte pieces, "
              "the special tokens and every distinct character; raise tokenizerVocab, e.g. "
              "to 512 (SentencePiece: " +
              what + ")",
          "tokenizerVocab");
    throw DataError(std::string("SentencePiece training failed: ") + what);
  }
  for (const char* ext : {".model", ".vocab"}) {
    const fs::path from = tmpFile(ext);
    if (!fs::exists(from)) continue;
    const int fd = ::open(from.c_str(), O_RDONLY);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
    fs::path to = finalPrefix;
    to += ext;
    fs::rename(from, to, ec);
    if (ec)
      throw IoError("cannot rename '" + from.string() + "' to '" + to.string() +
                    "': " + ec.message());
  }
  return load(modelPath);
}

Tokenizer Tokenizer::load(const std::string& modelPath) {
  const auto& lib = SpmLibrary::get();
  if (!fs::exists(modelPath)) {
    throw IoError("tokenizer model '" + modelPath +
                  "' does not exist: train one with 'transfusion tokenizer train'");
  }
  if (!fs::is_regular_file(modelPath))
    throw IoError("tokenizer model '" + modelPath + "' is not a file" +
                  (fs::is_directory(modelPath)
                       ? ": it is a folder; a run's tokenizer is RUN/tokenizer.model"
                       : std::string()));
  char err[1024] = {0};
  void* h = lib.load(modelPath.c_str(), err, sizeof err);
  if (!h) {
    throw DataError("'" + modelPath + "' is not a valid SentencePiece model (" + err +
                    "): retrain it or pick another file");
  }
  Tokenizer t;
  auto freeFn = lib.free;
  t.handle_ = std::shared_ptr<void>(h, [freeFn](void* p) { freeFn(p); });
  t.path_ = modelPath;
  t.pieceCount_ = lib.size(h);
  t.unk_ = lib.specialId(h, 0);
  t.bos_ = lib.specialId(h, 1);
  t.eos_ = lib.specialId(h, 2);
  t.pad_ = lib.specialId(h, 3);
  t.boi_ = lib.pieceToId(h, "<boi>");
  t.eoi_ = lib.pieceToId(h, "<eoi>");
  // Foreign models: specials they lack get ids past their vocabulary.
  for (int64_t* id : {&t.bos_, &t.eos_, &t.boi_, &t.eoi_, &t.pad_}) {
    if (*id < 0) *id = t.pieceCount_ + t.extra_++;
  }
  return t;
}

std::vector<int64_t> Tokenizer::encode(const std::string& text) const {
  const auto& lib = SpmLibrary::get();
  std::vector<int> buf(text.size() + 16);
  int n =
      lib.encode(handle_.get(), text.data(), text.size(), buf.data(), static_cast<int>(buf.size()));
  if (n > static_cast<int>(buf.size())) {
    buf.resize(n);
    n = lib.encode(handle_.get(), text.data(), text.size(), buf.data(), n);
  }
  if (n < 0) throw DataError("SentencePiece could not encode the text");
  return std::vector<int64_t>(buf.begin(), buf.begin() + n);
}

bool Tokenizer::isSpecial(int64_t id) const {
  return id == pad_ || id == bos_ || id == eos_ || id == boi_ || id == eoi_ || id >= pieceCount_;
}

std::string Tokenizer::decode(const std::vector<int64_t>& ids) const {
  const auto& lib = SpmLibrary::get();
  std::vector<int> keep;
  keep.reserve(ids.size());
  for (auto id : ids)
    if (id >= 0 && !isSpecial(id)) keep.push_back(static_cast<int>(id));
  std::string out(keep.size() * 8 + 16, '\0');
  int n = lib.decode(handle_.get(), keep.data(), static_cast<int>(keep.size()), out.data(),
                     static_cast<int>(out.size()));
  if (n > static_cast<int>(out.size())) {
    out.resize(n);
    n = lib.decode(handle_.get(), keep.data(), static_cast<int>(keep.size()), out.data(), n);
  }
  if (n < 0) throw DataError("SentencePiece could not decode the ids");
  out.resize(n);
  return out;
}

std::string Tokenizer::piece(int64_t id) const {
  if (id == boi_) return "<boi>";
  if (id == eoi_) return "<eoi>";
  if (id == bos_ && id >= pieceCount_) return "<s>";
  if (id == eos_ && id >= pieceCount_) return "</s>";
  if (id == pad_ && id >= pieceCount_) return "<pad>";
  const auto& lib = SpmLibrary::get();
  char buf[256];
  int n = lib.idToPiece(handle_.get(), static_cast<int>(id), buf, sizeof buf);
  if (n < 0) return "<?" + std::to_string(id) + ">";
  return std::string(buf, std::min<int>(n, sizeof buf));
}

}  // namespace tfs
