#pragma once

#include <QHash>
#include <QImage>
#include <QJsonObject>
#include <QScrollArea>

#include "widgets/chat_model.h"

class QLabel;
class QVBoxLayout;

namespace tfs::widgets {

// An interleaved conversation (text and images, user and model) showing the active branch.
// Model replies stream in (appendText) and their images update in place while they denoise.
// Each message with alternatives gets a "< 2/3 >" navigator; edit, regenerate and save-image
// are requests for the controller, emitted as signals.
class ChatView : public QScrollArea {
  Q_OBJECT
 public:
  explicit ChatView(QWidget* parent = nullptr);

  const ChatModel& model() const { return model_; }
  ChatModel& model() { return model_; }  // call refresh() after changing it
  void setModel(const ChatModel& model);

  int appendMessage(const ChatMessage& message);  // at the end of the active branch
  int beginModelReply();                          // an empty model message to stream into
  void appendText(const QString& text);           // to the last message
  int appendImage(const QImage& image, const QJsonObject& params = {});  // to the last message
  void updateImage(int node, int part, const QImage& image);
  int switchBranch(int node, int delta);  // as the navigator's arrows do
  void refresh();

  QWidget* messageWidget(int node) const { return frames_.value(node); }
  static constexpr int kMaxImageSide = 320;

 public Q_SLOTS:
  void requestSaveImage(int node, int part);

 Q_SIGNALS:
  void branchSwitched(int fromNode, int toNode);
  void editRequested(int node);
  void regenerateRequested(int node);
  void saveImageRequested(int node, int part, const QImage& image);
  void copyImageRequested(int node, int part, const QImage& image);

 private:
  QWidget* buildMessage(int node);
  void rebuildMessage(int node);
  void scrollToEndIfFollowing(bool wasAtEnd);
  bool atEnd() const;
  static QPixmap previewPixmap(const QImage& image);

  ChatModel model_;
  QWidget* container_;
  QVBoxLayout* column_;
  QHash<int, QWidget*> frames_;
  QHash<int, QLabel*> lastTextLabel_;   // the streaming target per node
  QHash<qint64, QLabel*> imageLabels_;  // (node << 32 | part) → label
};

}  // namespace tfs::widgets
