#pragma once

#include <QImage>
#include <QString>
#include <QVector>

namespace tfs::studio {

struct DataPreviewItem {
  QString id;
  QString caption;  // caption or corpus text
  QImage image;     // null for text-only records
};

// The first n records of a data spec, at the size the model will see them. Throws tfs::Error
// (bad spec, missing data); it reads files, so call it off the UI thread.
QVector<DataPreviewItem> readDataPreview(const QString& spec, int imageSize, int channels, int n);

// [C, H, W] float in [-1, 1] → an RGB image (grey replicated).
QImage imageFromChw(const float* data, int channels, int height, int width);

}  // namespace tfs::studio
