#pragma once

#include <QImage>
#include <QPlainTextEdit>

namespace tfs::studio {

// The message box of the Conversation: Enter sends (Shift+Enter is a new line); images pasted
// or dropped (image data or image files) are handed out as attachments instead of text.
class ChatInput : public QPlainTextEdit {
  Q_OBJECT
 public:
  explicit ChatInput(QWidget* parent = nullptr);
  // The images a drop or paste carries: image data, else local image files.
  static QList<QImage> imagesFrom(const QMimeData* data);
  static bool carriesImages(const QMimeData* data);

 Q_SIGNALS:
  void submitted();
  void imagesAdded(const QList<QImage>& images);

 protected:
  void keyPressEvent(QKeyEvent* event) override;
  bool canInsertFromMimeData(const QMimeData* source) const override;
  void insertFromMimeData(const QMimeData* source) override;
};

}  // namespace tfs::studio
