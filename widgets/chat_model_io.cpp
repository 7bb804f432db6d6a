#include "widgets/chat_model_io.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include "widgets/chat_model.h"

namespace tfs::widgets {

namespace {

constexpr auto kFormat = "transfusion-chat";
constexpr int kVersion = 1;

bool fail(QString* error, const QString& message) {
  if (error) *error = message;
  return false;
}

QString imagesDirName(const QString& path) {
  return QFileInfo(path).completeBaseName() + QStringLiteral("_images");
}

}  // namespace

bool saveChat(const ChatModel& model, const QString& path, QString* error) {
  const QFileInfo info(path);
  const QString imagesName = imagesDirName(path);
  QDir imagesDir(info.absoluteDir().filePath(imagesName));
  bool hasImages = false;
  for (const auto& node : model.nodes())
    for (const auto& part : node.message.parts) hasImages |= part.kind == ChatPart::Kind::Image;
  if (hasImages) {
    if (!QDir().mkpath(imagesDir.absolutePath()))
      return fail(
          error,
          QObject::tr("Cannot create %1; choose a writable folder.").arg(imagesDir.absolutePath()));
    // Images of an earlier save of this conversation would otherwise linger.
    for (const QString& old : imagesDir.entryList({QStringLiteral("n*_p*.png")}, QDir::Files))
      imagesDir.remove(old);
  }
  QJsonArray nodes;
  const auto& all = model.nodes();
  for (std::size_t id = 0; id < all.size(); ++id) {
    const auto& node = all[id];
    QJsonObject o;
    o[QStringLiteral("id")] = static_cast<int>(id);
    o[QStringLiteral("parent")] = node.parent;
    o[QStringLiteral("active_child")] = node.activeChild;
    QJsonArray children;
    for (int c : node.children) children.append(c);
    o[QStringLiteral("children")] = children;
    if (id > 0) {
      o[QStringLiteral("role")] =
          node.message.role == ChatRole::User ? QStringLiteral("user") : QStringLiteral("model");
      QJsonArray parts;
      for (std::size_t p = 0; p < node.message.parts.size(); ++p) {
        const ChatPart& part = node.message.parts[p];
        QJsonObject po;
        if (part.kind == ChatPart::Kind::Text) {
          po[QStringLiteral("type")] = QStringLiteral("text");
          po[QStringLiteral("text")] = part.text;
        } else {
          po[QStringLiteral("type")] = QStringLiteral("image");
          if (!part.image.isNull()) {
            const QString file = QStringLiteral("n%1_p%2.png").arg(id).arg(p);
            if (!part.image.save(imagesDir.filePath(file), "PNG"))
              return fail(error, QObject::tr("Cannot write %1; check the disk space and rights.")
                                     .arg(imagesDir.filePath(file)));
            po[QStringLiteral("file")] = imagesName + QLatin1Char('/') + file;
          }
          if (!part.params.isEmpty()) po[QStringLiteral("params")] = part.params;
        }
        parts.append(po);
      }
      o[QStringLiteral("parts")] = parts;
    }
    nodes.append(o);
  }
  QJsonObject root;
  root[QStringLiteral("format")] = QLatin1String(kFormat);
  root[QStringLiteral("version")] = kVersion;
  root[QStringLiteral("nodes")] = nodes;
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return fail(error, QObject::tr("Cannot write %1: %2.").arg(path, file.errorString()));
  file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
  if (!file.commit())
    return fail(error, QObject::tr("Cannot write %1: %2.").arg(path, file.errorString()));
  return true;
}

bool loadChat(const QString& path, ChatModel* model, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return fail(error, QObject::tr("Cannot open %1: %2.").arg(path, file.errorString()));
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
  if (doc.isNull())
    return fail(error, QObject::tr("%1 is not valid JSON (%2 at offset %3); pick a conversation "
                                   "saved by the studio.")
                           .arg(path, parseError.errorString())
                           .arg(parseError.offset));
  const QJsonObject root = doc.object();
  if (root.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
    return fail(error, QObject::tr("%1 is not a studio conversation (no \"format\": \"%2\").")
                           .arg(path, QLatin1String(kFormat)));
  if (root.value(QStringLiteral("version")).toInt() > kVersion)
    return fail(error, QObject::tr("%1 was saved by a newer studio; update to open it.").arg(path));
  const QDir base = QFileInfo(path).absoluteDir();
  const QJsonArray array = root.value(QStringLiteral("nodes")).toArray();
  std::vector<ChatModel::Node> nodes(array.size());
  for (int i = 0; i < array.size(); ++i) {
    const QJsonObject o = array[i].toObject();
    if (o.value(QStringLiteral("id")).toInt(-1) != i)
      return fail(
          error, QObject::tr("%1: node %2 is out of order; the file is damaged.").arg(path).arg(i));
    ChatModel::Node& node = nodes[i];
    node.parent = o.value(QStringLiteral("parent")).toInt(-1);
    node.activeChild = o.value(QStringLiteral("active_child")).toInt(-1);
    for (const auto& c : o.value(QStringLiteral("children")).toArray())
      node.children.push_back(c.toInt(-1));
    node.message.role = o.value(QStringLiteral("role")).toString() == QLatin1String("model")
                            ? ChatRole::Model
                            : ChatRole::User;
    for (const auto& pv : o.value(QStringLiteral("parts")).toArray()) {
      const QJsonObject po = pv.toObject();
      if (po.value(QStringLiteral("type")).toString() == QLatin1String("image")) {
        ChatPart part = ChatPart::fromImage({}, po.value(QStringLiteral("params")).toObject());
        const QString rel = po.value(QStringLiteral("file")).toString();
        if (!rel.isEmpty()) {
          if (QDir::isAbsolutePath(rel) || rel.contains(QLatin1String("..")))
            return fail(
                error,
                QObject::tr("%1 refers to an image outside its folder (%2).").arg(path, rel));
          if (!part.image.load(base.filePath(rel)))
            return fail(error, QObject::tr("Cannot read the image %1; keep the %2 folder next to "
                                           "the conversation.")
                                   .arg(base.filePath(rel), imagesDirName(path)));
        }
        node.message.parts.push_back(part);
      } else {
        node.message.parts.push_back(
            ChatPart::fromText(po.value(QStringLiteral("text")).toString()));
      }
    }
  }
  ChatModel loaded;
  if (!loaded.setNodes(std::move(nodes)))
    return fail(error,
                QObject::tr("%1: the branches do not form a tree; the file is damaged.").arg(path));
  *model = std::move(loaded);
  return true;
}

}  // namespace tfs::widgets
