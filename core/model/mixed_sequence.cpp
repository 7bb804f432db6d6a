#include "core/model/mixed_sequence.h"

#include <sstream>

#include "core/base/error.h"

namespace tfs {

namespace {

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

SequenceLayout layoutFromItems(const std::vector<int64_t>& items,
                               const std::vector<int64_t>& patchesPerImage,
                               const SpecialTokens& sp) {
  using K = SequenceSpan::Kind;
  SequenceLayout l;
  auto push = [&](int64_t token, bool patch, int64_t image) {
    l.positions.push_back(l.length());
    l.tokens.push_back(token);
    l.isPatch.push_back(patch ? 1 : 0);
    l.imageIndex.push_back(image);
    l.docIds.push_back(0);
  };
  auto span = [&](K kind, int64_t begin, int64_t image) {
    SequenceSpan sp;
    sp.kind = kind;
    sp.begin = begin;
    sp.end = l.length();
    sp.imageIndex = image;
    l.spans.push_back(sp);
  };
  auto special = [&](int64_t t) {
    return t == sp.bos || t == sp.eos || t == sp.boi || t == sp.eoi;
  };
  const size_t n = items.size();
  size_t i = 0;
  while (i < n) {
    const int64_t v = items[i];
    const int64_t begin = l.length();
    if (isImageSlot(v)) {
      const int64_t k = slotImage(v);
      if (k >= int64_t(patchesPerImage.size()))
        throw DataError("internal: a document names image " + std::to_string(k) + " of " +
                        std::to_string(patchesPerImage.size()));
      for (int64_t p = 0; p < patchesPerImage[size_t(k)]; ++p) push(sp.pad, true, k);
      span(K::Patches, begin, k);
      ++i;
    } else if (special(v)) {
      // [BOI] / [EOI] belong to the image they open or close.
      int64_t image = -1;
      if (v == sp.boi && i + 1 < n && isImageSlot(items[i + 1])) image = slotImage(items[i + 1]);
      if (v == sp.eoi && i > 0 && isImageSlot(items[i - 1])) image = slotImage(items[i - 1]);
      push(v, false, -1);
      span(v == sp.bos   ? K::Bos
           : v == sp.eos ? K::Eos
           : v == sp.boi ? K::Boi
                         : K::Eoi,
           begin, image);
      ++i;
    } else {
      while (i < n && !isImageSlot(items[i]) && !special(items[i])) push(items[i++], false, -1);
      span(K::Text, begin, -1);
    }
  }
  return l;
}

SequenceLayout layoutFromItems(const std::vector<int64_t>& items, int64_t patchesPerImage,
                               const SpecialTokens& sp) {
  int64_t images = 0;
  for (auto v : items)
    if (isImageSlot(v)) images = std::max(images, slotImage(v) + 1);
  return layoutFromItems(items, std::vector<int64_t>(size_t(images), patchesPerImage), sp);
}

Document& Document::addText(const std::vector<int64_t>& tokens) {
  items.insert(items.end(), tokens.begin(), tokens.end());
  return *this;
}

Document& Document::addImage(DocImage image, const SpecialTokens& sp) {
  items.push_back(sp.boi);
  items.push_back(imageSlot(int64_t(images.size())));
  items.push_back(sp.eoi);
  images.push_back(std::move(image));
  return *this;
}

Document& Document::addLatent(const torch::Tensor& latent, int64_t timestep,
                              const SpecialTokens& sp, bool diffusionLoss,
                              const torch::Tensor& noise) {
  if (!latent.defined() || latent.dim() != 3)
    throw DataError("Document::addLatent: latent must be [C,h,w]");
  if (noise.defined() && noise.sizes() != latent.sizes())
    throw DataError("Document::addLatent: noise must have the latent's shape");
  DocImage im;
  im.image = latent;
  im.noise = noise;
  im.timestep = timestep;
  im.diffusionWeight = diffusionLoss ? 1.0f : 0.0f;
  return addImage(std::move(im), sp);
}

int64_t Document::length() const {
  return textLength() + int64_t(images.size()) * patchesPerImage;
}

int64_t Document::textLength() const {
  int64_t n = 0;
  for (auto v : items)
    if (!isImageSlot(v)) ++n;
  return n;
}

SequenceLayout Document::layout(const SpecialTokens& sp) const {
  return layoutFromItems(items, std::vector<int64_t>(images.size(), patchesPerImage), sp);
}

Batch packRows(const std::vector<std::vector<Document>>& rows, int64_t rowLength,
               const SpecialTokens& sp, const LatentEncoder& encode,
               const std::vector<int64_t>& latentShape) {
  if (rows.empty()) throw DataError("internal: packRows got no rows");
  std::vector<SequenceLayout> layouts(rows.size());
  std::vector<std::string> ids;
  std::vector<torch::Tensor> pixels, noises;
  std::vector<int64_t> steps;
  std::vector<float> weights;
  std::vector<torch::Tensor> maps;
  bool anyMap = false;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (const Document& doc : rows[r]) {
      if (layouts[r].length() + doc.length() > rowLength)
        throw DataError("internal: a document of " + std::to_string(doc.length()) +
                        " positions does not fit the row (" +
                        std::to_string(rowLength - layouts[r].length()) + " left)");
      layouts[r].append(doc.layout(sp), int64_t(pixels.size()));
      for (const DocImage& img : doc.images) {
        ids.push_back(img.id);
        pixels.push_back(img.image);
        noises.push_back(img.noise);
        steps.push_back(img.timestep);
        weights.push_back(img.diffusionWeight);
        maps.push_back(img.lossMap);
        anyMap = anyMap || img.lossMap.defined();
      }
    }
    layouts[r].padTo(rowLength, sp.pad);
  }
  Batch b = batchFromLayouts(layouts);
  if (pixels.empty()) {
    std::vector<int64_t> empty{0};
    empty.insert(empty.end(), latentShape.begin(), latentShape.end());
    b.latents = torch::zeros(empty);
    b.noise = torch::zeros(empty);
    b.timesteps = torch::zeros({0}, torch::kLong);
    b.diffusionWeight = torch::zeros({0});
  } else {
    b.latents = encode(ids, torch::stack(pixels)).to(torch::kFloat32);
    b.noise = torch::stack(noises).to(b.latents.options());
    b.timesteps = torch::tensor(steps, torch::kLong);
    b.diffusionWeight = torch::tensor(weights, torch::kFloat);
    if (anyMap) {
      const int64_t h = b.latents.size(2), w = b.latents.size(3);
      std::vector<torch::Tensor> grid;
      for (const auto& m : maps) {
        if (!m.defined()) {
          grid.push_back(torch::ones({1, h, w}));
          continue;
        }
        if (m.dim() != 2 || m.size(0) % h || m.size(1) % w)
          throw DataError(
              "internal: an image's loss map must be [H, W] in multiples of the latent "
              "grid");
        grid.push_back(
            std::get<0>(torch::adaptive_max_pool2d(m.to(torch::kFloat).unsqueeze(0), {h, w})));
      }
      b.lossMap = torch::stack(grid);
    }
  }
  return b;
}

Batch packDocuments(const std::vector<Document>& docs, const PackOptions& opts) {
  if (docs.empty()) throw DataError("packDocuments: no documents to pack");
  std::vector<std::vector<Document>> rows(1);
  int64_t used = 0;
  std::vector<int64_t> shape;
  for (size_t d = 0; d < docs.size(); ++d) {
    Document doc = docs[d];
    for (auto& im : doc.images) {
      const auto& latent = im.image;
      if (!latent.defined() || latent.dim() != 3)
        throw DataError("packDocuments: document " + std::to_string(d) +
                        " has an image that is not a [C,h,w] latent");
      if (shape.empty()) shape = latent.sizes().vec();
      if (latent.sizes().vec() != shape)
        throw DataError("packDocuments: images of one batch must share a latent shape");
      if (latent.size(1) % opts.patchSize || latent.size(2) % opts.patchSize)
        throw DataError("packDocuments: latent size is not divisible by the patch size");
      if (!im.noise.defined()) im.noise = torch::randn_like(latent);
    }
    doc.patchesPerImage = doc.images.empty() ? 0 : patchesOf(doc.images[0].image, opts.patchSize);
    if (doc.length() > opts.rowLength)
      throw DataError("packDocuments: document " + std::to_string(d) + " needs " +
                      std::to_string(doc.length()) + " positions but rows hold " +
                      std::to_string(opts.rowLength) + "; raise the row length or shorten it");
    if (used + doc.length() > opts.rowLength) {
      rows.emplace_back();
      used = 0;
    }
    used += doc.length();
    rows.back().push_back(std::move(doc));
  }
  if (opts.rows) {
    if (int64_t(rows.size()) > *opts.rows)
      throw DataError("packDocuments: the documents need " + std::to_string(rows.size()) +
                      " rows but only " + std::to_string(*opts.rows) + " were asked for");
    while (int64_t(rows.size()) < *opts.rows) rows.emplace_back();
  }
  const LatentEncoder identity = [](const std::vector<std::string>&, const torch::Tensor& x) {
    return x;
  };
  Batch b = packRows(rows, opts.rowLength, opts.special, identity, shape);
  if (b.images() == 0) {  // a text-only batch carries no image tensors at all
    b.latents = torch::Tensor();
    b.noise = torch::Tensor();
    b.timesteps = torch::Tensor();
    b.diffusionWeight = torch::Tensor();
    b.lossMap = torch::Tensor();
  }
  return b;
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

SequenceLayout parseLayout(const std::string& spec, const SpecialTokens& sp) {
  SequenceLayout all;
  std::vector<int64_t> items, patches;  // the document being read
  int64_t images = 0;
  auto finishDoc = [&] {
    if (items.empty()) throw UsageError("layout '" + spec + "' has an empty document");
    all.append(layoutFromItems(items, patches, sp), images);
    images += int64_t(patches.size());
    items.clear();
    patches.clear();
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
    if (kind == "text") {
      items.insert(items.end(), size_t(n), sp.eoi + 1);  // an ordinary (non-special) id
    } else {
      items.push_back(sp.boi);
      items.push_back(imageSlot(int64_t(patches.size())));
      items.push_back(sp.eoi);
      patches.push_back(n);
    }
    item.clear();
    if (c == '|') finishDoc();
  }
  finishDoc();
  return all;
}

}  // namespace tfs
