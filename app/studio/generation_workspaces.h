#pragma once

#include <QObject>
#include <QVariantMap>

class QLabel;

namespace tfs::studio {

class ChatPage;
class DenoisePage;
class EditPage;
class JobsPage;
class MainWindow;
class ModelSession;

// The model-driven workspaces (Denoise, Conversation, Edit, Jobs) sharing one model session and
// one generation queue, plus File ▸ Open Model… and the model shown in the status bar.
class GenerationWorkspaces : public QObject {
  Q_OBJECT
 public:
  // Adds the workspaces to `window` and starts loading the last model (else the shipped demo).
  static GenerationWorkspaces* install(MainWindow* window);

  ModelSession* session() const { return session_; }
  ModelSession* editSession() const { return editSession_; }
  DenoisePage* denoise() const { return denoise_; }
  ChatPage* chat() const { return chat_; }
  EditPage* edit() const { return edit_; }
  JobsPage* jobs() const { return jobs_; }

 public Q_SLOTS:
  // Restores a dropped PNG's settings (MainWindow::reproduceRequested) on Denoise or Edit.
  void reproduce(const QVariantMap& params);
  void openModel();

 private:
  explicit GenerationWorkspaces(MainWindow* window);

  MainWindow* window_;
  ModelSession* session_;
  ModelSession* editSession_;  // the Edit workspace's model (the shipped editing model)
  DenoisePage* denoise_;
  ChatPage* chat_;
  EditPage* edit_;
  JobsPage* jobs_;
  QLabel* modelLabel_;
};

}  // namespace tfs::studio
