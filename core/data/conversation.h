#pragma once

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/data/conversation_file.h"  // Role, the on-disk format

namespace tfs {

// One piece of a message: text, or an image [C, H, W] float32 in [-1, 1].
struct Part {
  std::string text;
  torch::Tensor image;
  bool isImage() const { return image.defined(); }
  static Part fromText(std::string text) { return Part{std::move(text), {}}; }
  static Part fromImage(torch::Tensor image) { return Part{{}, std::move(image)}; }
};

struct Message {
  Role role = Role::User;
  std::vector<Part> parts;
};

// An ordered, interleaved text+image exchange. The model sees it as one document
// [BOS] part part …; images as [BOI] patches [EOI]. Roles are not tokens (the model was not trained
// with chat markers): they only record who said what.
class Conversation {
 public:
  std::vector<Message> messages;

  // Appends to the last message when it has the same role, else starts a new one.
  void add(Role role, Part part);
  void addText(Role role, const std::string& text) { add(role, Part::fromText(text)); }
  void addImage(Role role, const torch::Tensor& image) { add(role, Part::fromImage(image)); }
  bool empty() const { return messages.empty(); }
  int64_t imageCount() const;

  // conversation.json (ConversationFile, one branch) + image-<k>.png beside it in dir (created).
  // Throws IoError.
  void save(const std::string& dir) const;
  // Reads dir/conversation.json (or any .json path) in the shared format — also one the studio
  // saved with branches: the branch it showed is the conversation — and decodes its images.
  // Throws IoError/DataError.
  static Conversation load(const std::string& path);
  // The messages as one linear branch of the file format; imageFiles[k] names the k-th image.
  ConversationFile toFile(const std::vector<std::string>& imageFiles) const;
};

}  // namespace tfs
