#include "widgets/image_pane.h"

#include <QPainter>

namespace tfs::widgets {

ImagePane::ImagePane(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("imagePane"));
  setMinimumSize(64, 64);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImagePane::setImage(const QImage& image) {
  image_ = image;
  update();
}

void ImagePane::setCaption(const QString& caption) {
  caption_ = caption;
  update();
}

QRectF ImagePane::fitRect(const QSize& size, const QRectF& bounds) {
  if (size.isEmpty() || bounds.isEmpty()) return {};
  const QSizeF scaled = QSizeF(size).scaled(bounds.size(), Qt::KeepAspectRatio);
  return QRectF(bounds.left() + (bounds.width() - scaled.width()) / 2,
                bounds.top() + (bounds.height() - scaled.height()) / 2, scaled.width(),
                scaled.height());
}

bool ImagePane::wantsSmoothScaling(const QSize& source, const QSizeF& target) {
  return target.width() < 2.0 * source.width();
}

QRectF ImagePane::imageRect() const {
  QRectF bounds = QRectF(rect()).adjusted(2, 2, -2, -2);
  if (!caption_.isEmpty()) bounds.setBottom(bounds.bottom() - fontMetrics().height() - 2);
  return fitRect(image_.size(), bounds);
}

void ImagePane::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  const QRectF target = imageRect();
  if (image_.isNull()) {
    painter.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
    painter.drawRect(QRectF(rect()).adjusted(2.5, 2.5, -2.5, -2.5));
  } else {
    painter.setRenderHint(QPainter::SmoothPixmapTransform,
                          wantsSmoothScaling(image_.size(), target.size()));
    painter.drawImage(target, image_);
  }
  if (!caption_.isEmpty()) {
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(
        QRectF(0, height() - fontMetrics().height() - 2, width(), fontMetrics().height()),
        Qt::AlignCenter, caption_);
  }
}

}  // namespace tfs::widgets
