#include "widgets/chat_model.h"

#include <algorithm>

namespace tfs::widgets {

ChatModel::ChatModel() {
  clear();
}

void ChatModel::clear() {
  nodes_.clear();
  nodes_.push_back(Node{});
}

int ChatModel::addMessage(int parent, const ChatMessage& message) {
  if (parent != kRoot && !contains(parent)) parent = kRoot;
  const int id = static_cast<int>(nodes_.size());
  Node node;
  node.message = message;
  node.parent = parent;
  nodes_.push_back(std::move(node));
  nodes_[parent].children.push_back(id);
  nodes_[parent].activeChild = id;
  return id;
}

int ChatModel::appendMessage(const ChatMessage& message) {
  return addMessage(lastNode(), message);
}

int ChatModel::addAlternative(int node, const ChatMessage& message) {
  return addMessage(contains(node) ? parent(node) : kRoot, message);
}

std::vector<int> ChatModel::activePath() const {
  std::vector<int> path;
  int node = nodes_[kRoot].activeChild;
  while (node > kRoot) {
    path.push_back(node);
    node = nodes_[node].activeChild;
  }
  return path;
}

int ChatModel::lastNode() const {
  const auto path = activePath();
  return path.empty() ? kRoot : path.back();
}

int ChatModel::siblingIndex(int node) const {
  if (!contains(node)) return -1;
  const auto& siblings = nodes_[parent(node)].children;
  return static_cast<int>(std::find(siblings.begin(), siblings.end(), node) - siblings.begin());
}

int ChatModel::siblingCount(int node) const {
  return contains(node) ? static_cast<int>(nodes_[parent(node)].children.size()) : 0;
}

void ChatModel::selectBranch(int node) {
  while (contains(node)) {
    nodes_[parent(node)].activeChild = node;
    node = parent(node);
  }
}

int ChatModel::switchBranch(int node, int delta) {
  if (!contains(node)) return node;
  const auto& siblings = nodes_[parent(node)].children;
  const int index = siblingIndex(node) + delta;
  if (index < 0 || index >= static_cast<int>(siblings.size())) return node;
  selectBranch(siblings[index]);
  return siblings[index];
}

void ChatModel::appendText(int node, const QString& text) {
  if (!contains(node)) return;
  auto& parts = nodes_[node].message.parts;
  if (parts.empty() || parts.back().kind != ChatPart::Kind::Text)
    parts.push_back(ChatPart::fromText(text));
  else
    parts.back().text += text;
}

int ChatModel::appendImage(int node, const QImage& image, const QJsonObject& params) {
  if (!contains(node)) return -1;
  auto& parts = nodes_[node].message.parts;
  parts.push_back(ChatPart::fromImage(image, params));
  return static_cast<int>(parts.size()) - 1;
}

bool ChatModel::setImage(int node, int part, const QImage& image) {
  if (!contains(node)) return false;
  auto& parts = nodes_[node].message.parts;
  if (part < 0 || part >= static_cast<int>(parts.size()) ||
      parts[part].kind != ChatPart::Kind::Image)
    return false;
  parts[part].image = image;
  return true;
}

bool ChatModel::setNodes(std::vector<Node> nodes) {
  if (nodes.empty() || nodes[0].parent != -1) return false;
  const int count = static_cast<int>(nodes.size());
  std::vector<int> seenAsChild(count, 0);
  for (int id = 0; id < count; ++id) {
    const Node& n = nodes[id];
    if (id > 0 && (n.parent < 0 || n.parent >= count || n.parent == id)) return false;
    for (int child : n.children) {
      if (child <= 0 || child >= count || nodes[child].parent != id) return false;
      ++seenAsChild[child];
    }
    if (n.activeChild != -1 &&
        std::find(n.children.begin(), n.children.end(), n.activeChild) == n.children.end())
      return false;
  }
  for (int id = 1; id < count; ++id)
    if (seenAsChild[id] != 1) return false;
  // Every node must reach the root (no cycles).
  for (int id = 1; id < count; ++id) {
    int hops = 0, at = id;
    while (at != 0 && hops++ <= count) at = nodes[at].parent;
    if (at != 0) return false;
  }
  nodes_ = std::move(nodes);
  return true;
}

bool ChatModel::operator==(const ChatModel& other) const {
  if (nodes_.size() != other.nodes_.size()) return false;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const Node& a = nodes_[i];
    const Node& b = other.nodes_[i];
    if (a.parent != b.parent || a.children != b.children || a.activeChild != b.activeChild ||
        a.message.role != b.message.role || a.message.parts.size() != b.message.parts.size())
      return false;
    for (std::size_t p = 0; p < a.message.parts.size(); ++p) {
      const ChatPart& x = a.message.parts[p];
      const ChatPart& y = b.message.parts[p];
      if (x.kind != y.kind || x.text != y.text || x.params != y.params) return false;
      if (x.image.convertToFormat(QImage::Format_ARGB32) !=
          y.image.convertToFormat(QImage::Format_ARGB32))
        return false;
    }
  }
  return true;
}

}  // namespace tfs::widgets
