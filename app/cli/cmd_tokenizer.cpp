#include <iostream>
#include <memory>
#include <sstream>

#include "app/cli/command.h"
#include "core/base/error.h"
#include "core/data/data_spec.h"
#include "core/text/tokenizer.h"

namespace {

struct TokArgs {
  std::vector<std::string> data;
  std::string out = "tokenizer.model", model, type = "bpe";
  int vocab = 1000;
  int64_t samples = 20000;
  std::vector<std::string> text;
  bool pieces = false;
};

int runTokenizerTrain(const TokArgs& a) {
  if (a.data.empty())
    throw tfs::UsageError("give at least one --data SPEC to learn the vocabulary from");
  std::vector<std::string> texts;
  tfs::SourceOptions so;
  so.imageSize = 32;  // images are not used: decode them small (shapes needs 24 or more)
  for (const auto& spec : a.data) {
    auto src = tfs::makeExampleSource(spec, so);
    int64_t n = 0;
    for (; n < a.samples; ++n) {
      auto ex = src->next();
      if (!ex) break;
      if (!ex->text.empty()) texts.push_back(ex->text);
    }
    std::cout << spec << ": " << n << " records\n";
  }
  tfs::Tokenizer::TrainOptions o;
  o.vocabSize = a.vocab;
  o.modelType = a.type;
  auto tok = tfs::Tokenizer::train(texts, a.out, o);
  std::cout << "wrote " << a.out << " (" << a.type << ", " << tok.vocabSize() << " ids; PAD "
            << tok.pad() << ", BOS " << tok.bos() << ", EOS " << tok.eos() << ", BOI " << tok.boi()
            << ", EOI " << tok.eoi() << ")\n";
  return 0;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : " ") + p;
  return s;
}

int runEncode(const TokArgs& a) {
  auto tok = tfs::Tokenizer::load(a.model);
  std::string text = joined(a.text);
  if (a.text.empty()) {
    std::stringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  }
  auto ids = tok.encode(text);
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) std::cout << ' ';
    if (a.pieces)
      std::cout << tok.piece(ids[i]);
    else
      std::cout << ids[i];
  }
  std::cout << "\n";
  return 0;
}

int runDecode(const TokArgs& a) {
  auto tok = tfs::Tokenizer::load(a.model);
  std::vector<int64_t> ids;
  for (const auto& t : a.text) {
    std::stringstream ss(t);
    std::string item;
    while (ss >> item) {
      try {
        size_t used = 0;
        long long v = std::stoll(item, &used);
        if (used != item.size()) throw std::invalid_argument(item);
        if (v < 0 || v >= tok.vocabSize())
          throw tfs::UsageError("id " + item + " is outside the vocabulary (0.." +
                                std::to_string(tok.vocabSize() - 1) + ")");
        ids.push_back(v);
      } catch (const std::logic_error&) {
        throw tfs::UsageError("\"" + item + "\" is not a token id: decode takes integers");
      }
    }
  }
  std::cout << tok.decode(ids) << "\n";
  return 0;
}

tfs::cli::Run setupTokenizer(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto a = std::make_shared<TokArgs>();
  auto* c = app.add_subcommand("tokenizer",
                               "Train, or encode and decode with, a SentencePiece tokenizer");
  c->require_subcommand(1, 1);
  auto* train =
      c->add_subcommand("train", "Learn a vocabulary from data (BOS/EOS/BOI/EOI/PAD reserved)");
  train->add_option("--data", a->data, "Data spec with text (repeatable): captions or corpora")
      ->required();
  train->add_option("--out", a->out, "The .model file to write")->capture_default_str();
  train->add_option("--vocab", a->vocab, "Vocabulary size")
      ->check(CLI::Range(16, 1 << 20))
      ->capture_default_str();
  train->add_option("--type", a->type, "bpe | unigram | char | word")
      ->check(CLI::IsMember({"bpe", "unigram", "char", "word"}))
      ->capture_default_str();
  train->add_option("--samples", a->samples, "Records read per spec")->capture_default_str();
  train->footer(tfs::dataSpecHelp());
  auto* enc = c->add_subcommand("encode", "Text (arguments, or stdin) → token ids");
  enc->add_option("--model", a->model,
                  "A SentencePiece .model (a run's tokenizer.model, Llama 2's, …)")
      ->required();
  enc->add_flag("--pieces", a->pieces, "Print the pieces instead of the ids");
  enc->add_option("text", a->text, "Text to encode");
  auto* dec = c->add_subcommand("decode", "Token ids → text");
  dec->add_option("--model", a->model, "A SentencePiece .model")->required();
  dec->add_option("ids", a->text, "Token ids")->required();
  return [a, train, enc] {
    if (train->parsed()) return runTokenizerTrain(*a);
    if (enc->parsed()) return runEncode(*a);
    return runDecode(*a);
  };
}

const bool registeredTokenizer = tfs::cli::registerCommand("tokenizer", 42, setupTokenizer);

}  // namespace
