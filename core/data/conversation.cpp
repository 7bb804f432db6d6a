#include "core/data/conversation.h"

#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/data/image_io.h"

namespace tfs {

namespace fs = std::filesystem;

void Conversation::add(Role role, Part part) {
  if (messages.empty() || messages.back().role != role) messages.push_back(Message{role, {}});
  messages.back().parts.push_back(std::move(part));
}

int64_t Conversation::imageCount() const {
  int64_t n = 0;
  for (const auto& m : messages)
    for (const auto& p : m.parts) n += p.isImage() ? 1 : 0;
  return n;
}

ConversationFile Conversation::toFile(const std::vector<std::string>& imageFiles) const {
  ConversationFile f;
  int at = 0;
  size_t k = 0;
  for (const auto& m : messages) {
    std::vector<ConversationFilePart> parts;
    for (const auto& p : m.parts) {
      ConversationFilePart fp;
      fp.image = p.isImage();
      if (fp.image)
        fp.file = k < imageFiles.size() ? imageFiles[k++] : "";
      else
        fp.text = p.text;
      parts.push_back(std::move(fp));
    }
    at = f.add(at, m.role, std::move(parts));
  }
  return f;
}

void Conversation::save(const std::string& dir) const {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw IoError("cannot create conversation folder " + dir + ": " + ec.message());
  std::vector<std::string> files;
  int k = 0;
  for (const auto& m : messages) {
    for (const auto& p : m.parts) {
      if (!p.isImage()) continue;
      std::string name = "image-" + std::to_string(k++) + ".png";
      savePng(p.image, (fs::path(dir) / name).string());
      files.push_back(name);
    }
  }
  toFile(files).write((fs::path(dir) / "conversation.json").string());
}

Conversation Conversation::load(const std::string& path) {
  fs::path file = path;
  if (fs::is_directory(file)) file /= "conversation.json";
  const auto f = ConversationFile::read(file.string());
  Conversation c;
  for (int id : f.activePath()) {
    const auto& n = f.nodes[size_t(id)];
    for (const auto& p : n.parts) {
      if (!p.image) {
        c.add(n.role, Part::fromText(p.text));
      } else if (!p.file.empty()) {
        const auto img = (file.parent_path() / p.file).string();
        try {
          c.add(n.role, Part::fromImage(decodeImageFile(img, 3)));
        } catch (const std::exception& e) {
          throw DataError("conversation " + file.string() + ": cannot read its image " + img +
                          " (" + e.what() + "); keep the images next to the conversation");
        }
      }  // an image the studio had not finished drawing: nothing to show
    }
  }
  return c;
}

}  // namespace tfs
