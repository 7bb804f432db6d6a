#include "core/train/document.h"

#include "core/base/error.h"

namespace tfs {

int64_t Document::length() const {
  return textLength() + static_cast<int64_t>(images.size()) * patchesPerImage;
}

int64_t Document::textLength() const {
  int64_t n = 0;
  for (auto v : items)
    if (!DocumentItems::isSlot(v)) ++n;
  return n;
}

Document documentFromLayout(DocumentItems layout, std::vector<DocImage> images, int64_t patches) {
  if (layout.imageCount != static_cast<int64_t>(images.size()))
    throw DataError("internal: a layout with " + std::to_string(layout.imageCount) +
                    " images got " + std::to_string(images.size()));
  Document d;
  d.items = std::move(layout.items);
  d.images = std::move(images);
  d.patchesPerImage = patches;
  return d;
}

Document captionFirstDocument(const Tokenizer& tok, const std::vector<int64_t>& caption,
                              DocImage image, int64_t patches) {
  std::vector<DocImage> imgs;
  imgs.push_back(std::move(image));
  return documentFromLayout(captionFirstLayout(tok.special(), caption), std::move(imgs), patches);
}

Document imageFirstDocument(const Tokenizer& tok, const std::vector<int64_t>& caption,
                            DocImage image, int64_t patches) {
  std::vector<DocImage> imgs;
  imgs.push_back(std::move(image));
  return documentFromLayout(imageFirstLayout(tok.special(), caption), std::move(imgs), patches);
}

Document textDocument(const Tokenizer& tok, const std::vector<int64_t>& text) {
  Document d = documentFromLayout(textLayout(tok.special(), text), {}, 0);
  d.textOnly = true;
  return d;
}

Document editDocument(const Tokenizer& tok, DocImage input, const std::vector<int64_t>& instruction,
                      DocImage output, int64_t patches) {
  input.timestep = 0;
  input.diffusionWeight = 0.0f;
  std::vector<DocImage> imgs;
  imgs.push_back(std::move(input));
  imgs.push_back(std::move(output));
  return documentFromLayout(editLayout(tok.special(), instruction), std::move(imgs), patches);
}

Document dialogueDocument(const Tokenizer& tok, const Conversation& conversation,
                          std::vector<DocImage> images, int64_t patches) {
  auto layout = dialogueLayout(
      conversation, tok.special(), [&](const std::string& t) { return tok.encode(t); }, false);
  for (size_t k = 0; k < images.size() && k < layout.imageRoles.size(); ++k) {
    if (layout.imageRoles[k] != Role::User) continue;
    images[k].timestep = 0;
    images[k].diffusionWeight = 0.0f;
    images[k].noise = torch::zeros_like(images[k].noise);
  }
  return documentFromLayout(std::move(layout.doc), std::move(images), patches);
}

Batch packRows(const std::vector<std::vector<Document>>& rows, int64_t rowLength, int64_t padId,
               const LatentEncoder& encode, const std::vector<int64_t>& latentShape) {
  const int64_t B = static_cast<int64_t>(rows.size()), L = rowLength;
  auto i64 = torch::TensorOptions().dtype(torch::kInt64);
  auto tokens = torch::full({B, L}, padId, i64);
  auto patch = torch::zeros({B, L}, torch::kBool);
  auto positions = torch::zeros({B, L}, i64);
  auto docIds = torch::full({B, L}, -1, i64);
  auto imageIds = torch::full({B, L}, -1, i64);
  auto lm = torch::full({B, L}, -100, i64);
  auto tk = tokens.accessor<int64_t, 2>();
  auto pm = patch.accessor<bool, 2>();
  auto ps = positions.accessor<int64_t, 2>();
  auto dc = docIds.accessor<int64_t, 2>();
  auto im = imageIds.accessor<int64_t, 2>();
  auto tg = lm.accessor<int64_t, 2>();

  std::vector<std::string> ids;
  std::vector<torch::Tensor> pixels, noises, steps, weights;
  for (int64_t r = 0; r < B; ++r) {
    int64_t o = 0;
    for (size_t d = 0; d < rows[r].size(); ++d) {
      const Document& doc = rows[r][d];
      if (o + doc.length() > L)
        throw DataError("internal: a document of " + std::to_string(doc.length()) +
                        " positions does not fit the row (" + std::to_string(L - o) + " left)");
      int64_t pos = 0;
      for (int64_t v : doc.items) {
        if (!DocumentItems::isSlot(v)) {
          tk[r][o] = v;
          ps[r][o] = pos++;
          dc[r][o] = static_cast<int64_t>(d);
          ++o;
          continue;
        }
        const DocImage& img = doc.images.at(static_cast<size_t>(DocumentItems::slotImage(v)));
        const int64_t n = static_cast<int64_t>(pixels.size());
        ids.push_back(img.id);
        pixels.push_back(img.image);
        noises.push_back(img.noise);
        steps.push_back(torch::tensor(img.timestep, i64));
        weights.push_back(torch::tensor(img.diffusionWeight));
        for (int64_t p = 0; p < doc.patchesPerImage; ++p) {
          pm[r][o] = true;
          im[r][o] = n;
          ps[r][o] = pos++;
          dc[r][o] = static_cast<int64_t>(d);
          ++o;
        }
      }
    }
    for (int64_t i = 0; i + 1 < L; ++i) {
      if (dc[r][i] >= 0 && dc[r][i] == dc[r][i + 1] && !pm[r][i] && !pm[r][i + 1])
        tg[r][i] = tk[r][i + 1];
    }
  }
  Batch b;
  b.tokens = tokens;
  b.patchMask = patch;
  b.positions = positions;
  b.docIds = docIds;
  b.imageIds = imageIds;
  b.lmTargets = lm;
  std::vector<int64_t> empty{0};
  empty.insert(empty.end(), latentShape.begin(), latentShape.end());
  if (pixels.empty()) {
    b.latents = torch::zeros(empty);
    b.noise = torch::zeros(empty);
    b.timesteps = torch::zeros({0}, i64);
    b.diffusionWeight = torch::zeros({0});
  } else {
    b.latents = encode(ids, torch::stack(pixels)).to(torch::kFloat32);
    b.noise = torch::stack(noises);
    b.timesteps = torch::stack(steps);
    b.diffusionWeight = torch::stack(weights);
  }
  return b;
}

}  // namespace tfs
