#include "core/train/document.h"

#include "core/base/error.h"

namespace tfs {

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

}  // namespace tfs
