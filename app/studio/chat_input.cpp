#include "app/studio/chat_input.h"

#include <QFileInfo>
#include <QImageReader>
#include <QKeyEvent>
#include <QMimeData>
#include <QUrl>

namespace tfs::studio {

ChatInput::ChatInput(QWidget* parent) : QPlainTextEdit(parent) {
  setObjectName(QStringLiteral("chatInput"));
  setPlaceholderText(
      tr("Write a message… (Enter sends, Shift+Enter starts a new line; paste or "
         "drop images to attach them)"));
  setTabChangesFocus(true);
}

QList<QImage> ChatInput::imagesFrom(const QMimeData* data) {
  QList<QImage> images;
  if (!data) return images;
  if (data->hasImage()) {
    const QImage img = qvariant_cast<QImage>(data->imageData());
    if (!img.isNull()) images << img;
    return images;
  }
  if (data->hasUrls()) {
    for (const QUrl& url : data->urls()) {
      if (!url.isLocalFile()) continue;
      QImageReader reader(url.toLocalFile());
      const QImage img = reader.read();
      if (!img.isNull()) images << img;
    }
  }
  return images;
}

void ChatInput::keyPressEvent(QKeyEvent* event) {
  const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
  if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
    Q_EMIT submitted();
    event->accept();
    return;
  }
  QPlainTextEdit::keyPressEvent(event);
}

bool ChatInput::carriesImages(const QMimeData* data) {
  if (!data) return false;
  if (data->hasImage()) return true;
  // Decided by the file name: a drag hovering over the box must not read files.
  const auto formats = QImageReader::supportedImageFormats();
  for (const QUrl& url : data->urls())
    if (url.isLocalFile() &&
        formats.contains(QFileInfo(url.toLocalFile()).suffix().toLower().toLatin1()))
      return true;
  return false;
}

bool ChatInput::canInsertFromMimeData(const QMimeData* source) const {
  return carriesImages(source) || QPlainTextEdit::canInsertFromMimeData(source);
}

void ChatInput::insertFromMimeData(const QMimeData* source) {
  const auto images = imagesFrom(source);
  if (!images.isEmpty()) {
    Q_EMIT imagesAdded(images);
    return;
  }
  QPlainTextEdit::insertFromMimeData(source);
}

}  // namespace tfs::studio
