#include <QtTest>
#include <cmath>

#include "tests/widgets/widget_shot.h"
#include "widgets/filmstrip.h"

using tfs::widgets::DenoiseFrame;
using tfs::widgets::Filmstrip;

namespace {

// Frame i is recognisable by colour: x_t red = 20*i, x̂0 green = 20*i.
DenoiseFrame solidFrame(int i) {
  DenoiseFrame f;
  f.xt = QImage(8, 8, QImage::Format_RGB32);
  f.xt.fill(qRgb(20 * i, 0, 0));
  f.x0 = QImage(8, 8, QImage::Format_RGB32);
  f.x0.fill(qRgb(0, 20 * i, 0));
  f.step = 50 - 5 * i;
  f.t = 1.0 - 0.1 * i;
  f.noiseLevel = 1.0 - 0.09 * i;
  return f;
}

// A circle emerging from noise: x_t mixes noise and the picture, x̂0 sharpens with the step.
DenoiseFrame emergingFrame(int i, int total) {
  const double alpha = double(i + 1) / total;
  DenoiseFrame f;
  f.xt = QImage(32, 32, QImage::Format_RGB32);
  f.x0 = QImage(32, 32, QImage::Format_RGB32);
  unsigned state = 17u + i;
  for (int y = 0; y < 32; ++y) {
    for (int x = 0; x < 32; ++x) {
      state = state * 1664525u + 1013904223u;
      const double noise = (state >> 24) / 255.0;
      const bool inside = std::hypot(x - 15.5, y - 15.5) < 10;
      const double r = inside ? 0.85 : 0.95, g = inside ? 0.15 : 0.95, b = inside ? 0.2 : 0.92;
      auto mix = [&](double v, double a) {
        return int(255 * std::clamp(a * v + (1 - a) * noise, 0.0, 1.0));
      };
      f.xt.setPixel(x, y, qRgb(mix(r, alpha), mix(g, alpha), mix(b, alpha)));
      const double a0 = std::min(1.0, 0.4 + alpha);
      f.x0.setPixel(x, y, qRgb(mix(r, a0), mix(g, a0), mix(b, a0)));
    }
  }
  f.step = i;
  f.t = 1.0 - alpha;
  f.noiseLevel = std::sqrt(1.0 - alpha);
  return f;
}

}  // namespace

class TestFilmstrip : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void scrubberShowsTheRightFrame() {
    Filmstrip strip;
    QSignalSpy changed(&strip, &Filmstrip::currentFrameChanged);
    for (int i = 0; i < 10; ++i) strip.appendFrame(solidFrame(i));
    QCOMPARE(strip.frameCount(), 10);
    QCOMPARE(strip.currentFrame(), 9);  // live: the newest step is shown
    auto* scrubber = strip.findChild<QSlider*>(QStringLiteral("frameScrubber"));
    auto* thumbs = strip.findChild<QListWidget*>(QStringLiteral("frameStrip"));
    QVERIFY(scrubber && thumbs);
    QCOMPARE(scrubber->maximum(), 9);
    QCOMPARE(thumbs->count(), 10);

    scrubber->setValue(3);
    QCOMPARE(strip.currentFrame(), 3);
    QCOMPARE(strip.shownXt().pixel(0, 0), qRgb(60, 0, 0));
    QCOMPARE(strip.shownX0().pixel(0, 0), qRgb(0, 60, 0));
    QCOMPARE(thumbs->currentRow(), 3);
    QCOMPARE(changed.last().at(0).toInt(), 3);
    QVERIFY(strip.infoText().contains(QStringLiteral("step 35")));
    QVERIFY(strip.infoText().contains(QStringLiteral("t = 0.700")));

    // A new step while the user looks back does not yank the view away.
    strip.appendFrame(solidFrame(10));
    QCOMPARE(strip.currentFrame(), 3);
    QCOMPARE(scrubber->maximum(), 10);
    thumbs->setCurrentRow(6);
    QCOMPARE(strip.currentFrame(), 6);
    QCOMPARE(scrubber->value(), 6);
    QCOMPARE(strip.shownXt().pixel(0, 0), qRgb(120, 0, 0));
    // Back at the newest frame, it follows again.
    strip.setCurrentFrame(10);
    strip.appendFrame(solidFrame(11));
    QCOMPARE(strip.currentFrame(), 11);
    QCOMPARE(strip.shownX0().pixel(0, 0), qRgb(0, 220, 0));
    strip.setCurrentFrame(42);  // out of range: ignored
    QCOMPARE(strip.currentFrame(), 11);
  }

  void playsThroughAndStops() {
    Filmstrip strip;
    for (int i = 0; i < 6; ++i) strip.appendFrame(solidFrame(i));
    strip.setCurrentFrame(0);
    strip.setPlayInterval(10);
    strip.setPlaying(true);
    QVERIFY(strip.isPlaying());
    QTRY_COMPARE(strip.currentFrame(), 5);
    QTRY_VERIFY(!strip.isPlaying());
    strip.clear();
    QCOMPARE(strip.frameCount(), 0);
    QCOMPARE(strip.currentFrame(), -1);
    strip.setPlaying(true);
    QVERIFY(!strip.isPlaying());
  }

  void screenshot() {
    Filmstrip strip;
    strip.resize(820, 560);
    strip.setTotalSteps(24);
    for (int i = 0; i < 24; ++i) strip.appendFrame(emergingFrame(i, 24));
    strip.setCurrentFrame(14);
    tfs::test::saveShot(strip, QStringLiteral("filmstrip"));
  }
};

QTEST_MAIN(TestFilmstrip)
#include "test_filmstrip.moc"
