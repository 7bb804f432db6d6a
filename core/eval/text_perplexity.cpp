#include "core/eval/text_perplexity.h"

#include "core/base/error.h"
#include "core/eval/perplexity.h"
#include "core/model/mixed_sequence.h"

namespace tfs {

nlohmann::json TextPerplexityResult::toJson() const {
  return {{"metric", "perplexity"}, {"perplexity", perplexity}, {"nll_per_token", nllPerToken},
          {"tokens", tokens},       {"documents", documents},   {"truncated", truncated}};
}

TextPerplexityResult textPerplexity(TransfusionModel& model, const Tokenizer& tok,
                                    ExampleSource& text, const TextPerplexityOptions& opts) {
  torch::NoGradGuard noGrad;
  model->eval();
  const auto& cfg = model->config();
  const int64_t row = opts.rowLength > 0 ? std::min(opts.rowLength, cfg.maxSeqLen) : cfg.maxSeqLen;
  if (row < 3) throw UsageError("perplexity needs rows of at least 3 positions");
  const auto device = model->parameters().front().device();
  PackOptions pack;
  pack.rowLength = row;
  pack.patchSize = cfg.patchSize;
  pack.special = {tok.pad(), tok.bos(), tok.eos(), tok.boi(), tok.eoi()};
  PerplexityMeter meter;
  TextPerplexityResult r;
  std::vector<Document> docs;
  auto flush = [&] {
    if (docs.empty()) return;
    const Batch batch = packDocuments(docs, pack).to(device);
    const Losses l = model->loss(batch);
    meter.add(l.lm.item<double>(), l.lmTokens);
    docs.clear();
    if (opts.onBatch) opts.onBatch(r.documents);
  };
  while (opts.maxDocuments <= 0 || r.documents < opts.maxDocuments) {
    auto e = text.next();
    if (!e) break;
    if (e->text.empty()) continue;
    std::vector<int64_t> ids = {tok.bos()};
    for (auto id : tok.encode(e->text)) ids.push_back(id);
    ids.push_back(tok.eos());
    if (int64_t(ids.size()) > row) {
      ids.resize(size_t(row));
      ++r.truncated;
    }
    if (ids.size() < 2) continue;
    Document doc;
    doc.addText(ids);
    docs.push_back(std::move(doc));
    ++r.documents;
    if (int64_t(docs.size()) >= opts.docsPerBatch) flush();
  }
  flush();
  if (meter.tokens() == 0)
    throw DataError(text.describe() +
                    " gave no text to score; give a text spec with lines of text "
                    "(text:PATH, fortunes, wordnet)");
  r.tokens = meter.tokens();
  r.nllPerToken = meter.meanNll();
  r.perplexity = meter.value();
  return r;
}

}  // namespace tfs
