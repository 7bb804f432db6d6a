#include "app/studio/chat_file.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QObject>

#include "core/base/error.h"
#include "core/data/conversation_file.h"
#include "widgets/chat_model.h"

namespace tfs::studio {

namespace {

bool fail(QString* error, const QString& message) {
  if (error) *error = message;
  return false;
}

QString imagesDirName(const QString& path) {
  return QFileInfo(path).completeBaseName() + QStringLiteral("_images");
}

nlohmann::json toNlohmann(const QJsonObject& o) {
  if (o.isEmpty()) return nlohmann::json::object();
  return nlohmann::json::parse(QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString(),
                               nullptr, false);
}

QJsonObject toQt(const nlohmann::json& j) {
  if (!j.is_object() || j.empty()) return {};
  return QJsonDocument::fromJson(QByteArray::fromStdString(j.dump())).object();
}

}  // namespace

bool saveChat(const widgets::ChatModel& model, const QString& path, QString* error) {
  using widgets::ChatPart;
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
  ConversationFile f;
  const auto& all = model.nodes();
  f.nodes.assign(all.size(), ConversationFileNode{});
  for (std::size_t id = 0; id < all.size(); ++id) {
    const auto& node = all[id];
    auto& out = f.nodes[id];
    out.parent = node.parent;
    out.activeChild = node.activeChild;
    out.children = node.children;
    if (id == 0) continue;
    out.role = node.message.role == widgets::ChatRole::User ? Role::User : Role::Model;
    for (std::size_t p = 0; p < node.message.parts.size(); ++p) {
      const ChatPart& part = node.message.parts[p];
      ConversationFilePart fp;
      if (part.kind == ChatPart::Kind::Text) {
        fp.text = part.text.toStdString();
      } else {
        fp.image = true;
        if (!part.image.isNull()) {
          const QString file = QStringLiteral("n%1_p%2.png").arg(id).arg(p);
          if (!part.image.save(imagesDir.filePath(file), "PNG"))
            return fail(error, QObject::tr("Cannot write %1; check the disk space and rights.")
                                   .arg(imagesDir.filePath(file)));
          fp.file = (imagesName + QLatin1Char('/') + file).toStdString();
        }
        fp.params = toNlohmann(part.params);
      }
      out.parts.push_back(std::move(fp));
    }
  }
  try {
    f.write(path.toStdString());
  } catch (const Error& e) {
    return fail(error, QString::fromStdString(e.what()));
  }
  return true;
}

bool loadChat(const QString& path, widgets::ChatModel* model, QString* error) {
  using widgets::ChatPart;
  ConversationFile f;
  try {
    f = ConversationFile::read(path.toStdString());
  } catch (const Error& e) {
    return fail(error, QString::fromStdString(e.what()));
  }
  const QDir base = QFileInfo(path).absoluteDir();
  std::vector<widgets::ChatModel::Node> nodes(f.nodes.size());
  for (std::size_t i = 0; i < f.nodes.size(); ++i) {
    const auto& in = f.nodes[i];
    auto& node = nodes[i];
    node.parent = in.parent;
    node.activeChild = in.activeChild;
    node.children = in.children;
    node.message.role = in.role == Role::Model ? widgets::ChatRole::Model : widgets::ChatRole::User;
    for (const auto& p : in.parts) {
      if (!p.image) {
        node.message.parts.push_back(ChatPart::fromText(QString::fromStdString(p.text)));
        continue;
      }
      ChatPart part = ChatPart::fromImage({}, toQt(p.params));
      if (!p.file.empty() && !part.image.load(base.filePath(QString::fromStdString(p.file))))
        return fail(error, QObject::tr("Cannot read the image %1; keep the %2 folder next to the "
                                       "conversation.")
                               .arg(base.filePath(QString::fromStdString(p.file)),
                                    QFileInfo(QString::fromStdString(p.file)).path()));
      node.message.parts.push_back(part);
    }
  }
  widgets::ChatModel loaded;
  if (!loaded.setNodes(std::move(nodes)))
    return fail(error,
                QObject::tr("%1: the branches do not form a tree; the file is damaged.").arg(path));
  *model = std::move(loaded);
  return true;
}

}  // namespace tfs::studio
