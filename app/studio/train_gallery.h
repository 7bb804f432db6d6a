#pragma once

#include <QGroupBox>
#include <QIcon>
#include <QImage>
#include <QStringList>

class QListWidget;

namespace tfs::studio {

// A pixel-art image (28×28 garments, 32×32 shapes) scaled for an icon: nearest-neighbour when
// it is enlarged at least twice, so its pixels stay sharp.
QIcon pixelIcon(const QImage& image, int size);

// The Train page's samples: the images runs write while they train (samples/step-NNNNNNN.png,
// one tile per sample step), newest first, the last 24 kept.
class SampleGallery : public QGroupBox {
  Q_OBJECT
 public:
  explicit SampleGallery(QWidget* parent = nullptr);

  // tilesOnly: only step tiles (a run's own writes); otherwise a folder without tiles shows its
  // images. A file still being written is looked at again shortly.
  void addSamples(const QStringList& paths, const QString& run, bool tilesOnly);
  int count() const;

 private:
  QListWidget* list_;
};

}  // namespace tfs::studio
