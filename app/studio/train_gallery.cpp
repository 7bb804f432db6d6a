#include "app/studio/train_gallery.h"

#include <QDir>
#include <QFileInfo>
#include <QListWidget>
#include <QPixmap>
#include <QRegularExpression>
#include <QTimer>
#include <QVBoxLayout>

namespace tfs::studio {

namespace {

constexpr int kMaxSamplesShown = 24;

// The row of all prompts a run writes per sample step (step-NNNNNNN.png), not the single images.
bool isSampleTile(const QString& path) {
  static const QRegularExpression tile(QStringLiteral("step-(\\d+)\\.png$"));
  return tile.match(path).hasMatch();
}

QString sampleStep(const QString& path) {
  static const QRegularExpression step(QStringLiteral("step-0*(\\d+)"));
  const auto m = step.match(QFileInfo(path).fileName());
  return m.hasMatch() ? m.captured(1) : QFileInfo(path).completeBaseName();
}

}  // namespace

QIcon pixelIcon(const QImage& image, int size) {
  const QImage scaled =
      image.scaled(size, size, Qt::KeepAspectRatio,
                   image.width() * 2 <= size ? Qt::FastTransformation : Qt::SmoothTransformation);
  return QIcon(QPixmap::fromImage(scaled));
}

SampleGallery::SampleGallery(QWidget* parent) : QGroupBox(tr("Samples"), parent) {
  auto* layout = new QVBoxLayout(this);
  list_ = new QListWidget(this);
  list_->setObjectName(QStringLiteral("samplesList"));
  list_->setViewMode(QListView::IconMode);
  list_->setFlow(QListView::LeftToRight);
  list_->setWrapping(false);
  list_->setIconSize(QSize(256, 72));
  list_->setMovement(QListView::Static);
  list_->setToolTip(tr("Sample images written by the run, newest first"));
  layout->addWidget(list_);
}

void SampleGallery::addSamples(const QStringList& paths, const QString& run, bool tilesOnly) {
  QStringList shown;
  for (const QString& p : paths)
    if (isSampleTile(p)) shown << p;
  if (shown.isEmpty() && !tilesOnly) shown = paths;
  for (const QString& path : shown) {
    QImage image(path);
    if (image.isNull()) {
      QTimer::singleShot(500, this, [this, path, run] {
        if (!QImage(path).isNull()) addSamples({path}, run, true);
      });
      continue;
    }
    auto* item =
        new QListWidgetItem(pixelIcon(image, 256), tr("%1 · step %2").arg(run, sampleStep(path)));
    item->setToolTip(QDir::toNativeSeparators(path));
    item->setData(Qt::UserRole, path);
    list_->insertItem(0, item);
  }
  while (list_->count() > kMaxSamplesShown) delete list_->takeItem(list_->count() - 1);
}

int SampleGallery::count() const {
  return list_->count();
}

}  // namespace tfs::studio
