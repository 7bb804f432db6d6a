#include "app/studio/generation_workspaces.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include "app/studio/attention_page.h"
#include "app/studio/chat_page.h"
#include "app/studio/denoise_page.h"
#include "app/studio/edit_page.h"
#include "app/studio/jobs_page.h"
#include "app/studio/main_window.h"
#include "app/studio/model_session.h"
#include "app/studio/recent_paths.h"
#include "app/studio/welcome_page.h"
#include "core/base/logging.h"

namespace tfs::studio {

namespace {

ImageParams paramsFromMap(const QVariantMap& m) {
  ImageParams p;
  p.prompt = m.value(QStringLiteral("prompt")).toString().toStdString();
  p.negativePrompt = m.value(QStringLiteral("negativePrompt")).toString().toStdString();
  p.steps = m.value(QStringLiteral("steps"), 20).toLongLong();
  p.sampler =
      m.value(QStringLiteral("sampler"), QStringLiteral("dpmpp-2m")).toString().toStdString();
  p.cfgScale = m.value(QStringLiteral("cfgScale"), 3.0).toDouble();
  p.seed = m.value(QStringLiteral("seed")).toULongLong();
  p.mode = m.value(QStringLiteral("mode"), QStringLiteral("generate")).toString().toStdString();
  p.input = m.value(QStringLiteral("input")).toString().toStdString();
  p.run = m.value(QStringLiteral("run")).toString().toStdString();
  return p;
}

}  // namespace

GenerationWorkspaces* GenerationWorkspaces::install(MainWindow* window) {
  return new GenerationWorkspaces(window);
}

GenerationWorkspaces::GenerationWorkspaces(MainWindow* window)
    : QObject(window),
      window_(window),
      session_(new ModelSession(this)),
      editSession_(new ModelSession(this, session_->queue())) {
  setObjectName(QStringLiteral("generationWorkspaces"));
  denoise_ = new DenoisePage(session_, window);
  chat_ = new ChatPage(session_, window);
  // Editing has a model of its own (the shipped editing model), on the same queue.
  edit_ = new EditPage(editSession_, window);
  jobs_ = new JobsPage(session_->queue(), window);
  window->addWorkspace(denoise_, tr("Denoise"));
  window->addWorkspace(chat_, tr("Conversation"));
  window->addWorkspace(edit_, tr("Edit"));
  window->addWorkspace(jobs_, tr("Jobs"));
  connect(jobs_, &JobsPage::sendToEdit, this, [this](const QImage& image, const QString&) {
    edit_->setInput(image);
    window_->workspaces()->setCurrentWidget(edit_);
  });
  connect(jobs_, &JobsPage::sendToConversation, this, [this](const QImage& image) {
    chat_->attachImage(image);
    window_->workspaces()->setCurrentWidget(chat_);
  });
  connect(jobs_, &JobsPage::statusMessage, window->statusBar(), &QStatusBar::showMessage);

  auto* open = new QAction(tr("Open &Model…"), this);
  open->setObjectName(QStringLiteral("openModelAction"));
  open->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
  open->setToolTip(
      tr("Load a trained run folder: for the Edit workspace when it is shown, else "
         "for generating and chatting"));
  connect(open, &QAction::triggered, this, &GenerationWorkspaces::openModel);
  const auto menus = window->menuBar()->actions();
  if (!menus.isEmpty() && menus.first()->menu()) {
    QMenu* file = menus.first()->menu();
    QAction* first = file->actions().value(0);
    file->insertAction(first, open);
    auto* recentModels = new QMenu(tr("Open &Recent Model"), file);
    recentModels->setObjectName(QStringLiteral("recentModelsMenu"));
    recent::attachToMenu(recentModels, recent::kModels, [this](const QString& dir) {
      (window_->workspaces()->currentWidget() == edit_ ? editSession_ : session_)->loadRun(dir);
    });
    file->insertMenu(first, recentModels);
    file->insertSeparator(first);
  }

  modelLabel_ = new QLabel(tr("No model"), window);
  modelLabel_->setObjectName(QStringLiteral("modelLabel"));
  modelLabel_->setToolTip(tr("The model the Denoise, Conversation and Edit workspaces use"));
  window->statusBar()->addPermanentWidget(modelLabel_);
  auto show = [window](const QString& text) { window->statusBar()->showMessage(text, 8000); };
  for (auto* page : {static_cast<QObject*>(denoise_), static_cast<QObject*>(chat_),
                     static_cast<QObject*>(edit_)})
    connect(page, SIGNAL(statusMessage(QString)), window->statusBar(), SLOT(showMessage(QString)));
  connect(session_, &ModelSession::loadStarted, this, [this](const QString& dir) {
    modelLabel_->setText(tr("Loading %1…").arg(QFileInfo(dir).fileName()));
  });
  connect(session_, &ModelSession::modelChanged, this,
          [this, show](const QString& name, const QString& dir) {
            modelLabel_->setText(tr("Model: %1").arg(name));
            modelLabel_->setToolTip(dir);
            show(tr("Loaded %1 from %2").arg(name, dir));
            recent::add(recent::kModels, dir);
            if (auto* welcome = window_->findChild<WelcomePage*>()) welcome->showModel(name, dir);
            if (auto* attention = window_->findChild<AttentionPage*>())
              attention->followStudioModel(dir);
            if (!dir.isEmpty() && dir != ModelSession::shippedRunDir())
              QSettings().setValue(QStringLiteral("model/run"), dir);
          });
  connect(editSession_, &ModelSession::modelChanged, this,
          [show](const QString& name, const QString& dir) {
            show(tr("Edit workspace: loaded %1 from %2").arg(name, dir));
            recent::add(recent::kModels, dir);
            if (!dir.isEmpty() && dir != ModelSession::shippedRunDir(ModelUse::Edit))
              QSettings().setValue(QStringLiteral("model/editRun"), dir);
          });
  connect(editSession_, &ModelSession::loadFailed, this,
          [show](const QString& dir, const QString& message) {
            show(tr("Cannot load %1 for editing: %2").arg(dir, message));
            spdlog::error("cannot load editing model {}: {}", dir.toStdString(),
                          message.toStdString());
          });
  connect(session_, &ModelSession::loadFailed, this,
          [this, show](const QString& dir, const QString& message) {
            modelLabel_->setText(session_->hasModel() ? tr("Model: %1").arg(session_->modelName())
                                                      : tr("No model"));
            show(tr("Cannot load %1: %2").arg(dir, message));
            spdlog::error("cannot load model {}: {}", dir.toStdString(), message.toStdString());
          });
  // By name, so this builds whether or not the window's Reproduce signal has landed yet.
  if (window->metaObject()->indexOfSignal("reproduceRequested(QVariantMap)") >= 0)
    connect(window, SIGNAL(reproduceRequested(QVariantMap)), this, SLOT(reproduce(QVariantMap)));

  // Once the event loop runs: a window made and dropped without one (tests) loads nothing.
  QTimer::singleShot(0, this, [this] {
    const QString last = QSettings().value(QStringLiteral("model/run")).toString();
    if (!last.isEmpty() && QFileInfo::exists(QDir(last).filePath(QStringLiteral("config.json"))))
      session_->loadRun(last);
    else if (!session_->loadShipped()) {
      modelLabel_->setText(tr("No model: File ▸ Open Model…"));
      if (auto* welcome = window_->findChild<WelcomePage*>()) welcome->showModel({}, {});
    }
    const QString lastEdit = QSettings().value(QStringLiteral("model/editRun")).toString();
    if (!lastEdit.isEmpty() &&
        QFileInfo::exists(QDir(lastEdit).filePath(QStringLiteral("config.json"))))
      editSession_->loadRun(lastEdit);
    else if (!editSession_->loadShipped(ModelUse::Edit))
      editSession_->loadShipped(ModelUse::Chat);  // no editing model: the Edit page says so
  });
}

void GenerationWorkspaces::openModel() {
  ModelSession* target = window_->workspaces()->currentWidget() == edit_ ? editSession_ : session_;
  const QString start = target->runDir().isEmpty() ? QDir::currentPath() : target->runDir();
  const QString title =
      target == editSession_ ? tr("Open Model Run for Editing") : tr("Open Model Run");
  const QString dir = QFileDialog::getExistingDirectory(window_, title, start);
  if (dir.isEmpty()) return;
  if (!target->loadRun(dir))
    window_->statusBar()->showMessage(tr("A model is still loading; try again in a moment."), 5000);
}

void GenerationWorkspaces::reproduce(const QVariantMap& params) {
  const ImageParams p = paramsFromMap(params);
  QWidget* page = nullptr;
  if (p.mode == "edit") {
    edit_->applyParameters(p);
    page = edit_;
  } else {
    denoise_->applyParameters(p);
    page = denoise_;
  }
  window_->workspaces()->setCurrentWidget(page);
  // A PNG made with another model names its run: offer it by loading it when it is not ours.
  const QString run = QString::fromStdString(p.run);
  if (!run.isEmpty() && QFileInfo::exists(QDir(run).filePath(QStringLiteral("config.json"))) &&
      QFileInfo(run).absoluteFilePath() != QFileInfo(session_->runDir()).absoluteFilePath())
    session_->loadRun(run);
}

}  // namespace tfs::studio
