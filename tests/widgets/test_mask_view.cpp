#include <QtTest>

#include "tests/widgets/widget_shot.h"
#include "widgets/mask_view.h"

using tfs::widgets::MaskSegment;
using tfs::widgets::MaskView;
using tfs::widgets::SegmentKind;

namespace {

// Transfusion's mask: causal everywhere, bidirectional inside each image's patches.
QByteArray transfusionMask(int n, const std::vector<MaskSegment>& segments) {
  QByteArray mask(qsizetype(n) * n, 0);
  for (int q = 0; q < n; ++q)
    for (int k = 0; k <= q; ++k) mask[qsizetype(q) * n + k] = 1;
  for (const MaskSegment& s : segments) {
    if (s.kind != SegmentKind::ImagePatches) continue;
    for (int q = s.start; q < s.start + s.length; ++q)
      for (int k = s.start; k < s.start + s.length; ++k) mask[qsizetype(q) * n + k] = 1;
  }
  return mask;
}

// BOS · "a red circle ." · BOI · 16 patches of image 1 · EOI · "nice ." · EOS  (26 positions)
std::vector<MaskSegment> smallLayout() {
  return {{0, 1, QString(), SegmentKind::Bos},
          {1, 4, QStringLiteral("a red circle."), SegmentKind::Text},
          {5, 1, QStringLiteral("image 1"), SegmentKind::Boi},
          {6, 16, QStringLiteral("image 1"), SegmentKind::ImagePatches},
          {22, 1, QStringLiteral("image 1"), SegmentKind::Eoi},
          {23, 2, QStringLiteral("nice."), SegmentKind::Text},
          {25, 1, QString(), SegmentKind::Eos}};
}

QStringList smallTokens() {
  QStringList labels(26);
  labels[1] = QStringLiteral("a");
  labels[2] = QStringLiteral("red");
  labels[3] = QStringLiteral("circle");
  labels[4] = QStringLiteral(".");
  labels[23] = QStringLiteral("nice");
  labels[24] = QStringLiteral(".");
  return labels;
}

}  // namespace

class TestMaskView : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void labelsSegments() {
    MaskView view;
    const auto segments = smallLayout();
    QVERIFY(view.setMask(26, transfusionMask(26, segments)));
    view.setSegments(segments);
    view.setTokenLabels(smallTokens());
    QCOMPARE(view.segmentAt(0), 0);
    QCOMPARE(view.segmentAt(3), 1);
    QCOMPARE(view.segmentAt(9), 3);
    QCOMPARE(view.segmentAt(21), 3);
    QCOMPARE(view.segmentAt(22), 4);
    QCOMPARE(view.segmentAt(25), 6);
    QCOMPARE(view.segmentAt(26), -1);
    QCOMPARE(view.describePosition(0), QStringLiteral("BOS"));
    QCOMPARE(view.describePosition(5), QStringLiteral("BOI of image 1"));
    QCOMPARE(view.describePosition(9), QStringLiteral("patch 3 of image 1"));
    QCOMPARE(view.describePosition(2), QStringLiteral("text 'red'"));
    QCOMPARE(view.describePosition(25), QStringLiteral("EOS"));
    QCOMPARE(view.cellToolTip(9, 2),
             QStringLiteral("query 9 (patch 3 of image 1) → key 2 (text 'red'): may attend"));
    // Patches see later patches of their own image, text never sees the future.
    QCOMPARE(
        view.cellToolTip(7, 12),
        QStringLiteral("query 7 (patch 1 of image 1) → key 12 (patch 6 of image 1): may attend"));
    QCOMPARE(view.cellToolTip(2, 9),
             QStringLiteral("query 2 (text 'red') → key 9 (patch 3 of image 1): masked"));
    QCOMPARE(view.cellToolTip(23, 22),
             QStringLiteral("query 23 (text 'nice') → key 22 (EOI of image 1): may attend"));
    QVERIFY(!view.setMask(26, QByteArray(10, 1)));  // a wrong size is refused, not a crash
    QCOMPARE(view.positions(), 26);

    // One pixel per cell: x = key, y = query.
    const QImage& image = view.renderedImage();
    QCOMPARE(image.size(), QSize(26, 26));
    QCOMPARE(image.pixel(12, 7), image.pixel(0, 0));
    QVERIFY(image.pixel(9, 2) != image.pixel(0, 0));
  }

  void hoverFindsTheCell() {
    MaskView view;
    const auto segments = smallLayout();
    view.setMask(26, transfusionMask(26, segments));
    view.setSegments(segments);
    view.setTokenLabels(smallTokens());
    view.resize(520, 520);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QPoint center = view.cellRect(9, 2).center().toPoint();
    QCOMPARE(view.cellAt(center), QPoint(2, 9));
    QCOMPARE(view.cellAt(QPointF(2, 2)), QPoint(-1, -1));  // the label margin
    QSignalSpy hovered(&view, &MaskView::cellHovered);
    QTest::mouseMove(&view, center);
    QTRY_VERIFY(!hovered.isEmpty());
    QCOMPARE(hovered.last().at(0).toInt(), 9);
    QCOMPARE(hovered.last().at(1).toInt(), 2);
    QHelpEvent help(QEvent::ToolTip, center, view.mapToGlobal(center));
    QApplication::sendEvent(&view, &help);
    QTRY_COMPARE(QToolTip::text(),
                 QStringLiteral("query 9 (patch 3 of image 1) → key 2 (text 'red'): may attend"));

    // Zooming around a cell keeps it under the cursor.
    const double before = view.pixelsPerCell();
    view.zoomBy(4.0, center);
    QCOMPARE(view.pixelsPerCell(), before * 4.0);
    QCOMPARE(view.cellAt(center), QPoint(2, 9));
    view.resetView();
    QCOMPARE(view.pixelsPerCell(), before);
  }

  void weightsTooltip() {
    MaskView view;
    QVERIFY(view.setWeights(3, {1.0f, 0.0f, 0.0f, 0.5f, 0.5f, 0.0f, 0.123f, 0.377f, 0.5f}));
    view.setSegments({{0, 1, QString(), SegmentKind::Bos}, {1, 2, QString(), SegmentKind::Text}});
    QVERIFY(view.showsWeights());
    QCOMPARE(view.cellToolTip(2, 0),
             QStringLiteral("query 2 (text token 1) → key 0 (BOS): weight 0.123"));
    const QImage& image = view.renderedImage();
    // Brighter for more attention.
    QVERIFY(qGray(image.pixel(0, 0)) > qGray(image.pixel(0, 2)));
    QVERIFY(qGray(image.pixel(0, 2)) > qGray(image.pixel(2, 0)));
  }

  void largeSequenceStaysResponsive() {
    const int n = 4096;
    std::vector<MaskSegment> segments;
    segments.push_back({0, 1, QString(), SegmentKind::Bos});
    int at = 1;
    for (int image = 1; at < n - 300; ++image) {
      segments.push_back({at, 40, QStringLiteral("caption %1").arg(image), SegmentKind::Text});
      at += 40;
      segments.push_back({at, 1, QStringLiteral("image %1").arg(image), SegmentKind::Boi});
      segments.push_back(
          {at + 1, 256, QStringLiteral("image %1").arg(image), SegmentKind::ImagePatches});
      segments.push_back({at + 257, 1, QStringLiteral("image %1").arg(image), SegmentKind::Eoi});
      at += 258;
    }
    segments.push_back({at, n - at - 1, QStringLiteral("tail"), SegmentKind::Text});
    segments.push_back({n - 1, 1, QString(), SegmentKind::Eos});
    const QByteArray mask = transfusionMask(n, segments);
    MaskView view;
    view.resize(900, 900);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(view.setMask(n, mask));
    view.setSegments(segments);
    const double setMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    QImage frame = view.grab().toImage();
    const double paintMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    view.zoomBy(8.0, QPointF(400, 400));
    frame = view.grab().toImage();
    const double zoomMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    for (int i = 0; i < 10; ++i) {
      view.zoomBy(1.1, QPointF(300 + i * 10, 300));
      view.repaint();
    }
    const double tenZoomsMs = timer.nsecsElapsed() / 1e6;
    qInfo(
        "4096 positions: set+render %.1f ms (render %.1f), first paint %.1f ms, zoomed paint %.1f "
        "ms, 10 zoom steps %.1f ms",
        setMs, view.lastRenderMs(), paintMs, zoomMs, tenZoomsMs);
    QVERIFY2(setMs < 1500, "rendering the 4096² mask is too slow");
    QVERIFY2(paintMs < 500, "painting the 4096² mask is too slow");
    QVERIFY2(zoomMs < 500, "painting a zoomed 4096² mask is too slow");
    QCOMPARE(view.describePosition(1 + 40 + 1 + 17), QStringLiteral("patch 17 of image 1"));
  }

  void screenshots() {
    // BOS · caption · image 1 (64 patches) · caption · image 2 (64 patches) · EOS
    std::vector<MaskSegment> segments = {
        {0, 1, QString(), SegmentKind::Bos},
        {1, 6, QStringLiteral("a red circle"), SegmentKind::Text},
        {7, 1, QStringLiteral("image 1"), SegmentKind::Boi},
        {8, 64, QStringLiteral("image 1"), SegmentKind::ImagePatches},
        {72, 1, QStringLiteral("image 1"), SegmentKind::Eoi},
        {73, 8, QStringLiteral("now make it green"), SegmentKind::Text},
        {81, 1, QStringLiteral("image 2"), SegmentKind::Boi},
        {82, 64, QStringLiteral("image 2"), SegmentKind::ImagePatches},
        {146, 1, QStringLiteral("image 2"), SegmentKind::Eoi},
        {147, 1, QString(), SegmentKind::Eos}};
    const int n = 148;
    MaskView view;
    view.resize(760, 720);
    view.setMask(n, transfusionMask(n, segments));
    view.setSegments(segments);
    QStringList tokens(n);
    const QStringList words = {QStringLiteral("a"),      QStringLiteral("red"),
                               QStringLiteral("circle"), QStringLiteral("on"),
                               QStringLiteral("white"),  QStringLiteral(".")};
    for (int i = 0; i < 6; ++i) tokens[1 + i] = words[i];
    for (int i = 0; i < 64; ++i) tokens[8 + i] = QStringLiteral("p%1").arg(i);
    view.setTokenLabels(tokens);
    tfs::test::saveShot(view, QStringLiteral("mask_view"));
    view.zoomBy(6.0, QPointF(112, 72));
    tfs::test::saveShot(view, QStringLiteral("mask_view_zoomed"));

    // Attention weights: causal softmax of a distance-decaying score.
    std::vector<float> weights(std::size_t(n) * n, 0.0f);
    for (int q = 0; q < n; ++q) {
      double sum = 0;
      for (int k = 0; k <= q; ++k) sum += std::exp(-0.08 * (q - k)) + (k == 0 ? 3.0 : 0.0);
      for (int k = 0; k <= q; ++k)
        weights[std::size_t(q) * n + k] =
            float((std::exp(-0.08 * (q - k)) + (k == 0 ? 3.0 : 0.0)) / sum);
    }
    view.setWeights(n, weights);
    view.resetView();
    tfs::test::saveShot(view, QStringLiteral("mask_view_weights"));
  }
};

QTEST_MAIN(TestMaskView)
#include "test_mask_view.moc"
