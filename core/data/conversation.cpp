#include "core/data/conversation.h"

#include <filesystem>
#include <fstream>

#include "core/base/error.h"
#include "core/data/image_io.h"

namespace tfs {

namespace fs = std::filesystem;

std::string roleName(Role role) {
  return role == Role::User ? "user" : "model";
}

Role parseRole(const std::string& name) {
  if (name == "user") return Role::User;
  if (name == "model") return Role::Model;
  throw DataError("conversation: role must be 'user' or 'model', got '" + name + "'");
}

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

nlohmann::json Conversation::toJson(const std::vector<std::string>& imageFiles) const {
  nlohmann::json j;
  j["format"] = "transfusion-conversation";
  j["version"] = 1;
  j["messages"] = nlohmann::json::array();
  size_t k = 0;
  for (const auto& m : messages) {
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& p : m.parts) {
      if (p.isImage()) {
        parts.push_back({{"image", k < imageFiles.size() ? imageFiles[k] : ""}});
        ++k;
      } else {
        parts.push_back({{"text", p.text}});
      }
    }
    j["messages"].push_back({{"role", roleName(m.role)}, {"parts", parts}});
  }
  return j;
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
  const auto path = (fs::path(dir) / "conversation.json").string();
  const auto tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    if (!out) throw IoError("cannot write " + tmp + ": check the folder's permissions");
    out << toJson(files).dump(2) << "\n";
    if (!out) throw IoError("short write to " + tmp + ": is the disk full?");
  }
  fs::rename(tmp, path, ec);
  if (ec) throw IoError("cannot rename " + tmp + " to " + path + ": " + ec.message());
}

Conversation Conversation::load(const std::string& path) {
  fs::path file = path;
  if (fs::is_directory(file)) file /= "conversation.json";
  std::ifstream in(file);
  if (!in) throw IoError("cannot open conversation " + file.string() + ": does it exist?");
  nlohmann::json j;
  try {
    in >> j;
  } catch (const nlohmann::json::exception& e) {
    throw DataError("conversation " + file.string() + " is not valid JSON: " + e.what());
  }
  Conversation c;
  try {
    for (const auto& m : j.at("messages")) {
      Role role = parseRole(m.at("role").get<std::string>());
      for (const auto& p : m.at("parts")) {
        if (p.contains("image")) {
          auto img = (file.parent_path() / p.at("image").get<std::string>()).string();
          c.add(role, Part::fromImage(decodeImageFile(img, 3)));
        } else {
          c.add(role, Part::fromText(p.at("text").get<std::string>()));
        }
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw DataError("conversation " + file.string() + " is malformed: " + e.what());
  }
  return c;
}

}  // namespace tfs
