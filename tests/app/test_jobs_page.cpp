// The Jobs workspace over the generation queue: every job is a row whose status follows the
// queue, reordering rows reorders the queue, cancel and the three stops reach the running job,
// and a finished job's image drags into the Conversation and the editor.
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QTableView>
#include <QtTest>

#include "app/studio/chat_page.h"
#include "app/studio/edit_page.h"
#include "app/studio/generation_queue.h"
#include "app/studio/jobs_page.h"
#include "app/studio/model_session.h"
#include "tests/app/generation_test_app.h"
#include "tests/app/generation_test_model.h"
#include "tests/widgets/widget_shot.h"
#include "widgets/job_list.h"

using tfs::studio::GenerationJob;
using tfs::studio::GenerationQueue;
using tfs::studio::JobKind;
using tfs::studio::JobsPage;
using tfs::widgets::JobStatus;

namespace {

GenerationJob imageJob(const std::string& prompt, int64_t count, int64_t steps) {
  GenerationJob job;
  job.kind = JobKind::TextToImage;
  job.prompt = prompt;
  job.count = count;
  job.options.image.sampler = "ddim";
  job.options.image.steps = steps;
  job.options.image.cfgScale = 1.0;
  return job;
}

}  // namespace

class TestJobsPage : public QObject {
  Q_OBJECT
  std::shared_ptr<tfs::ModelBundle> bundle_;
  std::unique_ptr<tfs::studio::ModelSession> session_;

  GenerationQueue* queue() { return session_->queue(); }
  static JobStatus status(JobsPage& page, const QString& id) {
    auto* m = page.jobList()->model();
    return m->job(m->rowOf(id)).status;
  }

 private Q_SLOTS:
  void initTestCase() {
    tfs::test::isolateSettings(QStringLiteral("jobs_page"));
    bundle_ = tfs::test::tinyModel(QStringLiteral("jobs_page"));
  }
  void init() {
    session_ = std::make_unique<tfs::studio::ModelSession>();
    session_->setBundle(bundle_);
  }
  void cleanup() { session_.reset(); }

  void rowsFollowTheQueueAndReorderIt() {
    JobsPage page(queue());
    page.resize(900, 500);
    page.show();
    auto* list = page.jobList();
    queue()->setHeld(true);
    const QString a = queue()->submit(imageJob("a red circle", 1, 3));
    const QString b = queue()->submit(imageJob("a blue square", 1, 3));
    const QString c = queue()->submit(imageJob("a green triangle", 1, 3));
    const QString d = queue()->submit(imageJob("a yellow circle", 1, 3));
    QCOMPARE(list->model()->rowCount(), 4);
    QCOMPARE(status(page, c), JobStatus::Queued);

    list->selectJob(c);
    list->moveSelectedUp();
    list->moveSelectedUp();  // c first
    QCOMPARE(list->model()->order(), (QStringList{c, a, b, d}));
    QCOMPARE(queue()->queuedIds(), (QStringList{c, a, b, d}));
    list->selectJob(b);
    list->cancelSelected();
    QVERIFY(QTest::qWaitFor([&] { return status(page, b) == JobStatus::Cancelled; }, 5000));

    QStringList started;
    connect(queue(), &GenerationQueue::jobStarted, &page,
            [&](const QString& id) { started << id; });
    queue()->setHeld(false);
    QVERIFY(QTest::qWaitFor([&] { return queue()->isIdle() && status(page, d) == JobStatus::Done; },
                            30000));
    QCOMPARE(started, (QStringList{c, a, d}));
    for (const QString& id : {a, c, d}) {
      QCOMPARE(status(page, id), JobStatus::Done);
      const auto& job = list->model()->job(list->model()->rowOf(id));
      QCOMPARE(job.image.size(), QSize(8, 8));
      QCOMPARE(job.progress, 1.0);
    }
    QCOMPARE(list->model()->job(0).kind, QStringLiteral("generate"));
    list->selectJob(a);
    QTest::qWait(20);
    tfs::test::saveShot(page, QStringLiteral("jobs"));
    page.clearFinished();
    QCOMPARE(list->model()->rowCount(), 0);
  }

  void theThreeStopsReachTheRunningJob() {
    JobsPage page(queue());
    auto* list = page.jobList();
    struct Case {
      void (tfs::widgets::JobList::*stop)();
      JobStatus expected;
    };
    const Case cases[] = {{&tfs::widgets::JobList::stopNow, JobStatus::Cancelled},
                          {&tfs::widgets::JobList::stopAfterCurrentImage, JobStatus::Cancelled},
                          {&tfs::widgets::JobList::skipCurrentImage, JobStatus::Done}};
    for (const auto& c : cases) {
      std::optional<tfs::studio::JobOutcome> outcome;
      const QString id = queue()->submit(imageJob("a red square", 3, 999));
      auto conn = connect(queue(), &GenerationQueue::jobFinished, &page,
                          [&](const QString& done, const tfs::studio::JobOutcome& o) {
                            if (done == id) outcome = o;
                          });
      QVERIFY(QTest::qWaitFor([&] { return !list->runningJobId().isEmpty(); }, 10000));
      (list->*c.stop)();
      QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 30000));
      disconnect(conn);
      QCOMPARE(status(page, id), c.expected);
      if (c.stop == &tfs::widgets::JobList::skipCurrentImage) {
        QCOMPARE(outcome->skipped, 1);
        QCOMPARE(outcome->images, 2);
      } else if (c.stop == &tfs::widgets::JobList::stopAfterCurrentImage) {
        QVERIFY(outcome->images >= 1 && outcome->images < 3);
      } else {
        QVERIFY(outcome->images < 3);
      }
    }
  }

  void rowsShowWhatTheyRanWith() {
    JobsPage page(queue());
    auto* model = page.jobList()->model();
    auto job = imageJob("a red circle", 2, 3);
    job.options.seed = 41;
    const QString id = queue()->submit(job);
    const int row = model->rowOf(id);
    auto cell = [&](int column) {
      return model->data(model->index(model->rowOf(id), column), Qt::DisplayRole).toString();
    };
    QCOMPARE(row, 0);
    QCOMPARE(cell(tfs::widgets::JobListModel::kSeed), QStringLiteral("41+"));  // seeds 41, 42
    QCOMPARE(cell(tfs::widgets::JobListModel::kSteps), QStringLiteral("3"));
    QCOMPARE(cell(tfs::widgets::JobListModel::kSampler), QStringLiteral("ddim"));
    QVERIFY(cell(tfs::widgets::JobListModel::kDuration).isEmpty());
    QVERIFY(QTest::qWaitFor([&] { return status(page, id) == JobStatus::Done; }, 30000));
    QVERIFY(cell(tfs::widgets::JobListModel::kDuration).endsWith(QStringLiteral(" s")));
    QCOMPARE(
        model->headerData(tfs::widgets::JobListModel::kSampler, Qt::Horizontal, Qt::DisplayRole)
            .toString(),
        QStringLiteral("Sampler"));
  }

  void aJobStoppedBeforeItsImageShowsNone() {
    JobsPage page(queue());
    auto* model = page.jobList()->model();
    const QString id = queue()->submit(imageJob("a green square", 1, 999));
    // Wait for a denoising preview on the row, then stop.
    QVERIFY(QTest::qWaitFor([&] { return !model->job(model->rowOf(id)).image.isNull(); }, 20000));
    page.jobList()->selectJob(id);
    page.jobList()->stopNow();
    QVERIFY(QTest::qWaitFor([&] { return status(page, id) == JobStatus::Cancelled; }, 20000));
    const auto& job = model->job(model->rowOf(id));
    QVERIFY(job.image.isNull());  // the preview of an image that was never finished is gone
    QVERIFY2(job.progress < 1.0, qPrintable(QString::number(job.progress)));
    QVERIFY(!model
                 ->data(model->index(model->rowOf(id), tfs::widgets::JobListModel::kProgress),
                        Qt::DisplayRole)
                 .toString()
                 .startsWith(QStringLiteral("100")));
  }

  void contextMenuSendsSavesCopiesAndRunsAgain() {
    JobsPage page(queue());
    auto* model = page.jobList()->model();
    auto job = imageJob("a yellow triangle", 1, 3);
    job.options.seed = 7;
    const QString id = queue()->submit(job);
    QVERIFY(QTest::qWaitFor([&] { return status(page, id) == JobStatus::Done; }, 30000));
    std::unique_ptr<QMenu> menu(page.menuForJob(id));
    QVERIFY(menu);
    auto action = [&](const char* name) { return menu->findChild<QAction*>(QLatin1String(name)); };
    for (const char* name :
         {"sendToEdit", "sendToConversation", "saveImage", "copyParameters", "runAgain"}) {
      QVERIFY2(action(name) && action(name)->isEnabled(), name);
    }
    QVERIFY(!action("cancelJob")->isEnabled());  // finished

    QImage sentImage;
    QString sentParams;
    connect(&page, &JobsPage::sendToEdit, &page, [&](const QImage& i, const QString& p) {
      sentImage = i;
      sentParams = p;
    });
    action("sendToEdit")->trigger();
    QCOMPARE(sentImage, model->job(model->rowOf(id)).image);
    QVERIFY(sentParams.contains(QStringLiteral("Seed: 7")));

    action("copyParameters")->trigger();
    QCOMPARE(QApplication::clipboard()->text(), sentParams);

    // Run Again: a new row with the same settings; the same seed gives the same pixels.
    action("runAgain")->trigger();
    QCOMPARE(model->rowCount(), 2);
    const QString again = model->job(1).id;
    QVERIFY(again != id);
    QCOMPARE(model->job(1).seed, QStringLiteral("7"));
    QVERIFY(QTest::qWaitFor([&] { return status(page, again) == JobStatus::Done; }, 30000));
    QCOMPARE(model->job(1).image, model->job(0).image);

    // A queued job's menu can cancel it and has nothing to send yet.
    queue()->setHeld(true);
    const QString waiting = queue()->submit(imageJob("a blue square", 1, 3));
    std::unique_ptr<QMenu> waitingMenu(page.menuForJob(waiting));
    QVERIFY(!waitingMenu->findChild<QAction*>(QStringLiteral("sendToEdit"))->isEnabled());
    waitingMenu->findChild<QAction*>(QStringLiteral("cancelJob"))->trigger();
    QVERIFY(QTest::qWaitFor([&] { return status(page, waiting) == JobStatus::Cancelled; }, 5000));
    queue()->setHeld(false);
    QVERIFY(!page.menuForJob(QStringLiteral("no-such-job")));
  }

  void finishedImageDragsIntoChatAndEditor() {
    JobsPage page(queue());
    const QString id = queue()->submit(imageJob("a blue circle", 1, 3));
    auto* model = page.jobList()->model();
    QVERIFY(QTest::qWaitFor([&] { return status(page, id) == JobStatus::Done; }, 30000));
    std::unique_ptr<QMimeData> mime(model->mimeData({model->index(model->rowOf(id), 0)}));
    QVERIFY(mime && mime->hasImage());
    const QImage image = model->job(model->rowOf(id)).image;

    tfs::studio::EditPage edit(session_.get());
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&edit, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&edit, &drop);
    QCOMPARE(edit.input().convertToFormat(QImage::Format_RGB888),
             image.convertToFormat(QImage::Format_RGB888));

    tfs::studio::ChatPage chat(session_.get());
    QDragEnterEvent enterChat(QPoint(5, 5), Qt::CopyAction, mime.get(), Qt::LeftButton,
                              Qt::NoModifier);
    QCoreApplication::sendEvent(&chat, &enterChat);
    QVERIFY(enterChat.isAccepted());
    QCoreApplication::sendEvent(&chat, &drop);
    QCOMPARE(chat.attachmentCount(), 1);
  }
};

QTEST_MAIN(TestJobsPage)
#include "test_jobs_page.moc"
