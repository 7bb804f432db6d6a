#include "core/data/conversation_file.h"

#include <cstdint>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/base/error.h"

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

int ConversationFile::add(int parent, Role role, std::vector<ConversationFilePart> parts) {
  if (parent < 0 || parent >= int(nodes.size()))
    throw DataError("conversation: no node " + std::to_string(parent) + " to reply to");
  ConversationFileNode n;
  n.parent = parent;
  n.role = role;
  n.parts = std::move(parts);
  nodes.push_back(std::move(n));
  const int id = int(nodes.size()) - 1;
  nodes[size_t(parent)].children.push_back(id);
  nodes[size_t(parent)].activeChild = id;
  return id;
}

std::vector<int> ConversationFile::activePath() const {
  std::vector<int> path;
  int at = nodes.empty() ? -1 : nodes[0].activeChild;
  while (at > 0 && at < int(nodes.size()) && path.size() < nodes.size()) {
    path.push_back(at);
    at = nodes[size_t(at)].activeChild;
  }
  return path;
}

nlohmann::json ConversationFile::toJson() const {
  nlohmann::json arr = nlohmann::json::array();
  for (size_t id = 0; id < nodes.size(); ++id) {
    const auto& n = nodes[id];
    nlohmann::json o = {{"id", int(id)},
                        {"parent", n.parent},
                        {"children", n.children},
                        {"active_child", n.activeChild}};
    if (id > 0) {
      o["role"] = roleName(n.role);
      nlohmann::json parts = nlohmann::json::array();
      for (const auto& p : n.parts) {
        nlohmann::json po;
        if (p.image) {
          po["image"] = p.file;
          if (!p.params.empty()) po["params"] = p.params;
        } else {
          po["text"] = p.text;
        }
        parts.push_back(po);
      }
      o["parts"] = parts;
    }
    arr.push_back(o);
  }
  return {{"format", kFormat}, {"version", kVersion}, {"nodes", arr}};
}

namespace {

void checkImageReference(const std::string& file, const std::string& where) {
  const fs::path p(file);
  bool up = false;
  for (const auto& c : p) up |= c == "..";
  if (p.is_absolute() || up)
    throw DataError(where + " refers to an image outside its folder (" + file +
                    "); image references are relative to the conversation file");
}

ConversationFilePart partFromJson(const nlohmann::json& po, const std::string& where) {
  ConversationFilePart p;
  // v2 / v1: {"text": …} | {"image": FILE}; the studio's former files: {"type", "text"/"file"}.
  const std::string type = po.value("type", po.contains("image") ? "image" : "text");
  if (type == "image") {
    p.image = true;
    if (po.contains("image") && po["image"].is_string()) p.file = po["image"].get<std::string>();
    if (po.contains("file") && po["file"].is_string()) p.file = po["file"].get<std::string>();
    if (!p.file.empty()) checkImageReference(p.file, where);
    if (po.contains("params") && po["params"].is_object()) p.params = po["params"];
  } else if (type == "text") {
    p.text = po.at("text").get<std::string>();
  } else {
    throw DataError(where + ": unknown part type '" + type + "'");
  }
  return p;
}

}  // namespace

namespace {

// An integer member (a version, a node id or link); huge or fractional numbers are malformed, not
// wrapped (found by tests/fuzz: 8.9e22 as "version").
int intValue(const nlohmann::json& v, const char* key, const std::string& where) {
  const bool fits = (v.is_number_integer() && !v.is_number_unsigned() &&
                     v.get<int64_t>() >= INT32_MIN && v.get<int64_t>() <= INT32_MAX) ||
                    (v.is_number_unsigned() && v.get<uint64_t>() <= uint64_t(INT32_MAX));
  if (!fits)
    throw DataError(where + " is malformed: \"" + key + "\" must be a whole number, got " +
                    v.dump());
  return int(v.get<int64_t>());
}

int intMember(const nlohmann::json& o, const char* key, int fallback, const std::string& where) {
  return o.is_object() && o.contains(key) ? intValue(o[key], key, where) : fallback;
}

}  // namespace

ConversationFile ConversationFile::fromJson(const nlohmann::json& j, const std::string& where) {
  if (!j.is_object()) throw DataError(where + " is not a conversation (not a JSON object)");
  if (j.contains("format") && !j["format"].is_string())
    throw DataError(where + " is malformed: \"format\" has the wrong type (" +
                    j["format"].type_name() + ")");
  const std::string format = j.value("format", std::string());
  const int version = intMember(j, "version", 1, where);
  const bool studioV1 = format == "transfusion-chat";
  if (format != kFormat && !studioV1)
    throw DataError(where + " is not a conversation (no \"format\": \"" + std::string(kFormat) +
                    "\")");
  if (!studioV1 && version > kVersion)
    throw DataError(where + " was written by a newer version (format version " +
                    std::to_string(version) + "); update transfusion to open it");
  ConversationFile f;
  try {
    if (!studioV1 && version < 2) {
      // Version 1: one linear list of messages.
      int at = 0;
      for (const auto& m : j.at("messages")) {
        std::vector<ConversationFilePart> parts;
        for (const auto& po : m.at("parts")) parts.push_back(partFromJson(po, where));
        at = f.add(at, parseRole(m.at("role").get<std::string>()), std::move(parts));
      }
      return f;
    }
    const auto& arr = j.at("nodes");
    if (!arr.is_array() || arr.empty()) throw DataError(where + " has no nodes");
    f.nodes.assign(arr.size(), ConversationFileNode{});
    for (size_t i = 0; i < arr.size(); ++i) {
      const auto& o = arr[i];
      if (!o.is_object())
        throw DataError(where + ": node " + std::to_string(i) + " is not an object");
      if (intMember(o, "id", -1, where) != int(i))
        throw DataError(where + ": node " + std::to_string(i) +
                        " is out of order; the file is "
                        "damaged");
      auto& n = f.nodes[i];
      n.parent = intMember(o, "parent", -1, where);
      n.activeChild = intMember(o, "active_child", -1, where);
      if (o.contains("children")) {
        if (!o["children"].is_array())
          throw DataError(where + ": node " + std::to_string(i) + "'s children are not a list");
        for (const auto& c : o["children"]) n.children.push_back(intValue(c, "children", where));
      }
      if (i > 0) {
        n.role = parseRole(o.value("role", std::string("user")));
        for (const auto& po : o.value("parts", nlohmann::json::array()))
          n.parts.push_back(partFromJson(po, where));
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw DataError(where + " is malformed: " + e.what());
  }
  // The links must form a tree rooted at node 0 whose active children are among its children.
  const int count = int(f.nodes.size());
  if (f.nodes[0].parent != -1) throw DataError(where + ": the root node has a parent");
  for (int i = 0; i < count; ++i) {
    const auto& n = f.nodes[size_t(i)];
    if (i > 0) {
      if (n.parent < 0 || n.parent >= i)
        throw DataError(where + ": node " + std::to_string(i) +
                        " has no earlier parent; the branches do not form a tree");
      const auto& sib = f.nodes[size_t(n.parent)].children;
      if (std::find(sib.begin(), sib.end(), i) == sib.end())
        throw DataError(where + ": node " + std::to_string(i) +
                        " is missing from its parent's children; the file is damaged");
    }
    for (int c : n.children)
      if (c <= i || c >= count || f.nodes[size_t(c)].parent != i)
        throw DataError(where + ": node " + std::to_string(i) + " lists child " +
                        std::to_string(c) + " that is not its child; the file is damaged");
    if (n.activeChild != -1 &&
        std::find(n.children.begin(), n.children.end(), n.activeChild) == n.children.end())
      throw DataError(where + ": node " + std::to_string(i) +
                      "'s active child is not one of its children; the file is damaged");
  }
  return f;
}

ConversationFile ConversationFile::read(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw IoError("cannot open conversation " + path + ": does it exist?");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);  // the whole file: trailing bytes are an error too
  } catch (const nlohmann::json::exception& e) {
    throw DataError("conversation " + path + " is not valid JSON: " + e.what());
  }
  return fromJson(j, "conversation " + path);
}

void ConversationFile::write(const std::string& path) const {
  const auto tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    if (!out) throw IoError("cannot write " + tmp + ": check the folder's permissions");
    out << toJson().dump(2) << "\n";
    out.flush();
    if (!out) throw IoError("short write to " + tmp + ": is the disk full?");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw IoError("cannot rename " + tmp + " to " + path + ": " + ec.message());
}

}  // namespace tfs
