#pragma once

#include <QWidget>

class QLabel;

namespace tfs::studio {

// The first page: where to start (draw, talk, edit, train), the loaded model's card (what it was
// trained on, what it measured, what it can and cannot do) and what the engine runs on.
class WelcomePage : public QWidget {
  Q_OBJECT
 public:
  explicit WelcomePage(QWidget* parent = nullptr);

  // Shows the card of the run folder `dir`: its MODEL_CARD.md when it has one (the shipped models
  // do), else one made from its config.json. An empty dir: "no model".
  void showModel(const QString& name, const QString& dir);
  QString modelCardText() const;
  // The card made from a run's config.json (Markdown), for runs without MODEL_CARD.md.
  static QString cardFromConfig(const QString& name, const QString& dir);

 Q_SIGNALS:
  // objectName of the workspace to show ("denoisePage", "chatPage", "editPage", "trainPage", …).
  void openWorkspace(const QString& pageName);

 private:
  QLabel* card_ = nullptr;
};

}  // namespace tfs::studio
