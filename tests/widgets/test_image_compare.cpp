#include <QtTest>
#include <cmath>

#include "tests/widgets/widget_shot.h"
#include "widgets/image_compare.h"

using tfs::widgets::ImageCompare;

namespace {

QImage solid(int w, int h, QRgb color) {
  QImage image(w, h, QImage::Format_RGB32);
  image.fill(color);
  return image;
}

QImage circle(QColor fill) {
  QImage image(256, 256, QImage::Format_RGB32);
  image.fill(QColor(238, 236, 230));
  QPainter p(&image);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(Qt::NoPen);
  p.setBrush(fill);
  p.drawEllipse(QPointF(128, 128), 80, 80);
  return image;
}

}  // namespace

class TestImageCompare : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void composesAtTheSplit() {
    const QImage before = solid(100, 50, qRgb(255, 0, 0));
    const QImage after = solid(100, 50, qRgb(0, 0, 255));
    const QImage mixed = ImageCompare::compose(before, after, 0.3);
    QCOMPARE(mixed.size(), QSize(100, 50));
    QCOMPARE(mixed.pixel(0, 10), qRgb(255, 0, 0));
    QCOMPARE(mixed.pixel(29, 10), qRgb(255, 0, 0));
    QCOMPARE(mixed.pixel(30, 10), qRgb(0, 0, 255));
    QCOMPARE(mixed.pixel(99, 49), qRgb(0, 0, 255));
    QCOMPARE(ImageCompare::compose(before, after, 0.0).pixel(0, 0), qRgb(0, 0, 255));
    QCOMPARE(ImageCompare::compose(before, after, 1.0).pixel(99, 0), qRgb(255, 0, 0));
    // A smaller "before" is scaled to the result's size.
    QCOMPARE(ImageCompare::compose(solid(10, 5, qRgb(255, 0, 0)), after, 0.5).pixel(40, 40),
             qRgb(255, 0, 0));
  }

  void widgetDrawsBothSidesAndDrags() {
    ImageCompare view;
    // 4 px margins leave 396×198, which the 2:1 image fills exactly (204 high would cap it at 392).
    view.resize(404, 206);
    view.setImages(solid(200, 100, qRgb(255, 0, 0)), solid(200, 100, qRgb(0, 0, 255)));
    QSignalSpy moved(&view, &ImageCompare::splitChanged);
    view.setSplit(0.25);
    QCOMPARE(moved.count(), 1);
    const QRectF r = view.imageRect();
    QCOMPARE(r.width(), 396.0);
    const QImage shot = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
    const int y = int(r.top() + r.height() * 0.8);  // below the labels and the grip
    QCOMPARE(shot.pixel(int(r.left() + 0.10 * r.width()), y), qRgb(255, 0, 0));
    QCOMPARE(shot.pixel(int(r.left() + 0.20 * r.width()), y), qRgb(255, 0, 0));
    QCOMPARE(shot.pixel(int(r.left() + 0.30 * r.width()), y), qRgb(0, 0, 255));
    QCOMPARE(shot.pixel(int(r.left() + 0.90 * r.width()), y), qRgb(0, 0, 255));

    QTest::mousePress(&view, Qt::LeftButton, {}, QPointF(r.left() + 0.75 * r.width(), y).toPoint());
    QVERIFY(std::abs(view.split() - 0.75) < 0.01);
    view.setSplit(2.0);
    QCOMPARE(view.split(), 1.0);
    QTest::keyClick(&view, Qt::Key_Left);
    QVERIFY(std::abs(view.split() - 0.98) < 1e-9);
  }

  void screenshot() {
    ImageCompare view;
    view.resize(520, 520);
    view.setImages(circle(QColor(205, 40, 40)), circle(QColor(40, 160, 70)));
    view.setSplit(0.45);
    tfs::test::saveShot(view, QStringLiteral("image_compare"));
  }
};

QTEST_MAIN(TestImageCompare)
#include "test_image_compare.moc"
