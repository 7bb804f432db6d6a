#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tfs {

// The ids of the layout's special tokens (the defaults are the ones our tokenizers reserve).
struct SpecialTokens {
  int64_t pad = 0, bos = 2, eos = 3, boi = 4, eoi = 5;
};

// A SentencePiece model plus Transfusion's special tokens. Models this project trains reserve
// PAD=0, UNK=1, BOS=2, EOS=3, BOI=4, EOI=5; any other .model (e.g. Llama 2's) is accepted and the
// specials it lacks get ids after its vocabulary.
class Tokenizer {
 public:
  struct TrainOptions {
    int vocabSize = 1000;
    std::string modelType = "bpe";  // bpe | unigram | char | word
    double characterCoverage = 1.0;
    int64_t maxSentences = 2000000;
  };

  // Trains on texts and writes modelPath (".model"; a ".vocab" lands beside it).
  static Tokenizer train(const std::vector<std::string>& texts, const std::string& modelPath,
                         const TrainOptions& options);
  static Tokenizer load(const std::string& modelPath);
  // SentencePiece's version, through the shim. Throws ShimError when the shim is unusable.
  static std::string backendVersion();

  std::vector<int64_t> encode(const std::string& text) const;
  // Special tokens are dropped; pieces are joined as SentencePiece does.
  std::string decode(const std::vector<int64_t>& ids) const;
  std::string piece(int64_t id) const;
  bool isSpecial(int64_t id) const;

  int64_t vocabSize() const { return pieceCount_ + extra_; }
  int64_t pad() const { return pad_; }
  int64_t unk() const { return unk_; }
  int64_t bos() const { return bos_; }
  int64_t eos() const { return eos_; }
  int64_t boi() const { return boi_; }
  int64_t eoi() const { return eoi_; }
  SpecialTokens special() const { return {pad_, bos_, eos_, boi_, eoi_}; }
  const std::string& modelPath() const { return path_; }

 private:
  std::shared_ptr<void> handle_;
  std::string path_;
  int64_t pieceCount_ = 0;
  int64_t extra_ = 0;
  int64_t pad_ = -1, unk_ = -1, bos_ = -1, eos_ = -1, boi_ = -1, eoi_ = -1;
};

}  // namespace tfs
