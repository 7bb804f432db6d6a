#pragma once

#include <QImage>
#include <QJsonObject>
#include <QString>
#include <vector>

namespace tfs::widgets {

enum class ChatRole { User, Model };

struct ChatPart {
  enum class Kind { Text, Image };
  Kind kind = Kind::Text;
  QString text;
  QImage image;
  QJsonObject params;  // how a generated image was made (prompt, seed, steps, ...)

  static ChatPart fromText(const QString& text) { return {Kind::Text, text, {}, {}}; }
  static ChatPart fromImage(const QImage& image, const QJsonObject& params = {}) {
    return {Kind::Image, {}, image, params};
  }
};

struct ChatMessage {
  ChatRole role = ChatRole::User;
  std::vector<ChatPart> parts;
};

// A conversation with branches: every message is a node whose children are the alternative
// next messages (an edited prompt, a regenerated reply). Each node remembers which child is
// active, so the shown conversation is the path of active children from the root.
class ChatModel {
 public:
  static constexpr int kRoot = 0;

  ChatModel();

  // Adds `message` as a new child of `parent` (kRoot for the first message) and makes it active.
  int addMessage(int parent, const ChatMessage& message);
  // Appends to the active path's end.
  int appendMessage(const ChatMessage& message);
  // A new alternative for `node` (same parent), made active: edit or regenerate.
  int addAlternative(int node, const ChatMessage& message);

  bool contains(int node) const { return node > kRoot && node < static_cast<int>(nodes_.size()); }
  int nodeCount() const { return static_cast<int>(nodes_.size()) - 1; }
  const ChatMessage& message(int node) const { return nodes_.at(node).message; }
  ChatMessage& message(int node) { return nodes_.at(node).message; }
  int parent(int node) const { return nodes_.at(node).parent; }
  const std::vector<int>& children(int node) const { return nodes_.at(node).children; }
  int activeChild(int node) const { return nodes_.at(node).activeChild; }

  // The shown conversation: node ids from the first message to the last.
  std::vector<int> activePath() const;
  int lastNode() const;  // kRoot when empty
  // Among its siblings (0-based) and how many there are, for the "< 2/3 >" navigator.
  int siblingIndex(int node) const;
  int siblingCount(int node) const;
  // Makes `node` the active child of its parent (and so on up to the root).
  void selectBranch(int node);
  // Moves to the previous/next sibling of `node`; returns the node now shown (or `node`).
  int switchBranch(int node, int delta);

  // Streaming: text goes onto the last text part (a new one after an image).
  void appendText(int node, const QString& text);
  int appendImage(int node, const QImage& image, const QJsonObject& params = {});
  bool setImage(int node, int part, const QImage& image);

  void clear();
  bool operator==(const ChatModel& other) const;

  // Node storage for serialisation: index 0 is the root.
  struct Node {
    ChatMessage message;
    int parent = -1;
    std::vector<int> children;
    int activeChild = -1;
  };
  const std::vector<Node>& nodes() const { return nodes_; }
  // Replaces everything; false (model unchanged) when the links are not a tree rooted at 0.
  bool setNodes(std::vector<Node> nodes);

 private:
  std::vector<Node> nodes_;
};

}  // namespace tfs::widgets
