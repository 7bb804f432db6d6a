#include "core/model/mixed_sequence.h"

#include <sstream>

#include "core/base/error.h"

namespace tfs {

namespace {

void pushPosition(SequenceLayout& l, int64_t token, bool patch, int64_t image) {
  l.positions.push_back(l.length());
  l.tokens.push_back(token);
  l.isPatch.push_back(patch ? 1 : 0);
  l.imageIndex.push_back(image);
  l.docIds.push_back(0);
}

void addSpan(SequenceLayout& l, SequenceSpan::Kind kind, int64_t begin, int64_t image = -1) {
  SequenceSpan s;
  s.kind = kind;
  s.begin = begin;
  s.end = l.length();
  s.imageIndex = image;
  l.spans.push_back(s);
}

void appendText(SequenceLayout& l, const std::vector<int64_t>& tokens, const SpecialTokens& sp) {
  using K = SequenceSpan::Kind;
  size_t i = 0;
  while (i < tokens.size()) {
    const int64_t begin = l.length();
    const int64_t t = tokens[i];
    if (t == sp.bos || t == sp.eos || t == sp.boi || t == sp.eoi) {
      pushPosition(l, t, false, -1);
      addSpan(l,
              t == sp.bos   ? K::Bos
              : t == sp.eos ? K::Eos
              : t == sp.boi ? K::Boi
                            : K::Eoi,
              begin);
      ++i;
      continue;
    }
    while (i < tokens.size() && tokens[i] != sp.bos && tokens[i] != sp.eos && tokens[i] != sp.boi &&
           tokens[i] != sp.eoi)
      pushPosition(l, tokens[i++], false, -1);
    addSpan(l, K::Text, begin);
  }
}

void appendImage(SequenceLayout& l, int64_t patches, int64_t image, const SpecialTokens& sp) {
  using K = SequenceSpan::Kind;
  int64_t begin = l.length();
  pushPosition(l, sp.boi, false, -1);
  addSpan(l, K::Boi, begin, image);
  begin = l.length();
  for (int64_t p = 0; p < patches; ++p) pushPosition(l, sp.pad, true, image);
  addSpan(l, K::Patches, begin, image);
  begin = l.length();
  pushPosition(l, sp.eoi, false, -1);
  addSpan(l, K::Eoi, begin, image);
}

int64_t patchesOf(const torch::Tensor& latent, int64_t patchSize) {
  return (latent.size(1) / patchSize) * (latent.size(2) / patchSize);
}

}  // namespace

std::string SequenceSpan::label() const {
  switch (kind) {
    case Kind::Bos:
      return "BOS";
    case Kind::Text:
      return "text";
    case Kind::Boi:
      return "BOI";
    case Kind::Patches:
      return "patches of image " + std::to_string(imageIndex);
    case Kind::Eoi:
      return "EOI";
    case Kind::Eos:
      return "EOS";
    case Kind::Pad:
      return "pad";
  }
  return "?";
}

std::vector<int64_t> SequenceLayout::lmTargets() const {
  std::vector<int64_t> t(tokens.size(), -100);
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (!isPatch[i] && !isPatch[i + 1] && docIds[i] >= 0 && docIds[i] == docIds[i + 1])
      t[i] = tokens[i + 1];
  }
  return t;
}

void SequenceLayout::append(const SequenceLayout& doc, int64_t imageOffset) {
  const int64_t offset = length();
  int64_t newDoc = 0;
  for (auto d : docIds) newDoc = std::max(newDoc, d + 1);
  tokens.insert(tokens.end(), doc.tokens.begin(), doc.tokens.end());
  isPatch.insert(isPatch.end(), doc.isPatch.begin(), doc.isPatch.end());
  positions.insert(positions.end(), doc.positions.begin(), doc.positions.end());
  for (auto i : doc.imageIndex) imageIndex.push_back(i >= 0 ? i + imageOffset : -1);
  for (auto d : doc.docIds) docIds.push_back(d >= 0 ? d + newDoc : -1);
  for (auto s : doc.spans) {
    s.begin += offset;
    s.end += offset;
    if (s.imageIndex >= 0) s.imageIndex += imageOffset;
    s.document += newDoc;
    spans.push_back(s);
  }
}

void SequenceLayout::padTo(int64_t len, int64_t padId) {
  const int64_t begin = length();
  if (begin >= len) return;
  tokens.resize(len, padId);
  isPatch.resize(len, 0);
  imageIndex.resize(len, -1);
  docIds.resize(len, -1);
  positions.resize(len, 0);
  SequenceSpan s;
  s.kind = SequenceSpan::Kind::Pad;
  s.begin = begin;
  s.end = len;
  s.document = -1;
  spans.push_back(s);
}

MixedSequence& MixedSequence::addText(const std::vector<int64_t>& tokens) {
  if (tokens.empty()) return *this;
  if (!parts_.empty() && !parts_.back().isImage) {
    auto& t = parts_.back().tokens;
    t.insert(t.end(), tokens.begin(), tokens.end());
  } else {
    Part p;
    p.tokens = tokens;
    parts_.push_back(std::move(p));
  }
  return *this;
}

MixedSequence& MixedSequence::addImage(const torch::Tensor& latent, int64_t timestep,
                                       bool diffusionLoss, const torch::Tensor& noise) {
  if (!latent.defined() || latent.dim() != 3)
    throw DataError("MixedSequence::addImage: latent must be [C,h,w]");
  if (noise.defined() && noise.sizes() != latent.sizes())
    throw DataError("MixedSequence::addImage: noise must have the latent's shape");
  Part p;
  p.isImage = true;
  p.image = Image{latent, timestep, diffusionLoss, noise};
  parts_.push_back(std::move(p));
  return *this;
}

std::vector<const MixedSequence::Image*> MixedSequence::images() const {
  std::vector<const Image*> out;
  for (const auto& p : parts_)
    if (p.isImage) out.push_back(&p.image);
  return out;
}

int64_t MixedSequence::length(int64_t patchesPerImage) const {
  int64_t n = 0;
  for (const auto& p : parts_) n += p.isImage ? patchesPerImage + 2 : int64_t(p.tokens.size());
  return n;
}

SequenceLayout MixedSequence::layout(int64_t patchesPerImage, const SpecialTokens& sp) const {
  SequenceLayout l;
  int64_t image = 0;
  for (const auto& p : parts_) {
    if (p.isImage)
      appendImage(l, patchesPerImage, image++, sp);
    else
      appendText(l, p.tokens, sp);
  }
  return l;
}

Batch batchFromLayouts(const std::vector<SequenceLayout>& rows) {
  Batch b;
  if (rows.empty()) throw DataError("batchFromLayouts: no rows");
  const int64_t B = int64_t(rows.size()), L = rows[0].length();
  auto opts = torch::TensorOptions().dtype(torch::kLong);
  b.tokens = torch::empty({B, L}, opts);
  b.positions = torch::empty({B, L}, opts);
  b.docIds = torch::empty({B, L}, opts);
  b.imageIds = torch::empty({B, L}, opts);
  b.lmTargets = torch::empty({B, L}, opts);
  b.patchMask = torch::empty({B, L}, torch::kBool);
  for (int64_t r = 0; r < B; ++r) {
    const auto& l = rows[r];
    if (l.length() != L) throw DataError("batchFromLayouts: rows differ in length; pad them first");
    auto copy = [&](torch::Tensor& dst, const std::vector<int64_t>& src) {
      dst[r].copy_(torch::from_blob(const_cast<int64_t*>(src.data()), {L}, opts));
    };
    copy(b.tokens, l.tokens);
    copy(b.positions, l.positions);
    copy(b.docIds, l.docIds);
    copy(b.imageIds, l.imageIndex);
    copy(b.lmTargets, l.lmTargets());
    b.patchMask[r].copy_(
        torch::from_blob(const_cast<uint8_t*>(l.isPatch.data()), {L}, torch::kUInt8)
            .to(torch::kBool));
  }
  return b;
}

Batch packSequences(const std::vector<MixedSequence>& docs, const PackOptions& opts) {
  if (docs.empty()) throw DataError("packSequences: no documents to pack");
  std::vector<SequenceLayout> rows(1);
  std::vector<torch::Tensor> latents, noises;
  std::vector<int64_t> timesteps;
  std::vector<float> weights;
  for (size_t d = 0; d < docs.size(); ++d) {
    const auto imgs = docs[d].images();
    int64_t patches = 0;
    if (!imgs.empty()) {
      patches = patchesOf(imgs[0]->latent, opts.patchSize);
      for (const auto* im : imgs) {
        if (!latents.empty() && im->latent.sizes() != latents[0].sizes())
          throw DataError("packSequences: images of one batch must share a latent shape");
        if (im->latent.size(1) % opts.patchSize || im->latent.size(2) % opts.patchSize)
          throw DataError("packSequences: latent size is not divisible by the patch size");
        latents.push_back(im->latent);
        noises.push_back(im->noise.defined() ? im->noise : torch::randn_like(im->latent));
        timesteps.push_back(im->timestep);
        weights.push_back(im->diffusionLoss ? 1.f : 0.f);
      }
    }
    auto doc = docs[d].layout(patches, opts.special);
    if (doc.length() > opts.rowLength)
      throw DataError("packSequences: document " + std::to_string(d) + " needs " +
                      std::to_string(doc.length()) + " positions but rows hold " +
                      std::to_string(opts.rowLength) + "; raise the row length or shorten it");
    if (rows.back().length() + doc.length() > opts.rowLength) rows.emplace_back();
    rows.back().append(doc, int64_t(latents.size() - imgs.size()));
  }
  if (opts.rows) {
    if (int64_t(rows.size()) > *opts.rows)
      throw DataError("packSequences: the documents need " + std::to_string(rows.size()) +
                      " rows but only " + std::to_string(*opts.rows) + " were asked for");
    while (int64_t(rows.size()) < *opts.rows) rows.emplace_back();
  }
  for (auto& r : rows) r.padTo(opts.rowLength, opts.special.pad);
  Batch b = batchFromLayouts(rows);
  if (!latents.empty()) {
    b.latents = torch::stack(latents);
    b.noise = torch::stack(noises).to(b.latents.options());
    b.timesteps = torch::tensor(timesteps, torch::kLong);
    b.diffusionWeight = torch::tensor(weights, torch::kFloat);
  }
  return b;
}

SequenceLayout parseLayout(const std::string& spec, const SpecialTokens& sp) {
  SequenceLayout all, doc;
  int64_t images = 0, docImages = 0;
  auto finishDoc = [&] {
    if (doc.length() == 0) throw UsageError("layout '" + spec + "' has an empty document");
    all.append(doc, images - docImages);
    doc = SequenceLayout();
    docImages = 0;
  };
  std::string item;
  const std::string text = spec + ",";
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != ',' && c != '|') {
      if (!std::isspace(static_cast<unsigned char>(c))) item += c;
      continue;
    }
    const auto colon = item.find(':');
    const std::string kind = item.substr(0, colon);
    int64_t n = -1;
    if (colon != std::string::npos) {
      try {
        size_t used = 0;
        n = std::stoll(item.substr(colon + 1), &used);
        if (used != item.size() - colon - 1) n = -1;
      } catch (const std::exception&) {
        n = -1;
      }
    }
    if ((kind == "text" || kind == "image") && n > 100000)
      throw UsageError("layout item '" + item + "' in '" + spec + "' is too large: at most " +
                       "100000 positions per item");
    if ((kind != "text" && kind != "image") || n < 1)
      throw UsageError("bad layout item '" + item + "' in '" + spec +
                       "'; write items like text:5 or image:4 (N >= 1), comma-separated, "
                       "with | between packed documents");
    if (kind == "text")
      appendText(doc, std::vector<int64_t>(n, sp.eoi + 1), sp);
    else
      appendImage(doc, n, docImages++, sp);
    if (kind == "image") ++images;
    item.clear();
    if (c == '|') finishDoc();
  }
  finishDoc();
  return all;
}

}  // namespace tfs
