#include "app/studio/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "app/studio/attention_page.h"
#include "app/studio/generation_workspaces.h"
#include "app/studio/log_sink.h"
#include "app/studio/recent_paths.h"
#include "app/studio/reproduce_params.h"
#include "app/studio/train_page.h"
#include "app/studio/welcome_page.h"
#include "core/base/logging.h"
#include "core/base/runtime.h"
#include "widgets/log_panel.h"

namespace tfs::studio {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("mainWindow"));
  setWindowTitle(tr("Transfusion Studio"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/transfusion-studio.svg")));

  tabs_ = new QTabWidget(this);
  tabs_->setObjectName(QStringLiteral("workspaces"));
  tabs_->setDocumentMode(true);
  setCentralWidget(tabs_);
  auto* welcome = new WelcomePage(this);
  addWorkspace(welcome, tr("Welcome"));
  connect(welcome, &WelcomePage::openWorkspace, this, [this](const QString& name) {
    for (int i = 0; i < tabs_->count(); ++i)
      if (tabs_->widget(i)->objectName() == name) tabs_->setCurrentIndex(i);
  });
  addWorkspace(trainPage_ = new TrainPage(this), tr("Train"));
  addWorkspace(attentionPage_ = new AttentionPage(this), tr("Attention"));
  connect(trainPage_, &TrainPage::statusMessage, statusBar(), &QStatusBar::showMessage);
  connect(attentionPage_, &AttentionPage::statusMessage, statusBar(), &QStatusBar::showMessage);
  setAcceptDrops(true);

  logPanel_ = new widgets::LogPanel(this);
  logDock_ = new QDockWidget(tr("Log"), this);
  logDock_->setObjectName(QStringLiteral("logDock"));
  logDock_->setWidget(logPanel_);
  addDockWidget(Qt::BottomDockWidgetArea, logDock_);

  sink_ = std::make_shared<RingBufferSink>(4000);
  sink_->set_pattern("[%H:%M:%S] [%l] %v");
  addLogSink(sink_);
  logTimer_ = new QTimer(this);
  logTimer_->setInterval(100);
  connect(logTimer_, &QTimer::timeout, this, &MainWindow::pollLog);
  logTimer_->start();

  buildMenus();
  GenerationWorkspaces::install(this);  // Denoise, Conversation, Edit, Jobs (after the menus)
  restoreSettings();
  statusBar()->showMessage(tr("Ready"));
  spdlog::info("Transfusion Studio {} started", TFS_VERSION);
}

MainWindow::~MainWindow() {
  auto& sinks = spdlog::default_logger()->sinks();
  sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
}

void MainWindow::addWorkspace(QWidget* page, const QString& title) {
  tabs_->addTab(page, title);
}

void MainWindow::pollLog() {
  size_t dropped = 0;
  auto lines = sink_->drain(&dropped);
  if (lines.empty() && dropped == 0) return;
  QStringList list;
  if (dropped) list << tr("… %n earlier line(s) not shown", nullptr, static_cast<int>(dropped));
  for (auto& l : lines) list << QString::fromStdString(l);
  logPanel_->appendLines(list);
}

void MainWindow::buildMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  auto* recentRuns = file->addMenu(tr("Recent Training &Runs"));
  recentRuns->setObjectName(QStringLiteral("recentRunsMenu"));
  recent::attachToMenu(recentRuns, recent::kRuns, [this](const QString& dir) {
    tabs_->setCurrentWidget(trainPage_);
    trainPage_->openRun(dir);
  });
  file->addSeparator();
  auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  auto* view = menuBar()->addMenu(tr("&View"));
  auto* logToggle = logDock_->toggleViewAction();
  logToggle->setText(tr("&Log Panel"));
  logToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
  view->addAction(logToggle);
  auto* themeMenu = view->addMenu(tr("&Theme"));
  auto* themes = new QActionGroup(this);
  const QString current =
      QSettings().value(QStringLiteral("ui/theme"), QStringLiteral("system")).toString();
  const std::pair<QString, QString> themeNames[] = {{QStringLiteral("system"), tr("System")},
                                                    {QStringLiteral("light"), tr("Light")},
                                                    {QStringLiteral("dark"), tr("Dark")}};
  for (const auto& [key, label] : themeNames) {
    auto* a = themeMenu->addAction(label);
    a->setCheckable(true);
    a->setChecked(key == current);
    themes->addAction(a);
    connect(a, &QAction::triggered, this, [key = key] {
      QSettings().setValue(QStringLiteral("ui/theme"), key);
      applyTheme(key);
    });
  }
  auto* langMenu = view->addMenu(tr("&Language"));
  auto* langs = new QActionGroup(this);
  const QString lang =
      QSettings().value(QStringLiteral("ui/language"), QStringLiteral("system")).toString();
  const std::pair<QString, QString> langNames[] = {
      {QStringLiteral("system"), tr("System default")},
      {QStringLiteral("en"), QStringLiteral("English")},
      {QStringLiteral("ko"), QStringLiteral("한국어")},
      {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
      {QStringLiteral("ja"), QStringLiteral("日本語")}};
  for (const auto& [key, label] : langNames) {
    auto* a = langMenu->addAction(label);
    a->setCheckable(true);
    a->setChecked(key == lang);
    langs->addAction(a);
    connect(a, &QAction::triggered, this, [this, key = key] {
      QSettings().setValue(QStringLiteral("ui/language"), key);
      statusBar()->showMessage(tr("The language changes the next time the studio starts."), 5000);
    });
  }

  auto* help = menuBar()->addMenu(tr("&Help"));
  auto* about = help->addAction(tr("&About Transfusion Studio"), this, &MainWindow::showAbout);
  about->setMenuRole(QAction::AboutRole);
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::showAbout() {
  const auto v = versionInfo();
  const QString text =
      tr("<h3>Transfusion Studio %1</h3>"
         "<p>Train, inspect and use Transfusion-style models: one transformer for text and "
         "images.</p>"
         "<table>"
         "<tr><td>LibTorch</td><td>%2</td></tr>"
         "<tr><td>SentencePiece</td><td>%3</td></tr>"
         "<tr><td>spdlog</td><td>%4</td></tr>"
         "<tr><td>Qt</td><td>%5</td></tr>"
         "<tr><td>QCustomPlot</td><td>%6</td></tr>"
         "<tr><td>BLAS</td><td>%7</td></tr>"
         "</table>")
          .arg(QString::fromStdString(v.transfusion), QString::fromStdString(v.libtorch),
               QString::fromStdString(v.sentencepiece), QString::fromStdString(v.spdlog),
               QString::fromLatin1(qVersion()), QStringLiteral("2.1"),
               QString::fromStdString(v.blas));
  QMessageBox::about(this, tr("About Transfusion Studio"), text);
}

void MainWindow::restoreSettings() {
  QSettings s;
  if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray())) resize(1280, 820);
  // First launch: a short log strip, so the workspaces keep the height.
  if (!restoreState(s.value(QStringLiteral("window/state")).toByteArray()))
    resizeDocks({logDock_}, {140}, Qt::Vertical);
  tabs_->setCurrentIndex(s.value(QStringLiteral("window/workspace"), 0).toInt());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (trainPage_->isTraining()) {
    // Never quit mid-step: stop, let the trainer save its checkpoint, then close for real.
    const bool stop =
        confirmStopTraining_
            ? confirmStopTraining_()
            : QMessageBox::question(this, tr("Training is running"),
                                    tr("Stop training, save a checkpoint and quit?")) ==
                  QMessageBox::Yes;
    event->ignore();
    if (!stop || closeAfterTraining_) return;
    closeAfterTraining_ = true;
    statusBar()->showMessage(tr("Stopping training and saving a checkpoint…"));
    connect(trainPage_->controller(), &TrainController::stateChanged, this,
            [this](TrainController::State state) {
              if (state == TrainController::State::Idle) close();
            });
    trainPage_->stopAndSave();
    return;
  }
  QSettings s;
  s.setValue(QStringLiteral("window/geometry"), saveGeometry());
  s.setValue(QStringLiteral("window/state"), saveState());
  s.setValue(QStringLiteral("window/workspace"), tabs_->currentIndex());
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!reproduciblePng(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QString path = reproduciblePng(event->mimeData());
  if (path.isEmpty()) return;
  event->acceptProposedAction();
  reproduceFrom(path);
}

bool MainWindow::reproduceFrom(const QString& pngPath) {
  QVariantMap params;
  try {
    params = readReproduceParams(pngPath);
  } catch (const std::exception& e) {
    statusBar()->showMessage(tr("Cannot reproduce %1: %2")
                                 .arg(QFileInfo(pngPath).fileName(), QString::fromUtf8(e.what())),
                             8000);
    return false;
  }
  statusBar()->showMessage(
      tr("Restored the settings of %1 (seed %2)")
          .arg(QFileInfo(pngPath).fileName(), params.value(QStringLiteral("seed")).toString()),
      8000);
  auto* box = new QMessageBox(QMessageBox::Information, tr("Reproduce"),
                              tr("Settings restored from %1").arg(QFileInfo(pngPath).fileName()),
                              QMessageBox::Ok, this);
  box->setObjectName(QStringLiteral("reproduceDialog"));
  box->setInformativeText(describeReproduceParams(params).toHtmlEscaped().replace(
      QLatin1Char('\n'), QStringLiteral("<br>")));
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setModal(false);
  box->show();
  Q_EMIT reproduceRequested(params);
  return true;
}

void MainWindow::applyTheme(const QString& theme) {
  static const QPalette systemPalette = QApplication::palette();
  if (theme == QLatin1String("dark")) {
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    p.setColor(QPalette::Window, QColor(37, 37, 40));
    p.setColor(QPalette::WindowText, QColor(225, 225, 225));
    p.setColor(QPalette::Base, QColor(26, 26, 28));
    p.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
    p.setColor(QPalette::Text, QColor(225, 225, 225));
    p.setColor(QPalette::Button, QColor(50, 50, 54));
    p.setColor(QPalette::ButtonText, QColor(225, 225, 225));
    p.setColor(QPalette::Highlight, QColor(64, 128, 210));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(50, 50, 54));
    p.setColor(QPalette::ToolTipText, QColor(225, 225, 225));
    p.setColor(QPalette::PlaceholderText, QColor(140, 140, 140));
    p.setColor(QPalette::Link, QColor(100, 160, 240));
    // Disabled controls: dimmed text on a flatter button, so a disabled Stop never reads like the
    // enabled Generate beside it (Fusion otherwise keeps the active colours).
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(115, 115, 118));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(115, 115, 118));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(115, 115, 118));
    p.setColor(QPalette::Disabled, QPalette::Button, QColor(42, 42, 45));
    p.setColor(QPalette::Disabled, QPalette::Base, QColor(33, 33, 35));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(70, 70, 74));
    QApplication::setPalette(p);
  } else if (theme == QLatin1String("light")) {
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(QApplication::style()->standardPalette());
  } else {
    QApplication::setPalette(systemPalette);
  }
}

}  // namespace tfs::studio
