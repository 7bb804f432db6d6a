#pragma once

#include <QImage>
#include <QWidget>

namespace tfs::widgets {

// One image fitted into the widget with its aspect kept; small previews (latent-sized) are
// upscaled with nearest neighbour so their pixels stay visible instead of blurring.
class ImagePane : public QWidget {
  Q_OBJECT
 public:
  explicit ImagePane(QWidget* parent = nullptr);
  void setImage(const QImage& image);
  const QImage& image() const { return image_; }
  void setCaption(const QString& caption);
  QString caption() const { return caption_; }
  QRectF imageRect() const;  // where the image is drawn
  QSize sizeHint() const override { return {256, 256}; }

  // Fits `size` into `bounds` keeping the aspect, centred.
  static QRectF fitRect(const QSize& size, const QRectF& bounds);
  static bool wantsSmoothScaling(const QSize& source, const QSizeF& target);

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QImage image_;
  QString caption_;
};

}  // namespace tfs::widgets
