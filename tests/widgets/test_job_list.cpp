#include <QtTest>

#include "tests/widgets/widget_shot.h"
#include "widgets/job_list.h"

using tfs::widgets::JobInfo;
using tfs::widgets::JobList;
using tfs::widgets::JobListModel;
using tfs::widgets::JobStatus;

namespace {

QImage tile(QColor color) {
  QImage image(64, 64, QImage::Format_RGB32);
  image.fill(QColor(240, 240, 235));
  QPainter p(&image);
  p.setRenderHint(QPainter::Antialiasing);
  p.setBrush(color);
  p.setPen(Qt::NoPen);
  p.drawEllipse(QRectF(12, 12, 40, 40));
  return image;
}

void fill(JobList& list) {
  auto* model = list.model();
  model->addJob({QStringLiteral("job-1"), QStringLiteral("generate"),
                 QStringLiteral("a red circle"), JobStatus::Done, 1.0, tile(Qt::red)});
  model->addJob({QStringLiteral("job-2"), QStringLiteral("generate"),
                 QStringLiteral("a green square on a white background"), JobStatus::Running, 0.42,
                 tile(Qt::green)});
  model->addJob({QStringLiteral("job-3"), QStringLiteral("edit"),
                 QStringLiteral("make the circle blue"), JobStatus::Queued, 0.0, QImage()});
  model->addJob({QStringLiteral("job-4"), QStringLiteral("caption"),
                 QStringLiteral("describe image"), JobStatus::Queued, 0.0, QImage()});
}

QStringList ids(std::initializer_list<const char*> names) {
  QStringList out;
  for (const char* n : names) out << QString::fromLatin1(n);
  return out;
}

}  // namespace

class TestJobList : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void reordersByButtonsAndModel() {
    JobList list;
    fill(list);
    QSignalSpy order(&list, &JobList::orderChanged);
    list.selectJob(QStringLiteral("job-4"));
    QCOMPARE(list.selectedJobId(), QStringLiteral("job-4"));
    auto* up = list.findChild<QToolButton*>(QStringLiteral("moveUpButton"));
    auto* down = list.findChild<QToolButton*>(QStringLiteral("moveDownButton"));
    QVERIFY(up && down);
    QVERIFY(!down->isEnabled());  // already last
    QTest::mouseClick(up, Qt::LeftButton);
    QCOMPARE(list.model()->order(), ids({"job-1", "job-2", "job-4", "job-3"}));
    QCOMPARE(order.count(), 1);
    QCOMPARE(order.last().at(0).toStringList(), ids({"job-1", "job-2", "job-4", "job-3"}));
    QCOMPARE(list.selectedJobId(), QStringLiteral("job-4"));  // the selection moves with the job
    QTest::mouseClick(up, Qt::LeftButton);
    QTest::mouseClick(up, Qt::LeftButton);
    QCOMPARE(list.model()->order(), ids({"job-4", "job-1", "job-2", "job-3"}));
    QVERIFY(!up->isEnabled());
    QTest::mouseClick(down, Qt::LeftButton);
    QCOMPARE(list.model()->order(), ids({"job-1", "job-4", "job-2", "job-3"}));
    QVERIFY(list.model()->moveJob(QStringLiteral("job-1"), 3));
    QCOMPARE(list.model()->order(), ids({"job-4", "job-2", "job-3", "job-1"}));
    QVERIFY(!list.model()->moveJob(QStringLiteral("job-1"), 9));
    QVERIFY(!list.model()->moveJob(QStringLiteral("nope"), 0));
    // A finished or running job cannot be reordered: its Up/Down are off, and come back when a
    // waiting job is selected.
    for (const char* fixed : {"job-1", "job-2"}) {
      list.selectJob(QString::fromLatin1(fixed));
      QVERIFY2(!up->isEnabled() && !down->isEnabled(), fixed);
    }
    list.selectJob(QStringLiteral("job-3"));
    QVERIFY(up->isEnabled() && down->isEnabled());
    // A waiting job that starts running while selected loses them at once.
    list.model()->updateJob(QStringLiteral("job-3"), JobStatus::Running, 0.1);
    QVERIFY(!up->isEnabled() && !down->isEnabled());
  }

  void dragCarriesIdsAndImages() {
    JobList list;
    fill(list);
    JobListModel* model = list.model();
    std::unique_ptr<QMimeData> done(model->mimeData({model->index(0, 0)}));
    QVERIFY(done->hasImage());
    QCOMPARE(qvariant_cast<QImage>(done->imageData()).pixel(32, 32), tile(Qt::red).pixel(32, 32));
    QCOMPARE(done->data(QLatin1String(JobListModel::kMimeType)), QByteArray("job-1"));
    std::unique_ptr<QMimeData> queued(model->mimeData({model->index(2, 1)}));
    QVERIFY(!queued->hasImage());  // only finished jobs carry their image

    // Dropping job-1 onto row 3 puts it before job-4.
    QSignalSpy order(model, &JobListModel::orderChanged);
    QVERIFY(model->canDropMimeData(done.get(), Qt::MoveAction, 3, 0, {}));
    model->dropMimeData(done.get(), Qt::MoveAction, 3, 0, {});
    QCOMPARE(model->order(), ids({"job-2", "job-3", "job-1", "job-4"}));
    QCOMPARE(order.count(), 1);
    // Below the last row: to the end.
    std::unique_ptr<QMimeData> first(model->mimeData({model->index(0, 0)}));
    model->dropMimeData(first.get(), Qt::MoveAction, -1, -1, {});
    QCOMPARE(model->order(), ids({"job-3", "job-1", "job-4", "job-2"}));
    QMimeData foreign;
    foreign.setText(QStringLiteral("hello"));
    QVERIFY(!model->canDropMimeData(&foreign, Qt::MoveAction, 0, 0, {}));
  }

  void actionsEmitSignals() {
    JobList list;
    fill(list);
    QSignalSpy cancel(&list, &JobList::cancelRequested);
    QSignalSpy stopNow(&list, &JobList::stopNowRequested);
    QSignalSpy stopAfter(&list, &JobList::stopAfterImageRequested);
    QSignalSpy skip(&list, &JobList::skipImageRequested);
    list.selectJob(QStringLiteral("job-3"));
    QTest::mouseClick(list.findChild<QToolButton*>(QStringLiteral("cancelButton")), Qt::LeftButton);
    QCOMPARE(cancel.count(), 1);
    QCOMPARE(cancel.at(0).at(0).toString(), QStringLiteral("job-3"));
    // The three stops address the running job whatever is selected.
    QTest::mouseClick(list.findChild<QToolButton*>(QStringLiteral("stopNowButton")),
                      Qt::LeftButton);
    QTest::mouseClick(list.findChild<QToolButton*>(QStringLiteral("stopAfterImageButton")),
                      Qt::LeftButton);
    QTest::mouseClick(list.findChild<QToolButton*>(QStringLiteral("skipImageButton")),
                      Qt::LeftButton);
    QCOMPARE(stopNow.count(), 1);
    QCOMPARE(stopNow.at(0).at(0).toString(), QStringLiteral("job-2"));
    QCOMPARE(stopAfter.at(0).at(0).toString(), QStringLiteral("job-2"));
    QCOMPARE(skip.at(0).at(0).toString(), QStringLiteral("job-2"));
    // A finished job cannot be cancelled; nothing running disables the stops.
    list.selectJob(QStringLiteral("job-1"));
    QVERIFY(!list.findChild<QToolButton*>(QStringLiteral("cancelButton"))->isEnabled());
    list.model()->updateJob(QStringLiteral("job-2"), JobStatus::Done, 1.0);
    QVERIFY(!list.findChild<QToolButton*>(QStringLiteral("stopNowButton"))->isEnabled());
    list.stopNow();
    QCOMPARE(stopNow.count(), 1);
    QCOMPARE(list.model()
                 ->data(list.model()->index(1, JobListModel::kStatus), Qt::DisplayRole)
                 .toString(),
             QStringLiteral("done"));
    QVERIFY(list.model()->removeJob(QStringLiteral("job-2")));
    QCOMPARE(list.model()->rowCount(), 3);
  }

  void screenshot() {
    JobList list;
    list.resize(760, 300);
    fill(list);
    list.model()->addJob({QStringLiteral("job-5"), QStringLiteral("generate"),
                          QStringLiteral("two yellow triangles"), JobStatus::Failed, 0.3,
                          QImage()});
    list.selectJob(QStringLiteral("job-3"));
    tfs::test::saveShot(list, QStringLiteral("job_list"));
  }
};

QTEST_MAIN(TestJobList)
#include "test_job_list.moc"
