// The studio's generation queue on a tiny random model: every step and image arrives as a signal,
// the three stops and cancelling a queued job, jobs run one at a time in the (re)ordered sequence.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>

#include "app/studio/generation_image.h"
#include "app/studio/generation_queue.h"
#include "app/studio/model_session.h"
#include "core/generate/png_params.h"
#include "tests/app/generation_test_model.h"

using tfs::studio::GenerationJob;
using tfs::studio::GenerationQueue;
using tfs::studio::ImageUpdate;
using tfs::studio::JobKind;
using tfs::studio::JobOutcome;
using tfs::studio::StepUpdate;

namespace {

GenerationJob imageJob(int64_t count, int64_t steps, uint64_t seed = 5) {
  GenerationJob job;
  job.kind = JobKind::TextToImage;
  job.prompt = "a red circle on blue";
  job.count = count;
  job.options.image.sampler = "ddim";
  job.options.image.steps = steps;
  job.options.image.cfgScale = 1.0;
  job.options.seed = seed;
  return job;
}

// Everything one job reported, collected on the UI thread.
struct JobLog {
  std::vector<StepUpdate> steps;
  std::vector<ImageUpdate> images;
  std::optional<JobOutcome> outcome;
  QString error;
};

}  // namespace

class TestGenerationQueue : public QObject {
  Q_OBJECT
  std::shared_ptr<tfs::ModelBundle> bundle_;
  std::unique_ptr<GenerationQueue> queue_;
  std::map<QString, JobLog> logs_;
  QStringList started_;

  bool waitDone(const QString& id, int ms = 30000) {
    return QTest::qWaitFor([&] { return logs_[id].outcome || !logs_[id].error.isEmpty(); }, ms);
  }

 private Q_SLOTS:
  void initTestCase() { bundle_ = tfs::test::tinyModel(QStringLiteral("generation_queue")); }

  void init() {
    logs_.clear();
    started_.clear();
    queue_ = std::make_unique<GenerationQueue>();
    queue_->setBundle(bundle_);
    auto* q = queue_.get();
    connect(q, &GenerationQueue::stepDone, this,
            [this](const QString& id, const StepUpdate& s) { logs_[id].steps.push_back(s); });
    connect(q, &GenerationQueue::imageDone, this,
            [this](const QString& id, const ImageUpdate& u) { logs_[id].images.push_back(u); });
    connect(q, &GenerationQueue::jobFinished, this,
            [this](const QString& id, const JobOutcome& o) { logs_[id].outcome = o; });
    connect(q, &GenerationQueue::jobFailed, this,
            [this](const QString& id, const QString& m) { logs_[id].error = m; });
    connect(q, &GenerationQueue::jobStarted, this, [this](const QString& id) { started_ << id; });
  }
  void cleanup() { queue_.reset(); }

  void jobEmitsEveryStepAndItsImages() {
    const QString id = queue_->submit(imageJob(2, 6));
    QVERIFY(waitDone(id));
    const auto& log = logs_[id];
    QVERIFY2(log.error.isEmpty(), qPrintable(log.error));
    QCOMPARE(log.steps.size(), size_t(12));
    for (int k = 0; k < 12; ++k) {
      QCOMPARE(log.steps[k].image, k / 6);
      QCOMPARE(log.steps[k].step, k % 6);
      QCOMPARE(log.steps[k].steps, 6);
      QCOMPARE(log.steps[k].xt.size(), QSize(8, 8));
      QVERIFY(!log.steps[k].x0.isNull());
      QVERIFY(log.steps[k].alphaBar > 0.0 && log.steps[k].alphaBar <= 1.0);
    }
    // Noise falls as the sampler walks down the schedule.
    QVERIFY(log.steps[0].t > log.steps[5].t);
    QVERIFY(log.steps[0].alphaBar < log.steps[5].alphaBar);
    QCOMPARE(log.images.size(), size_t(2));
    QCOMPARE(log.images[0].pixels.size(), QSize(8, 8));
    QCOMPARE(log.images[1].seed, quint64(6));
    const auto params = tfs::parseParameters(log.images[1].parameters.toStdString());
    QCOMPARE(params.steps, int64_t(6));
    QCOMPARE(params.seed, uint64_t(6));
    QCOMPARE(params.prompt, std::string("a red circle on blue"));
    QCOMPARE(log.outcome->images, 2);
    QVERIFY(!log.outcome->cancelled);
    QVERIFY(queue_->isIdle());
  }

  void stopNowEndsMidImage() {
    const QString id = queue_->submit(imageJob(20, 200));
    connect(queue_.get(), &GenerationQueue::stepDone, this,
            [this, id](const QString&, const StepUpdate&) { queue_->stopNow(id); });
    QVERIFY(waitDone(id));
    const auto& log = logs_[id];
    QVERIFY(log.outcome->cancelled);
    QVERIFY(log.outcome->images < 20);
    QVERIFY(log.steps.size() < size_t(20 * 200));
    // Stopped inside an image: the last step reported is not an image's last.
    QVERIFY(log.steps.back().step < 199);
  }

  void stopAfterImageFinishesTheCurrentOne() {
    const QString id = queue_->submit(imageJob(20, 200));
    connect(queue_.get(), &GenerationQueue::stepDone, this,
            [this, id](const QString&, const StepUpdate&) { queue_->stopAfterImage(id); });
    QVERIFY(waitDone(id));
    const auto& log = logs_[id];
    QVERIFY(log.outcome->cancelled);
    QVERIFY(log.outcome->images >= 1 && log.outcome->images < 20);
    // Every image that was started was finished.
    QCOMPARE(log.steps.back().step, 199);
    QCOMPARE(int(log.images.size()), log.outcome->images);
  }

  void skipDropsOneImageAndCarriesOn() {
    // Long images, so the skip lands while one is still denoising even on a busy machine.
    const QString id = queue_->submit(imageJob(3, 999));
    bool asked = false;
    int skippedIndex = -1;
    connect(queue_.get(), &GenerationQueue::stepDone, this,
            [&, id](const QString&, const StepUpdate& s) {
              if (!asked) {
                skippedIndex = s.image;
                asked = true;
                queue_->skipImage(id);
              }
            });
    QVERIFY(waitDone(id));
    const auto& log = logs_[id];
    QVERIFY(!log.outcome->cancelled);
    QCOMPARE(log.outcome->skipped, 1);
    QCOMPARE(log.outcome->images, 2);
    QCOMPARE(log.images.size(), size_t(3));
    QVERIFY(skippedIndex >= 0);
    for (int k = 0; k < 3; ++k) {
      QCOMPARE(log.images[k].skipped, k == skippedIndex);
      QCOMPARE(log.images[k].pixels.isNull(), k == skippedIndex);
    }
  }

  void queueRunsInOrderAndReorders() {
    queue_->setHeld(true);
    const QString a = queue_->submit(imageJob(1, 3));
    const QString b = queue_->submit(imageJob(1, 3));
    const QString c = queue_->submit(imageJob(1, 3));
    const QString d = queue_->submit(imageJob(1, 3));
    QCOMPARE(queue_->queuedIds(), (QStringList{a, b, c, d}));
    QVERIFY(queue_->moveJob(c, 0));
    queue_->setOrder({d, b});  // the named ones first, the rest behind in their order
    QCOMPARE(queue_->queuedIds(), (QStringList{d, b, c, a}));
    QVERIFY(queue_->cancel(c));  // queued: dropped without running
    queue_->setHeld(false);
    QVERIFY(waitDone(a));
    QCOMPARE(started_, (QStringList{d, b, a}));
    QVERIFY(logs_[c].outcome && logs_[c].outcome->cancelled);
    QVERIFY(logs_[c].steps.empty());
  }

  void errorsAreReportedAndTheQueueGoesOn() {
    auto bad = imageJob(1, 5000);  // more steps than the schedule has
    const QString id = queue_->submit(bad);
    const QString next = queue_->submit(imageJob(1, 2));
    QVERIFY(waitDone(next));
    QVERIFY(logs_[id].error.contains(QStringLiteral("steps")));
    QVERIFY(logs_[next].outcome.has_value());

    GenerationQueue empty;
    QSignalSpy failed(&empty, &GenerationQueue::jobFailed);
    empty.submit(imageJob(1, 2));
    QVERIFY(failed.wait(10000));
    QVERIFY(failed.at(0).at(1).toString().contains(QStringLiteral("model")));
  }

  void replyAndEditJobs() {
    GenerationJob reply;
    reply.kind = JobKind::Reply;
    reply.prompt = "draw";
    reply.conversation.addText(tfs::Role::User, "a green square");
    reply.conversation.addImage(tfs::Role::User,
                                tfs::studio::imageToTensor(QImage(16, 12, QImage::Format_RGB32)));
    reply.forceImage = true;
    reply.options.image.steps = 3;
    reply.options.text.maxTokens = 4;
    const QString r = queue_->submit(reply);

    GenerationJob edit = imageJob(1, 3);
    edit.kind = JobKind::Edit;
    edit.prompt = "make the circle green";
    edit.inputPath = "in.png";
    QImage in(8, 8, QImage::Format_RGB888);
    in.fill(Qt::red);
    edit.input = tfs::studio::imageToTensor(in);
    const QString e = queue_->submit(edit);
    QVERIFY(waitDone(e));
    QVERIFY2(logs_[r].error.isEmpty(), qPrintable(logs_[r].error));
    QVERIFY2(logs_[e].error.isEmpty(), qPrintable(logs_[e].error));
    QVERIFY(!logs_[r].images.empty());
    QCOMPARE(logs_[r].steps.size() % 3, size_t(0));
    QCOMPARE(logs_[e].images.size(), size_t(1));
    const auto p = tfs::parseParameters(logs_[e].images[0].parameters.toStdString());
    QCOMPARE(p.mode, std::string("edit"));
    QCOMPARE(p.input, std::string("in.png"));
  }

  void uiStaysResponsiveWhileGenerating() {
    // The UI thread only receives finished pixels: a 5 ms timer keeps ticking throughout.
    const QString id = queue_->submit(imageJob(4, 300));
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, longest = 0;
    QTimer tick;
    tick.setInterval(5);
    connect(&tick, &QTimer::timeout, this, [&] {
      longest = std::max(longest, clock.elapsed() - last);
      last = clock.elapsed();
    });
    tick.start();
    QVERIFY(waitDone(id));
    tick.stop();
    QCOMPARE(logs_[id].steps.size(), size_t(1200));
    qInfo("longest UI gap while generating: %lld ms over %lld ms", longest, clock.elapsed());
    QVERIFY2(longest < 250, qPrintable(QString::number(longest)));
  }

  void pixelsRoundTrip() {
    QImage img(5, 3, QImage::Format_RGB888);
    for (int y = 0; y < 3; ++y)
      for (int x = 0; x < 5; ++x) img.setPixelColor(x, y, QColor(x * 50, y * 100, 7));
    const auto t = tfs::studio::imageToTensor(img);
    QCOMPARE(t.sizes().vec(), (std::vector<int64_t>{3, 3, 5}));
    QCOMPARE(tfs::studio::tensorToImage(t), img);
    const auto grey = tfs::studio::tensorToImage(torch::zeros({1, 4, 4}));
    QCOMPARE(grey.format(), QImage::Format_Grayscale8);
    QCOMPARE(qGray(grey.pixel(0, 0)), 128);
  }

  void sessionLoadFailureIsReported() {
    tfs::studio::ModelSession session;
    QSignalSpy failed(&session, &tfs::studio::ModelSession::loadFailed);
    QVERIFY(session.loadRun(QStringLiteral("/nonexistent/run")));
    QVERIFY(failed.wait(10000));
    QVERIFY(!failed.at(0).at(1).toString().isEmpty());
    QVERIFY(!session.isLoading());
    session.setBundle(bundle_);
    QCOMPARE(session.modelName(), QStringLiteral("tiny-test"));
    QCOMPARE(session.imageSize(), 8);
  }
};

QTEST_MAIN(TestGenerationQueue)
#include "test_generation_queue.moc"
