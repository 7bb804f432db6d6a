#pragma once

#include <QMainWindow>
#include <memory>

class QTabWidget;
class QDockWidget;
class QTimer;
class QActionGroup;

namespace tfs::widgets {
class LogPanel;
}

namespace tfs::studio {

class RingBufferSink;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Adds a workspace tab; later issues' workspaces register here.
  void addWorkspace(QWidget* page, const QString& title);
  QTabWidget* workspaces() const { return tabs_; }
  widgets::LogPanel* logPanel() const { return logPanel_; }
  // Pulls pending engine log lines into the panel (the timer calls it; tests may too).
  void pollLog();

  static void applyTheme(const QString& theme);  // "system" | "light" | "dark"

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void showAbout();
  void restoreSettings();

  QTabWidget* tabs_ = nullptr;
  QDockWidget* logDock_ = nullptr;
  widgets::LogPanel* logPanel_ = nullptr;
  QTimer* logTimer_ = nullptr;
  std::shared_ptr<RingBufferSink> sink_;
};

}  // namespace tfs::studio
