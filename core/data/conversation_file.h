#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tfs {

enum class Role { User, Model };
std::string roleName(Role role);
Role parseRole(const std::string& name);  // "user" | "model"; DataError otherwise

// The one on-disk conversation format, read and written by `transfusion chat` (core Conversation)
// and the studio's Conversation workspace, branches included:
//
//   {"format": "transfusion-conversation", "version": 2,
//    "nodes": [{"id": 0, "parent": -1, "children": [1], "active_child": 1},          // the root
//              {"id": 1, "parent": 0, "children": [2, 3], "active_child": 3,
//               "role": "user", "parts": [{"text": "draw a bag"},
//                                         {"image": "talk_images/n1_p1.png", "params": {...}}]}]}
//
// Every message is a node; its children are the alternative next messages (an edited prompt, a
// regenerated reply) and active_child the one shown, so the conversation is the path of active
// children from the root. Images are PNG files referenced relative to the JSON file (never
// absolute, never through ".."), so a folder can be moved as a whole. Also read: version 1 of
// this format (a linear "messages" list, written by `chat` before branches) and the studio's
// former "transfusion-chat" files.
struct ConversationFilePart {
  bool image = false;
  std::string text;                                  // text parts
  std::string file;                                  // image parts: relative path, "" = none yet
  nlohmann::json params = nlohmann::json::object();  // how a generated image was made
};

struct ConversationFileNode {
  int parent = -1;
  int activeChild = -1;
  std::vector<int> children;
  Role role = Role::User;  // unused for the root
  std::vector<ConversationFilePart> parts;
};

struct ConversationFile {
  static constexpr const char* kFormat = "transfusion-conversation";
  static constexpr int kVersion = 2;

  std::vector<ConversationFileNode> nodes{ConversationFileNode{}};  // [0] is the root

  // Appends a message after `parent` and makes it the active child; returns its id.
  int add(int parent, Role role, std::vector<ConversationFilePart> parts);
  // Node ids from the first message to the shown last one (the root excluded).
  std::vector<int> activePath() const;

  nlohmann::json toJson() const;
  // DataError naming `where` and what is wrong (a bad role, a link that is not a tree, an image
  // reference that leaves the folder, a newer version).
  static ConversationFile fromJson(const nlohmann::json& j, const std::string& where);
  // IoError when unreadable; DataError when it is not a conversation.
  static ConversationFile read(const std::string& path);
  // Written to a temporary name and renamed: a kill leaves the previous file. IoError.
  void write(const std::string& path) const;
};

}  // namespace tfs
