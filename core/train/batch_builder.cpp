#include "core/train/batch_builder.h"

#include <spdlog/spdlog.h>

#include "core/base/error.h"
#include "core/train/dialogue.h"

namespace tfs {

namespace {

std::vector<int64_t> latentShapeOf(const ModelConfig& m) {
  return {m.latentChannels, m.latentSize(), m.latentSize()};
}

constexpr int kMaxEmptyRecords = 1000;

}  // namespace

void checkImage(const ModelConfig& cfg, const torch::Tensor& image, const std::string& id) {
  if (!image.defined() || image.dim() != 3 || image.size(0) != cfg.imageChannels ||
      image.size(1) != cfg.imageSize || image.size(2) != cfg.imageSize) {
    throw DataError("record \"" + id + "\" has an image of shape " +
                    (image.defined() ? c10::str(image.sizes()) : std::string("(none)")) +
                    " but the model wants [" + std::to_string(cfg.imageChannels) + ", " +
                    std::to_string(cfg.imageSize) + ", " + std::to_string(cfg.imageSize) +
                    "]; open the source with the model's image size and channels");
  }
}

BatchBuilder::BatchBuilder(const ModelConfig& model, const TrainConfig& train, const Tokenizer& tok,
                           std::vector<ExampleSource*> imageSources, ExampleSource* textSource,
                           LatentEncoder encode, std::vector<EditSource*> editSources,
                           uint64_t stream)
    : DocumentPacker(
          train.batchRows, train.rowLength, tok.special(), std::move(encode), latentShapeOf(model),
          stream == 0 ? mixSeed(train.seed, 0xB47C) : mixSeed(mixSeed(train.seed, 0xB47C), stream)),
      model_(model),
      train_(train),
      tok_(tok) {
  if (imageSources.empty() && editSources.empty() && !textSource)
    throw ConfigError("training needs data: at least one image–caption source or a text corpus",
                      "data");
  if (!imageSources.empty() && train.rowLength < model.patchesPerImage() + 4)
    throw ConfigError("train config: rowLength " + std::to_string(train.rowLength) +
                      " cannot hold one image of " + std::to_string(model.patchesPerImage()) +
                      " patches plus BOS/BOI/EOI/EOS; raise rowLength to at least " +
                      std::to_string(model.patchesPerImage() + 8));
  if (train.rowLength > model.maxSeqLen)
    throw ConfigError("train config: rowLength " + std::to_string(train.rowLength) +
                      " exceeds the model's maxSeqLen " + std::to_string(model.maxSeqLen) +
                      "; lower rowLength");
  if (!editSources.empty() && !imageSources.empty() && train.editProb <= 0)
    throw ConfigError(
        "train config: editing data is given but editProb is 0; set editProb (the "
        "share of image documents that are editing triplets), e.g. 0.5");
  if (!editSources.empty() && train.rowLength < 2 * model.patchesPerImage() + 7)
    throw ConfigError("train config: rowLength " + std::to_string(train.rowLength) +
                      " cannot hold an edit (two images of " +
                      std::to_string(model.patchesPerImage()) + " patches); raise it to at least " +
                      std::to_string(2 * model.patchesPerImage() + 16));
  if (editSources.empty() && train.editProb > 0)
    spdlog::warn("editProb {} is set but no editing data is given (e.g. the shapes-edit spec)",
                 train.editProb);
  uint64_t k = 1;
  for (auto* s : imageSources) images_.emplace_back(s, mixSeed(train.seed, k++));
  for (auto* s : editSources) edits_.emplace_back(s, mixSeed(train.seed, 0xED00 + k++));
  if (textSource && train.textImageRatio > 0)
    text_.emplace(textSource, mixSeed(train.seed, 0x7E47));
}

void BatchBuilder::noteTruncation(const std::string& id, size_t from, size_t to) {
  ++counters_.truncated;
  if (counters_.truncated <= 5)
    spdlog::warn("record \"{}\": text of {} tokens cut to {} to fit a row of {} positions{}", id,
                 from, to, train_.rowLength,
                 counters_.truncated == 5 ? " (further cuts are counted, not logged)" : "");
}

Document BatchBuilder::makeDocument() {
  const bool textTurn =
      text_ && (images_.empty() || static_cast<double>(counters_.textTokens) <
                                       train_.textImageRatio * counters_.imagePatches);
  return textTurn ? makeTextDocument() : makeImageDocument();
}

Document BatchBuilder::makeTextDocument() {
  for (int tries = 0; tries < kMaxEmptyRecords; ++tries) {
    Example ex = text_->next();
    auto ids = tok_.encode(ex.text);
    if (ids.empty()) continue;
    const size_t room = static_cast<size_t>(train_.rowLength - 2);
    if (ids.size() > room) {
      noteTruncation(ex.id, ids.size(), room);
      ids.resize(room);
    }
    Document d = textDocument(tok_, ids);
    counters_.textTokens += d.length();
    ++counters_.textDocuments;
    return d;
  }
  throw DataError("the text corpus " + text_->source()->describe() + " gave " +
                  std::to_string(kMaxEmptyRecords) + " empty records in a row; check its format");
}

Example BatchBuilder::nextImageExample() {
  auto& cursor = images_[static_cast<size_t>(nextImageSource_)];
  nextImageSource_ = (nextImageSource_ + 1) % static_cast<int64_t>(images_.size());
  Example ex;
  for (int tries = 0;; ++tries) {
    ex = cursor.next();
    if (ex.image.defined()) break;
    if (tries >= kMaxEmptyRecords)
      throw DataError("the image source " + cursor.source()->describe() + " gave no image in " +
                      std::to_string(kMaxEmptyRecords) + " records");
  }
  checkImage(model_, ex.image, ex.id);
  return ex;
}

DocImage BatchBuilder::noisedImage(const Example& ex, int64_t timestep) {
  DocImage img;
  img.id = ex.id;
  img.image = ex.image.to(torch::kFloat32);
  img.noise = randn(latentShape());
  img.timestep = timestep;
  return img;
}

Document BatchBuilder::makeImageDocument() {
  double kind = uniform();
  if (!edits_.empty()) {
    // Only edits, or edits at editProb among the image sources' documents.
    if (images_.empty() || kind < train_.editProb) return makeEditDocument();
    kind = (kind - train_.editProb) / (1.0 - train_.editProb);
  }
  if (kind < train_.dialogueProb) return makeDialogueDocument();
  if (kind < train_.dialogueProb + train_.interleavedProb) return makeInterleavedDocument();
  return makeSingleImageDocument(nextImageExample());
}

Document BatchBuilder::makeEditDocument() {
  auto& cursor = edits_[static_cast<size_t>(nextEditSource_)];
  nextEditSource_ = (nextEditSource_ + 1) % static_cast<int64_t>(edits_.size());
  const EditExample ex = cursor.next();
  const bool drop = uniform() < model_.captionDropout;
  const int64_t t = randint(0, model_.diffusionSteps);
  auto d = editTrainingDocument(model_, tok_, ex, train_.rowLength, t, randn(latentShape()), drop,
                                &counters_.truncated, train_.editRegionWeight);
  counters_.imagePatches += model_.patchesPerImage();
  ++counters_.edits;
  return d;
}

Document BatchBuilder::makeSingleImageDocument(Example ex) {
  const int64_t P = model_.patchesPerImage();
  // A fixed number of draws per document keeps the stream reproducible whatever the branch.
  const bool drop = uniform() < model_.captionDropout;
  const bool captionFirst = uniform() < train_.captionFirstProb;
  const int64_t tFull = randint(0, model_.diffusionSteps);
  const int64_t tLimited = randint(0, model_.noiseLimit + 1);
  DocImage img = noisedImage(ex, 0);

  std::vector<int64_t> caption = drop ? std::vector<int64_t>{} : tok_.encode(ex.text);
  const size_t room = static_cast<size_t>(train_.rowLength - P - 4);
  if (caption.size() > room) {
    noteTruncation(ex.id, caption.size(), room);
    caption.resize(room);
  }
  Document d;
  if (caption.empty()) {
    img.timestep = tFull;
    d = imageFirstDocument(tok_, caption, std::move(img), P);
    ++counters_.unconditional;
  } else if (captionFirst) {
    img.timestep = tFull;
    d = captionFirstDocument(tok_, caption, std::move(img), P);
    ++counters_.captionFirst;
  } else {
    img.timestep = tLimited;
    d = imageFirstDocument(tok_, caption, std::move(img), P);
    ++counters_.imageFirst;
  }
  counters_.imagePatches += P;
  return d;
}

Document BatchBuilder::makeInterleavedDocument() {
  const int64_t P = model_.patchesPerImage();
  const int64_t wanted = randint(2, 9);
  std::vector<std::vector<int64_t>> captions;
  std::vector<DocImage> images;
  int64_t length = 2;  // BOS, EOS
  for (int64_t k = 0; k < wanted; ++k) {
    Example ex = nextImageExample();
    const int64_t t = randint(0, model_.diffusionSteps);
    auto cap = tok_.encode(ex.text);
    const int64_t add = int64_t(cap.size()) + P + 2;
    if (length + add > train_.rowLength) {
      if (images.empty()) return makeSingleImageDocument(std::move(ex));
      break;
    }
    length += add;
    captions.push_back(std::move(cap));
    images.push_back(noisedImage(ex, t));
  }
  counters_.imagePatches += P * int64_t(images.size());
  ++counters_.interleaved;
  return documentFromLayout(interleavedLayout(tok_.special(), captions), std::move(images), P);
}

Document BatchBuilder::makeDialogueDocument() {
  const int64_t P = model_.patchesPerImage();
  const int64_t wanted = randint(1, 9);  // exchanges
  Conversation conv;
  std::vector<DocImage> images;
  std::vector<std::string> captions;  // of the dialogue's images, in order
  int64_t lastModelImage = -1;
  auto length = [&](const Conversation& c) {
    return dialogueLayout(
               c, tok_.special(), [&](const std::string& t) { return tok_.encode(t); }, false)
        .doc.length(P);
  };
  for (int64_t k = 0; k < wanted; ++k) {
    Example ex = nextImageExample();
    const DialogueTurn turn =
        dialogueTurn(ex.text, captions, lastModelImage, uniform(), uniform(), uniform());
    const int64_t t = randint(0, model_.diffusionSteps);
    Conversation next = conv;
    applyDialogueTurn(next, turn, ex.image);
    if (length(next) > train_.rowLength) {
      if (images.empty()) return makeSingleImageDocument(std::move(ex));
      break;
    }
    conv = std::move(next);
    if (turn.usesImage) {
      images.push_back(noisedImage(ex, turn.imageByModel ? t : 0));
      captions.push_back(ex.text);
      if (turn.imageByModel) lastModelImage = int64_t(captions.size()) - 1;
    }
  }
  counters_.imagePatches += P * int64_t(images.size());
  ++counters_.dialogues;
  return dialogueDocument(tok_, conv, std::move(images), P);
}

nlohmann::json BatchBuilder::sourceState() const {
  nlohmann::json s;
  s["images"] = nlohmann::json::array();
  for (const auto& c : images_) s["images"].push_back(c.state());
  s["text"] = text_ ? text_->state() : nlohmann::json();
  s["nextImageSource"] = nextImageSource_;
  if (!edits_.empty()) {
    s["edits"] = nlohmann::json::array();
    for (const auto& c : edits_) s["edits"].push_back(c.state());
    s["nextEditSource"] = nextEditSource_;
  }
  s["counters"] = {
      {"textTokens", counters_.textTokens},       {"imagePatches", counters_.imagePatches},
      {"captionFirst", counters_.captionFirst},   {"imageFirst", counters_.imageFirst},
      {"unconditional", counters_.unconditional}, {"textDocuments", counters_.textDocuments},
      {"dialogues", counters_.dialogues},         {"interleaved", counters_.interleaved},
      {"truncated", counters_.truncated},         {"edits", counters_.edits}};
  return s;
}

void BatchBuilder::restoreSourceState(const nlohmann::json& s) {
  const auto& imgs = s.at("images");
  if (imgs.size() != images_.size())
    throw CheckpointError("the checkpoint was trained with " + std::to_string(imgs.size()) +
                              " image sources, this run has " + std::to_string(images_.size()) +
                              "; resume with the same data specs",
                          "data");
  for (size_t i = 0; i < images_.size(); ++i) images_[i].restore(imgs[i]);
  if (text_ && !s.at("text").is_null()) text_->restore(s.at("text"));
  nextImageSource_ = s.at("nextImageSource").get<int64_t>();
  const auto edits = s.value("edits", nlohmann::json::array());
  if (edits.size() != edits_.size())
    throw CheckpointError("the checkpoint was trained with " + std::to_string(edits.size()) +
                              " editing sources, this run has " + std::to_string(edits_.size()) +
                              "; resume with the same data specs",
                          "data");
  for (size_t i = 0; i < edits_.size(); ++i) edits_[i].restore(edits[i]);
  nextEditSource_ = s.value("nextEditSource", int64_t{0});
  const auto& c = s.at("counters");
  counters_.textTokens = c.at("textTokens");
  counters_.imagePatches = c.at("imagePatches");
  counters_.captionFirst = c.at("captionFirst");
  counters_.imageFirst = c.at("imageFirst");
  counters_.unconditional = c.at("unconditional");
  counters_.textDocuments = c.at("textDocuments");
  counters_.truncated = c.at("truncated");
  counters_.dialogues = c.value("dialogues", int64_t{0});
  counters_.interleaved = c.value("interleaved", int64_t{0});
  counters_.edits = c.value("edits", int64_t{0});
}

EditBatchBuilder::EditBatchBuilder(const ModelConfig& model, const TrainConfig& train,
                                   const Tokenizer& tok, EditSource* source, LatentEncoder encode)
    : DocumentPacker(train.batchRows, train.rowLength, tok.special(), std::move(encode),
                     latentShapeOf(model), mixSeed(train.seed, 0xED17)),
      model_(model),
      train_(train),
      tok_(tok),
      source_(source, mixSeed(train.seed, 0xED18)) {
  if (train.rowLength < 2 * model.patchesPerImage() + 7)
    throw ConfigError("train config: rowLength " + std::to_string(train.rowLength) +
                      " cannot hold an edit (two images of " +
                      std::to_string(model.patchesPerImage()) + " patches); raise it to at least " +
                      std::to_string(2 * model.patchesPerImage() + 16));
}

torch::Tensor editRegionLossMap(const ModelConfig& model, const torch::Tensor& input,
                                const torch::Tensor& output, double weight) {
  const int64_t p = model.patchSize * std::max<int64_t>(1, model.vaeFactor);
  auto changed = (output.to(torch::kFloat) - input.to(torch::kFloat)).abs().amax(0).gt(1e-3);
  const int64_t H = changed.size(0), W = changed.size(1);
  if (H % p || W % p) throw DataError("internal: image size is not a multiple of the patch size");
  // Any changed pixel marks its whole patch.
  auto patches = changed.view({H / p, p, W / p, p}).any(3).any(1).to(torch::kFloat);
  auto map = patches.repeat_interleave(p, 0).repeat_interleave(p, 1);
  return 1.0 + (weight - 1.0) * map;
}

Document editTrainingDocument(const ModelConfig& model, const Tokenizer& tok, const EditExample& ex,
                              int64_t rowLength, int64_t timestep, torch::Tensor noise,
                              bool dropInstruction, int64_t* truncated, double regionWeight) {
  checkImage(model, ex.input, ex.id + " (input)");
  checkImage(model, ex.output, ex.id + " (output)");
  const int64_t P = model.patchesPerImage();
  DocImage in, out;
  in.id = ex.id.empty() ? std::string() : ex.id + ":in";
  in.image = ex.input.to(torch::kFloat32);
  in.noise = torch::zeros_like(noise);
  out.id = ex.id.empty() ? std::string() : ex.id + ":out";
  out.image = ex.output.to(torch::kFloat32);
  out.noise = std::move(noise);
  out.timestep = timestep;
  if (regionWeight > 1) out.lossMap = editRegionLossMap(model, in.image, out.image, regionWeight);
  auto instr = dropInstruction ? std::vector<int64_t>{} : tok.encode(ex.instruction);
  const size_t room = static_cast<size_t>(rowLength - 2 * P - 6);
  if (instr.size() > room) {
    if (++*truncated <= 5) spdlog::warn("edit \"{}\": instruction cut to {} tokens", ex.id, room);
    instr.resize(room);
  }
  return editDocument(tok, std::move(in), instr, std::move(out), P);
}

Document EditBatchBuilder::makeDocument() {
  EditExample ex = source_.next();
  // A fixed number of draws per document keeps the stream reproducible whatever the branch.
  const bool drop = uniform() < model_.captionDropout;
  const int64_t t = randint(0, model_.diffusionSteps);
  return editTrainingDocument(model_, tok_, ex, train_.rowLength, t, randn(latentShape()), drop,
                              &truncated_, train_.editRegionWeight);
}

nlohmann::json EditBatchBuilder::sourceState() const {
  return {{"edit", source_.state()}, {"truncated", truncated_}};
}

void EditBatchBuilder::restoreSourceState(const nlohmann::json& s) {
  source_.restore(s.at("edit"));
  truncated_ = s.at("truncated").get<int64_t>();
}

}  // namespace tfs
