#pragma once

#include <QByteArray>
#include <QImage>
#include <QStringList>
#include <QWidget>
#include <vector>

namespace tfs::widgets {

// What a run of positions in a Transfusion sequence is (the colour of its band on both axes).
enum class SegmentKind { Bos, Text, Boi, ImagePatches, Eoi, Eos, Pad };

struct MaskSegment {
  int start = 0;
  int length = 0;
  QString label;  // e.g. "image 1" for patches, the caption for text
  SegmentKind kind = SegmentKind::Text;
};

// A heat map of an N×N attention mask (bytes 0/1) or attention weights (floats), rows = queries,
// columns = keys, with the segments labelled along both axes. Renders once per data change into a
// QImage (one pixel per cell) and only scales it while zooming (wheel) and panning (drag), so
// 4096 positions stay responsive. Hover shows which query may attend which key.
class MaskView : public QWidget {
  Q_OBJECT
 public:
  explicit MaskView(QWidget* parent = nullptr);

  // Row-major, allowed[q * n + k] != 0 when query q may attend key k. False on a size mismatch.
  bool setMask(int n, const QByteArray& allowed);
  // Row-major weights (a softmax row sums to 1); shown on a perceptual scale of sqrt(w / max).
  bool setWeights(int n, const std::vector<float>& weights);
  void setSegments(std::vector<MaskSegment> segments);
  void setTokenLabels(const QStringList& labels);  // one per position, optional
  void clear();

  int positions() const { return n_; }
  bool showsWeights() const { return !weights_.empty(); }
  const std::vector<MaskSegment>& segments() const { return segments_; }  // sorted by start
  int segmentAt(int position) const;  // index into segments(), -1 outside all
  QString describePosition(int position) const;
  QString cellToolTip(int query, int key) const;
  bool allowed(int query, int key) const;
  float weight(int query, int key) const;

  // (key, query) of the cell under a widget point, (-1, -1) outside the map.
  QPoint cellAt(const QPointF& point) const;
  QRectF cellRect(int query, int key) const;
  double pixelsPerCell() const { return scale_; }
  void zoomBy(double factor, const QPointF& anchor);
  void resetView();  // the whole map fits again

  const QImage& renderedImage() const { return image_; }
  double lastRenderMs() const { return lastRenderMs_; }
  static QColor kindColor(SegmentKind kind);

  QSize sizeHint() const override { return {640, 640}; }

 Q_SIGNALS:
  void cellHovered(int query, int key);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  bool event(QEvent* event) override;

 private:
  QRectF heatArea() const;
  double fitScale() const;
  void render();
  void drawBands(QPainter& painter, const QRectF& area, int firstVisible, int lastVisible);

  int n_ = 0;
  QByteArray mask_;
  std::vector<float> weights_;
  std::vector<MaskSegment> segments_;
  QStringList tokenLabels_;
  QImage image_;
  double lastRenderMs_ = 0;
  double scale_ = 1.0;
  QPointF origin_;  // where cell (0, 0) sits, relative to the heat area's top-left
  bool fitted_ = true;
  bool dragging_ = false;
  QPointF dragStart_;
  QPointF originAtDragStart_;
  QPoint hovered_{-1, -1};
};

}  // namespace tfs::widgets
