#pragma once

#include <QString>

namespace tfs::widgets {
class ChatModel;
}

namespace tfs::studio {

// The Conversation workspace's chats (all branches) in the one conversation format that
// `transfusion chat --load` also reads and `chat`'s /save writes (core/data/conversation_file.h):
// JSON at `path`, images as PNG files in "<name>_images/" beside it, referenced by relative name
// so the pair can be moved together.
bool saveChat(const widgets::ChatModel& model, const QString& path, QString* error = nullptr);
// Replaces `model` only when the whole file loads; otherwise `error` says what is wrong. Reads
// files saved by the studio (also the former "transfusion-chat" ones) and by `transfusion chat`.
bool loadChat(const QString& path, widgets::ChatModel* model, QString* error = nullptr);

}  // namespace tfs::studio
