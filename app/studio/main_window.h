#pragma once

#include <QMainWindow>
#include <QVariantMap>
#include <functional>
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
class TrainPage;
class AttentionPage;

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

  TrainPage* trainPage() const { return trainPage_; }
  AttentionPage* attentionPage() const { return attentionPage_; }
  // Reads a PNG's generation parameters, shows them and emits reproduceRequested; false (with
  // the reason in the status bar) when the file carries none.
  bool reproduceFrom(const QString& pngPath);
  // Asked when the window closes during training; tests replace the dialog.
  void setConfirmStopTraining(std::function<bool()> ask) { confirmStopTraining_ = std::move(ask); }

 Q_SIGNALS:
  // A PNG made by the CLI or the studio was dropped: its settings (see reproduce_params.h).
  void reproduceRequested(const QVariantMap& params);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildMenus();
  void showAbout();
  void restoreSettings();

  QTabWidget* tabs_ = nullptr;
  QDockWidget* logDock_ = nullptr;
  widgets::LogPanel* logPanel_ = nullptr;
  QTimer* logTimer_ = nullptr;
  std::shared_ptr<RingBufferSink> sink_;
  TrainPage* trainPage_ = nullptr;
  AttentionPage* attentionPage_ = nullptr;
  std::function<bool()> confirmStopTraining_;
  bool closeAfterTraining_ = false;
};

}  // namespace tfs::studio
