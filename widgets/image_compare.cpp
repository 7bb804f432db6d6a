#include "widgets/image_compare.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "widgets/image_pane.h"

namespace tfs::widgets {

ImageCompare::ImageCompare(QWidget* parent)
    : QWidget(parent), beforeLabel_(tr("before")), afterLabel_(tr("after")) {
  setObjectName(QStringLiteral("imageCompare"));
  setMinimumSize(96, 96);
  setFocusPolicy(Qt::StrongFocus);
  setCursor(Qt::SplitHCursor);
  setToolTip(tr("Drag to move the split between before and after"));
}

void ImageCompare::setImages(const QImage& before, const QImage& after) {
  before_ = before;
  after_ = after;
  update();
}

void ImageCompare::setBefore(const QImage& image) {
  before_ = image;
  update();
}

void ImageCompare::setAfter(const QImage& image) {
  after_ = image;
  update();
}

void ImageCompare::setSplit(double fraction) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  if (fraction == split_) return;
  split_ = fraction;
  update();
  Q_EMIT splitChanged(split_);
}

void ImageCompare::setLabels(const QString& before, const QString& after) {
  beforeLabel_ = before;
  afterLabel_ = after;
  update();
}

QImage ImageCompare::compose(const QImage& before, const QImage& after, double split) {
  const QSize size = !after.isNull() ? after.size() : before.size();
  if (size.isEmpty()) return {};
  QImage out(size, QImage::Format_ARGB32_Premultiplied);
  out.fill(Qt::transparent);
  QPainter painter(&out);
  const int cut = static_cast<int>(std::lround(std::clamp(split, 0.0, 1.0) * size.width()));
  if (!after.isNull()) painter.drawImage(QRect(QPoint(0, 0), size), after);
  if (!before.isNull() && cut > 0) {
    painter.setClipRect(QRect(0, 0, cut, size.height()));
    painter.setRenderHint(QPainter::SmoothPixmapTransform, before.size() != size);
    painter.drawImage(QRect(QPoint(0, 0), size), before);
  }
  return out;
}

QRectF ImageCompare::imageRect() const {
  const QSize size = !after_.isNull() ? after_.size() : before_.size();
  return ImagePane::fitRect(size, QRectF(rect()).adjusted(4, 4, -4, -4));
}

void ImageCompare::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().window());
  const QRectF target = imageRect();
  if (target.isEmpty()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect(), Qt::AlignCenter, tr("No image"));
    return;
  }
  const QSize source = !after_.isNull() ? after_.size() : before_.size();
  painter.setRenderHint(QPainter::SmoothPixmapTransform,
                        ImagePane::wantsSmoothScaling(source, target.size()));
  const double cutX = target.left() + split_ * target.width();
  if (!after_.isNull()) painter.drawImage(target, after_);
  if (!before_.isNull()) {
    painter.save();
    painter.setClipRect(QRectF(target.left(), target.top(), cutX - target.left(), target.height()));
    painter.drawImage(target, before_);
    painter.restore();
  }
  // The split line with a round grip in the middle.
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(QPen(QColor(0, 0, 0, 120), 3));
  painter.drawLine(QPointF(cutX, target.top()), QPointF(cutX, target.bottom()));
  painter.setPen(QPen(Qt::white, 1.5));
  painter.drawLine(QPointF(cutX, target.top()), QPointF(cutX, target.bottom()));
  const QPointF grip(cutX, target.center().y());
  painter.setBrush(QColor(255, 255, 255, 230));
  painter.setPen(QPen(QColor(0, 0, 0, 140), 1));
  painter.drawEllipse(grip, 9, 9);
  painter.setPen(QPen(QColor(60, 60, 60), 1.5));
  painter.drawLine(grip + QPointF(-2, -4), grip + QPointF(-5, 0));
  painter.drawLine(grip + QPointF(-5, 0), grip + QPointF(-2, 4));
  painter.drawLine(grip + QPointF(2, -4), grip + QPointF(5, 0));
  painter.drawLine(grip + QPointF(5, 0), grip + QPointF(2, 4));

  const QFontMetrics metrics(font());
  auto tag = [&](const QString& text, const QPointF& at, bool alignRight) {
    const int w = metrics.horizontalAdvance(text) + 10;
    const QRectF box(alignRight ? at.x() - w : at.x(), at.y(), w, metrics.height() + 4);
    QPainterPath path;
    path.addRoundedRect(box, 4, 4);
    painter.fillPath(path, QColor(0, 0, 0, 140));
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, text);
  };
  if (split_ > 0.02) tag(beforeLabel_, target.topLeft() + QPointF(6, 6), false);
  if (split_ < 0.98) tag(afterLabel_, target.topRight() + QPointF(-6, 6), true);
}

void ImageCompare::splitFromX(double x) {
  const QRectF target = imageRect();
  if (target.width() <= 0) return;
  setSplit((x - target.left()) / target.width());
}

void ImageCompare::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) splitFromX(event->position().x());
}

void ImageCompare::mouseMoveEvent(QMouseEvent* event) {
  if (event->buttons() & Qt::LeftButton) splitFromX(event->position().x());
}

void ImageCompare::keyPressEvent(QKeyEvent* event) {
  const double step = event->modifiers() & Qt::ShiftModifier ? 0.1 : 0.02;
  if (event->key() == Qt::Key_Left)
    setSplit(split_ - step);
  else if (event->key() == Qt::Key_Right)
    setSplit(split_ + step);
  else
    QWidget::keyPressEvent(event);
}

}  // namespace tfs::widgets
