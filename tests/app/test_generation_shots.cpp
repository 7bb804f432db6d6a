// Screenshots of the Denoise, Conversation, Edit and Jobs workspaces in the real main window with
// a trained model, for checking by eye. Runs only when TFS_SHOT_DIR and TFS_SHOT_RUN (a run
// folder) are set; ctest sets neither, so there it skips.
#include <QCheckBox>
#include <QTabWidget>
#include <QtTest>

#include "app/studio/chat_input.h"
#include "app/studio/chat_page.h"
#include "app/studio/denoise_page.h"
#include "app/studio/edit_page.h"
#include "app/studio/generation_settings.h"
#include "app/studio/generation_workspaces.h"
#include "app/studio/jobs_page.h"
#include "app/studio/main_window.h"
#include "app/studio/model_session.h"
#include "core/base/logging.h"
#include "tests/app/generation_test_app.h"
#include "widgets/filmstrip.h"
#include "widgets/job_list.h"

using namespace tfs::studio;

class TestGenerationShots : public QObject {
  Q_OBJECT

  static void shot(MainWindow& w, QWidget* page, const QString& name) {
    w.workspaces()->setCurrentWidget(page);
    QTest::qWait(150);
    QDir().mkpath(qEnvironmentVariable("TFS_SHOT_DIR"));
    w.grab().save(qEnvironmentVariable("TFS_SHOT_DIR") + QLatin1Char('/') + name +
                  QStringLiteral(".png"));
  }

 private Q_SLOTS:
  void initTestCase() {
    Q_INIT_RESOURCE(studio);
    tfs::test::isolateSettings(QStringLiteral("generation_shots"));
    tfs::initLogging(spdlog::level::info);
  }

  void workspaces() {
    const QString run = qEnvironmentVariable("TFS_SHOT_RUN");
    if (run.isEmpty() || qEnvironmentVariable("TFS_SHOT_DIR").isEmpty())
      QSKIP("set TFS_SHOT_DIR and TFS_SHOT_RUN to take screenshots");
    // TFS_SHOT_THEME=dark|light: the same screenshots in that theme.
    if (qEnvironmentVariableIsSet("TFS_SHOT_THEME"))
      MainWindow::applyTheme(qEnvironmentVariable("TFS_SHOT_THEME"));
    MainWindow w;
    w.resize(1440, 900);
    w.show();
    auto* ws = w.findChild<GenerationWorkspaces*>(QStringLiteral("generationWorkspaces"));
    QVERIFY(ws);
    auto* session = ws->session();
    QVERIFY(QTest::qWaitFor([&] { return !session->isLoading(); }, 60000));
    QVERIFY(session->loadRun(run));
    QVERIFY(QTest::qWaitFor([&] { return !session->isLoading(); }, 60000));
    QVERIFY2(session->hasModel(), "the run did not load");

    auto* denoise = ws->denoise();
    denoise->setPrompt(QStringLiteral("a black and white photo of a sneaker"));
    denoise->setCompare(true);
    denoise->settings(0)->setSampler(QStringLiteral("dpmpp-2m"));
    denoise->settings(0)->setSteps(20);
    denoise->settings(0)->setCfgScale(3.0);
    denoise->settings(0)->setSeed(7);
    denoise->settings(1)->setSampler(QStringLiteral("ddim"));
    denoise->settings(1)->setSteps(20);
    denoise->settings(1)->setCfgScale(1.0);
    denoise->settings(1)->setSeed(7);
    w.workspaces()->setCurrentWidget(denoise);
    denoise->generate();
    QVERIFY(QTest::qWaitFor(
        [&] { return denoise->jobId(0).isEmpty() && denoise->jobId(1).isEmpty(); }, 120000));
    denoise->filmstrip(0)->setCurrentFrame(8);
    denoise->filmstrip(1)->setCurrentFrame(8);
    shot(w, denoise, QStringLiteral("main-denoise"));

    auto* chat = ws->chat();
    chat->settings()->setSteps(20);
    w.workspaces()->setCurrentWidget(chat);
    chat->input()->setPlainText(QStringLiteral("a black and white photo of a bag"));
    chat->draw();
    QVERIFY(QTest::qWaitFor([&] { return !chat->isReplying(); }, 120000));
    chat->attachImage(denoise->result(1));  // an image alone: the model captions it
    chat->send();
    QVERIFY(QTest::qWaitFor([&] { return !chat->isReplying(); }, 120000));
    shot(w, chat, QStringLiteral("main-conversation"));

    // The Edit workspace with its own model (the shipped editing model, unless TFS_SHOT_EDIT_RUN
    // names another), a New Scene and its instruction, the editing sampler's defaults.
    auto* edit = ws->edit();
    auto* editSession = ws->editSession();
    QVERIFY(QTest::qWaitFor([&] { return !editSession->isLoading(); }, 60000));
    if (qEnvironmentVariableIsSet("TFS_SHOT_EDIT_RUN")) {
      QVERIFY(editSession->loadRun(qEnvironmentVariable("TFS_SHOT_EDIT_RUN")));
      QVERIFY(QTest::qWaitFor([&] { return !editSession->isLoading(); }, 60000));
    }
    QVERIFY2(editSession->hasModel(), "the Edit workspace has no model");
    edit->newScene(qEnvironmentVariableIntValue("TFS_SHOT_EDIT_SEED"));
    w.workspaces()->setCurrentWidget(edit);
    edit->runEdit();
    QVERIFY(QTest::qWaitFor([&] { return edit->jobId().isEmpty(); }, 300000));
    shot(w, edit, QStringLiteral("main-edit"));

    // Leave a few jobs queued behind a running one for the Jobs picture.
    denoise->settings(0)->setSteps(200);
    denoise->setCompare(false);
    for (int k = 0; k < 3; ++k) denoise->generate();
    QTest::qWait(600);
    auto* jobs = ws->jobs();
    jobs->jobList()->selectJob(jobs->jobList()->model()->job(0).id);
    shot(w, jobs, QStringLiteral("main-jobs"));
  }
};

QTEST_MAIN(TestGenerationShots)
#include "test_generation_shots.moc"
