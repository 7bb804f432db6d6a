#pragma once

#include <QString>

namespace tfs::widgets {

class ChatModel;

// A conversation (with all its branches) as JSON at `path`; images are PNG files in
// "<name>_images/" beside it, referenced by relative name so the pair can be moved together.
bool saveChat(const ChatModel& model, const QString& path, QString* error = nullptr);
// Replaces `model` only when the whole file loads; otherwise `error` says what is wrong.
bool loadChat(const QString& path, ChatModel* model, QString* error = nullptr);

}  // namespace tfs::widgets
