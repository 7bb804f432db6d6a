#pragma once

#include <QImage>
#include <QWidget>

namespace tfs::widgets {

// Before/after of an edit in one frame: left of the split line shows `before`, right shows
// `after`; drag anywhere (or use the arrow keys) to move the line.
class ImageCompare : public QWidget {
  Q_OBJECT
 public:
  explicit ImageCompare(QWidget* parent = nullptr);

  void setImages(const QImage& before, const QImage& after);
  void setBefore(const QImage& image);
  void setAfter(const QImage& image);
  const QImage& before() const { return before_; }
  const QImage& after() const { return after_; }
  void setSplit(double fraction);  // 0 = all after, 1 = all before
  double split() const { return split_; }
  void setLabels(const QString& before, const QString& after);

  // The comparison at image resolution (`after`'s size; `before` is scaled to it): columns left
  // of split * width come from before.
  static QImage compose(const QImage& before, const QImage& after, double split);
  QRectF imageRect() const;

  QSize sizeHint() const override { return {512, 512}; }

 Q_SIGNALS:
  void splitChanged(double fraction);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  void splitFromX(double x);

  QImage before_;
  QImage after_;
  QString beforeLabel_;
  QString afterLabel_;
  double split_ = 0.5;
};

}  // namespace tfs::widgets
