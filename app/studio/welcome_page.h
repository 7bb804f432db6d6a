#pragma once

#include <QWidget>

namespace tfs::studio {

// The first page: where to start (draw, talk, edit, train) and what the engine runs on.
class WelcomePage : public QWidget {
  Q_OBJECT
 public:
  explicit WelcomePage(QWidget* parent = nullptr);

 Q_SIGNALS:
  // objectName of the workspace to show ("denoisePage", "chatPage", "editPage", "trainPage", …).
  void openWorkspace(const QString& pageName);
};

}  // namespace tfs::studio
