#include "widgets/mask_view.h"

#include <QElapsedTimer>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace tfs::widgets {

namespace {

constexpr int kLeftMargin = 112;
constexpr int kTopMargin = 72;
constexpr int kBand = 10;
constexpr double kMaxPixelsPerCell = 64.0;

const QRgb kAllowed = qRgb(33, 72, 140);
const QRgb kMasked = qRgb(246, 246, 244);

// A compact 'inferno'-like ramp: dark for no attention, bright yellow for the strongest.
QRgb heatColor(double v) {
  static const QColor stops[] = {QColor(8, 6, 30), QColor(88, 16, 110), QColor(188, 55, 84),
                                 QColor(249, 140, 10), QColor(252, 255, 164)};
  v = std::clamp(v, 0.0, 1.0) * 4.0;
  const int i = std::min(3, static_cast<int>(v));
  const double f = v - i;
  const QColor& a = stops[i];
  const QColor& b = stops[i + 1];
  return qRgb(int(a.red() + f * (b.red() - a.red())), int(a.green() + f * (b.green() - a.green())),
              int(a.blue() + f * (b.blue() - a.blue())));
}

QString kindName(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::Bos:
      return QStringLiteral("BOS");
    case SegmentKind::Text:
      return MaskView::tr("text");
    case SegmentKind::Boi:
      return QStringLiteral("BOI");
    case SegmentKind::ImagePatches:
      return MaskView::tr("patches");
    case SegmentKind::Eoi:
      return QStringLiteral("EOI");
    case SegmentKind::Eos:
      return QStringLiteral("EOS");
    case SegmentKind::Pad:
      return MaskView::tr("pad");
  }
  return {};
}

}  // namespace

MaskView::MaskView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("maskView"));
  setMouseTracking(true);
  setMinimumSize(kLeftMargin + 120, kTopMargin + 120);
  setFocusPolicy(Qt::WheelFocus);
  setToolTip(tr("Wheel to zoom, drag to pan, double-click to fit"));
}

QColor MaskView::kindColor(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::Bos:
      return QColor(90, 90, 90);
    case SegmentKind::Text:
      return QColor(52, 120, 200);
    case SegmentKind::Boi:
      return QColor(230, 140, 30);
    case SegmentKind::ImagePatches:
      return QColor(60, 160, 80);
    case SegmentKind::Eoi:
      return QColor(200, 100, 20);
    case SegmentKind::Eos:
      return QColor(40, 40, 40);
    case SegmentKind::Pad:
      return QColor(200, 200, 200);
  }
  return Qt::gray;
}

bool MaskView::setMask(int n, const QByteArray& allowed) {
  if (n < 0 || static_cast<qint64>(n) * n != allowed.size()) return false;
  const bool resized = n != n_;
  n_ = n;
  mask_ = allowed;
  weights_.clear();
  render();
  if (resized) resetView();
  update();
  return true;
}

bool MaskView::setWeights(int n, const std::vector<float>& weights) {
  if (n < 0 || static_cast<std::size_t>(n) * n != weights.size()) return false;
  const bool resized = n != n_;
  n_ = n;
  weights_ = weights;
  mask_.clear();
  render();
  if (resized) resetView();
  update();
  return true;
}

void MaskView::setSegments(std::vector<MaskSegment> segments) {
  std::sort(segments.begin(), segments.end(),
            [](const MaskSegment& a, const MaskSegment& b) { return a.start < b.start; });
  segments_ = std::move(segments);
  update();
}

void MaskView::setTokenLabels(const QStringList& labels) {
  tokenLabels_ = labels;
  update();
}

void MaskView::clear() {
  n_ = 0;
  mask_.clear();
  weights_.clear();
  segments_.clear();
  tokenLabels_.clear();
  image_ = QImage();
  update();
}

int MaskView::segmentAt(int position) const {
  auto it = std::upper_bound(segments_.begin(), segments_.end(), position,
                             [](int p, const MaskSegment& s) { return p < s.start; });
  if (it == segments_.begin()) return -1;
  --it;
  if (position >= it->start + it->length) return -1;
  return static_cast<int>(it - segments_.begin());
}

QString MaskView::describePosition(int position) const {
  const int index = segmentAt(position);
  if (index < 0) return tr("position %1").arg(position);
  const MaskSegment& s = segments_[index];
  const int offset = position - s.start;
  const QString token = position < tokenLabels_.size() ? tokenLabels_[position] : QString();
  switch (s.kind) {
    case SegmentKind::Text:
      return token.isEmpty() ? tr("text token %1").arg(offset) : tr("text '%1'").arg(token);
    case SegmentKind::ImagePatches:
      return tr("patch %1 of %2").arg(offset).arg(s.label.isEmpty() ? tr("image") : s.label);
    case SegmentKind::Boi:
    case SegmentKind::Eoi:
      return s.label.isEmpty() ? kindName(s.kind) : tr("%1 of %2").arg(kindName(s.kind), s.label);
    default:
      return kindName(s.kind);
  }
}

bool MaskView::allowed(int query, int key) const {
  if (query < 0 || key < 0 || query >= n_ || key >= n_) return false;
  if (!mask_.isEmpty()) return mask_[static_cast<qsizetype>(query) * n_ + key] != 0;
  return weight(query, key) > 0.0f;
}

float MaskView::weight(int query, int key) const {
  if (query < 0 || key < 0 || query >= n_ || key >= n_) return 0.0f;
  if (!weights_.empty()) return weights_[static_cast<std::size_t>(query) * n_ + key];
  return allowed(query, key) ? 1.0f : 0.0f;
}

QString MaskView::cellToolTip(int query, int key) const {
  if (query < 0 || key < 0 || query >= n_ || key >= n_) return {};
  const QString verdict = showsWeights()
                              ? tr("weight %1").arg(double(weight(query, key)), 0, 'f', 3)
                              : (allowed(query, key) ? tr("may attend") : tr("masked"));
  return tr("query %1 (%2) → key %3 (%4): %5")
      .arg(query)
      .arg(describePosition(query))
      .arg(key)
      .arg(describePosition(key), verdict);
}

void MaskView::render() {
  QElapsedTimer timer;
  timer.start();
  if (n_ == 0) {
    image_ = QImage();
    return;
  }
  image_ = QImage(n_, n_, QImage::Format_RGB32);
  if (!mask_.isEmpty()) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(mask_.constData());
    for (int q = 0; q < n_; ++q) {
      auto* line = reinterpret_cast<QRgb*>(image_.scanLine(q));
      const unsigned char* row = bytes + static_cast<std::size_t>(q) * n_;
      for (int k = 0; k < n_; ++k) line[k] = row[k] ? kAllowed : kMasked;
    }
  } else {
    float maxWeight = 0.0f;
    for (float w : weights_)
      if (std::isfinite(w)) maxWeight = std::max(maxWeight, w);
    QRgb lut[1024];
    for (int i = 0; i < 1024; ++i) lut[i] = heatColor(std::sqrt(i / 1023.0));
    const float scale = maxWeight > 0 ? 1023.0f / maxWeight : 0.0f;
    for (int q = 0; q < n_; ++q) {
      auto* line = reinterpret_cast<QRgb*>(image_.scanLine(q));
      const float* row = weights_.data() + static_cast<std::size_t>(q) * n_;
      for (int k = 0; k < n_; ++k) {
        const float w = std::isfinite(row[k]) ? row[k] : 0.0f;
        line[k] = lut[std::clamp(static_cast<int>(w * scale + 0.5f), 0, 1023)];
      }
    }
  }
  lastRenderMs_ = timer.nsecsElapsed() / 1e6;
}

QRectF MaskView::heatArea() const {
  return QRectF(kLeftMargin, kTopMargin, std::max(1, width() - kLeftMargin - 6),
                std::max(1, height() - kTopMargin - 6));
}

double MaskView::fitScale() const {
  if (n_ == 0) return 1.0;
  const QRectF area = heatArea();
  return std::min(area.width(), area.height()) / n_;
}

void MaskView::resetView() {
  fitted_ = true;
  scale_ = fitScale();
  origin_ = QPointF(0, 0);
  update();
}

void MaskView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (fitted_) resetView();
}

QPoint MaskView::cellAt(const QPointF& point) const {
  const QRectF area = heatArea();
  if (n_ == 0 || !area.contains(point)) return {-1, -1};
  const int key = static_cast<int>(std::floor((point.x() - area.left() - origin_.x()) / scale_));
  const int query = static_cast<int>(std::floor((point.y() - area.top() - origin_.y()) / scale_));
  if (key < 0 || query < 0 || key >= n_ || query >= n_) return {-1, -1};
  return {key, query};
}

QRectF MaskView::cellRect(int query, int key) const {
  const QRectF area = heatArea();
  return QRectF(area.left() + origin_.x() + key * scale_, area.top() + origin_.y() + query * scale_,
                scale_, scale_);
}

void MaskView::zoomBy(double factor, const QPointF& anchor) {
  if (n_ == 0) return;
  const double minScale = fitScale() * 0.5;
  const double next = std::clamp(scale_ * factor, minScale, std::max(minScale, kMaxPixelsPerCell));
  const QPointF local = anchor - heatArea().topLeft();
  // Keep the cell under the anchor where it is.
  origin_ = local - (local - origin_) * (next / scale_);
  scale_ = next;
  fitted_ = false;
  update();
}

void MaskView::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  zoomBy(std::pow(1.25, steps), event->position());
  event->accept();
}

void MaskView::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    dragging_ = true;
    dragStart_ = event->position();
    originAtDragStart_ = origin_;
    setCursor(Qt::ClosedHandCursor);
  }
  QWidget::mousePressEvent(event);
}

void MaskView::mouseMoveEvent(QMouseEvent* event) {
  if (dragging_) {
    origin_ = originAtDragStart_ + (event->position() - dragStart_);
    fitted_ = false;
    update();
    return;
  }
  const QPoint cell = cellAt(event->position());
  if (cell != hovered_) {
    hovered_ = cell;
    if (cell.x() >= 0) Q_EMIT cellHovered(cell.y(), cell.x());
    update();
  }
}

void MaskView::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    dragging_ = false;
    unsetCursor();
  }
  QWidget::mouseReleaseEvent(event);
}

void MaskView::mouseDoubleClickEvent(QMouseEvent*) {
  resetView();
}

void MaskView::leaveEvent(QEvent* event) {
  hovered_ = QPoint(-1, -1);
  update();
  QWidget::leaveEvent(event);
}

bool MaskView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QPoint cell = cellAt(help->pos());
    if (cell.x() >= 0) {
      QToolTip::showText(help->globalPos(), cellToolTip(cell.y(), cell.x()), this);
      return true;
    }
  }
  return QWidget::event(event);
}

void MaskView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().window());
  const QRectF area = heatArea();
  if (n_ == 0 || image_.isNull()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect(), Qt::AlignCenter, tr("No sequence"));
    return;
  }
  // Only the visible cells, drawn with nearest-neighbour scaling (one source pixel per cell).
  const int c0 = std::clamp(static_cast<int>(std::floor(-origin_.x() / scale_)), 0, n_);
  const int c1 =
      std::clamp(static_cast<int>(std::ceil((area.width() - origin_.x()) / scale_)), 0, n_);
  const int r0 = std::clamp(static_cast<int>(std::floor(-origin_.y() / scale_)), 0, n_);
  const int r1 =
      std::clamp(static_cast<int>(std::ceil((area.height() - origin_.y()) / scale_)), 0, n_);
  painter.save();
  painter.setClipRect(area);
  if (c1 > c0 && r1 > r0) {
    const QRectF target(area.left() + origin_.x() + c0 * scale_,
                        area.top() + origin_.y() + r0 * scale_, (c1 - c0) * scale_,
                        (r1 - r0) * scale_);
    painter.drawImage(target, image_, QRectF(c0, r0, c1 - c0, r1 - r0));
  }
  if (scale_ >= 8.0) {
    painter.setPen(QPen(QColor(128, 128, 128, 60), 0));
    for (int c = c0; c <= c1; ++c) {
      const double x = area.left() + origin_.x() + c * scale_;
      painter.drawLine(QPointF(x, area.top() + origin_.y() + r0 * scale_),
                       QPointF(x, area.top() + origin_.y() + r1 * scale_));
    }
    for (int r = r0; r <= r1; ++r) {
      const double y = area.top() + origin_.y() + r * scale_;
      painter.drawLine(QPointF(area.left() + origin_.x() + c0 * scale_, y),
                       QPointF(area.left() + origin_.x() + c1 * scale_, y));
    }
  }
  // Segment boundaries, where they are at least a few pixels apart.
  painter.setPen(QPen(QColor(120, 120, 120, 150), 0, Qt::DashLine));
  const double mapLeft = area.left() + origin_.x(), mapTop = area.top() + origin_.y();
  const double mapRight = mapLeft + n_ * scale_, mapBottom = mapTop + n_ * scale_;
  double lastX = -1e9;
  for (const MaskSegment& s : segments_) {
    const double offset = s.start * scale_;
    if (s.start == 0 || offset - lastX < 3) continue;
    lastX = offset;
    const double x = area.left() + origin_.x() + offset;
    const double y = area.top() + origin_.y() + offset;
    // Only across the map itself: a fitted map is narrower than the area on one side.
    painter.drawLine(QPointF(x, std::max(area.top(), mapTop)),
                     QPointF(x, std::min(area.bottom(), mapBottom)));
    painter.drawLine(QPointF(std::max(area.left(), mapLeft), y),
                     QPointF(std::min(area.right(), mapRight), y));
  }
  if (hovered_.x() >= 0) {
    painter.setPen(QPen(QColor(255, 80, 0), 0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(cellRect(hovered_.y(), hovered_.x()).adjusted(-1, -1, 1, 1));
  }
  painter.restore();
  drawBands(painter, area, std::min(r0, c0), std::max(r1, c1));
}

void MaskView::drawBands(QPainter& painter, const QRectF& area, int firstVisible, int lastVisible) {
  const QFontMetrics metrics(font());
  const bool tokenLabels = scale_ >= metrics.height() && !tokenLabels_.isEmpty();
  const QRectF leftBand(area.left() - kBand - 2, area.top(), kBand, area.height());
  const QRectF topBand(area.left(), area.top() - kBand - 2, area.width(), kBand);
  const QColor text = palette().color(QPalette::WindowText);

  for (std::size_t i = 0; i < segments_.size(); ++i) {
    const MaskSegment& s = segments_[i];
    if (s.start + s.length < firstVisible || s.start > lastVisible) continue;
    QColor color = kindColor(s.kind);
    if (i % 2 == 1) color = color.lighter(118);  // neighbours of one kind stay apart
    const double a = s.start * scale_;
    const double b = (s.start + s.length) * scale_;
    painter.save();
    painter.setClipRect(QRectF(leftBand.left(), area.top(), leftBand.width(), area.height()));
    painter.fillRect(QRectF(leftBand.left(), area.top() + origin_.y() + a, kBand, b - a), color);
    painter.setClipRect(QRectF(area.left(), topBand.top(), area.width(), topBand.height()));
    painter.fillRect(QRectF(area.left() + origin_.x() + a, topBand.top(), b - a, kBand), color);
    painter.restore();
    if (tokenLabels) continue;
    const QString label = s.label.isEmpty() ? kindName(s.kind) : s.label;
    painter.setPen(text);
    // Left axis: the label beside its band when the segment is tall enough to hold a line.
    if (b - a >= metrics.height()) {
      const double y0 = std::max(area.top(), area.top() + origin_.y() + a);
      const double y1 = std::min(area.bottom(), area.top() + origin_.y() + b);
      if (y1 - y0 >= metrics.height()) {
        const QRectF box(2, y0, leftBand.left() - 6, y1 - y0);
        painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(label, Qt::ElideRight, int(box.width())));
      }
    }
    // Top axis: written upwards so narrow segments still get a name.
    if (b - a >= metrics.height()) {
      const double x0 = std::max(area.left(), area.left() + origin_.x() + a);
      const double x1 = std::min(area.right(), area.left() + origin_.x() + b);
      if (x1 - x0 >= metrics.height()) {
        painter.save();
        painter.translate((x0 + x1) / 2 + metrics.ascent() / 2.0 - 1, topBand.top() - 4);
        painter.rotate(-90);
        const int room = int(topBand.top() - 8);
        painter.drawText(QPointF(0, 0), metrics.elidedText(label, Qt::ElideRight, room));
        painter.restore();
      }
    }
  }
  if (!tokenLabels) return;
  painter.setPen(text);
  for (int p = std::max(0, firstVisible); p < std::min<int>(lastVisible, tokenLabels_.size());
       ++p) {
    const QString label = tokenLabels_[p];
    const double y = area.top() + origin_.y() + p * scale_;
    if (y + scale_ > area.top() && y < area.bottom()) {
      painter.drawText(QRectF(2, y, leftBand.left() - 6, scale_), Qt::AlignRight | Qt::AlignVCenter,
                       metrics.elidedText(label, Qt::ElideRight, int(leftBand.left() - 8)));
    }
    const double x = area.left() + origin_.x() + p * scale_;
    if (x + scale_ > area.left() && x < area.right()) {
      painter.save();
      painter.translate(x + scale_ / 2 + metrics.ascent() / 2.0 - 1, topBand.top() - 4);
      painter.rotate(-90);
      painter.drawText(QPointF(0, 0),
                       metrics.elidedText(label, Qt::ElideRight, int(topBand.top() - 8)));
      painter.restore();
    }
  }
}

}  // namespace tfs::widgets
