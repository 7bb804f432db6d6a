#pragma once

#include <QImage>
#include <QMap>
#include <QWidget>

#include "app/studio/generation_job.h"
#include "core/data/conversation.h"

class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace tfs::widgets {
class ChatView;
}

namespace tfs::studio {

class ChatInput;
class GenerationSettings;
class ModelSession;

// The Conversation workspace: interleaved text and images with the model, replies streamed in
// (their images denoise in place), edits and regenerations as branches, saved as JSON + images.
class ChatPage : public QWidget {
  Q_OBJECT
 public:
  explicit ChatPage(ModelSession* session, QWidget* parent = nullptr);
  ~ChatPage() override;

  widgets::ChatView* view() const { return view_; }
  ChatInput* input() const { return input_; }
  GenerationSettings* settings() const { return settings_; }
  void attachImage(const QImage& image);
  int attachmentCount() const { return static_cast<int>(attachments_.size()); }
  bool isReplying() const { return !replyJob_.isEmpty(); }
  QString replyJob() const { return replyJob_; }
  int replyNode() const { return replyNode_; }
  int editingNode() const { return editingNode_; }
  // The engine's view of the active branch, up to (not including) `node`; all of it for -1.
  Conversation conversationBefore(int node) const;

  bool saveConversation(const QString& path, QString* error = nullptr) const;
  bool loadConversation(const QString& path, QString* error = nullptr);

 public Q_SLOTS:
  void send();
  void draw();  // sends, and the reply starts with an image
  void stop();
  void newConversation();
  void openConversation();
  void saveConversationAs();
  void editMessage(int node);
  void regenerate(int node);
  void attachFiles();

 Q_SIGNALS:
  void statusMessage(const QString& text);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  // What the status line says while the conversation is empty: how to start.
  QString emptyHint() const;
  void submit(bool forceImage);
  void startReply(bool forceImage, const QString& prompt);
  void onToken(const QString& id, const QString& text);
  void onStep(const QString& id, const StepUpdate& step);
  void onImage(const QString& id, const ImageUpdate& image);
  void onFinished(const QString& id, const JobOutcome& outcome);
  void onFailed(const QString& id, const QString& message);
  void endReply();
  void scrollToEnd();
  void updateButtons();
  void refreshAttachments();
  void saveImage(int node, int part, const QImage& image);

  ModelSession* session_;
  widgets::ChatView* view_;
  ChatInput* input_;
  QListWidget* attachmentList_;
  QLabel* status_;
  QPushButton* send_;
  QPushButton* draw_;
  QPushButton* stop_;
  QPushButton* attach_;
  GenerationSettings* settings_;
  QDoubleSpinBox* temperature_;
  QSpinBox* maxTokens_;
  QList<QImage> attachments_;
  QString replyJob_;
  int replyNode_ = -1;
  int editingNode_ = -1;
  bool followEnd_ = true;      // the view shows the end and keeps showing it as messages grow
  QMap<int, int> imageParts_;  // image index in the reply → part of the reply message
};

}  // namespace tfs::studio
