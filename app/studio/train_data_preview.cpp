#include "app/studio/train_data_preview.h"

#include <algorithm>

#include "core/data/data_spec.h"

namespace tfs::studio {

QImage imageFromChw(const float* data, int channels, int height, int width) {
  QImage image(width, height, QImage::Format_RGB32);
  const int plane = width * height;
  auto byte = [](float v) {
    return static_cast<int>(std::clamp((v + 1.0f) * 127.5f, 0.0f, 255.0f));
  };
  for (int y = 0; y < height; ++y) {
    auto* row = reinterpret_cast<QRgb*>(image.scanLine(y));
    for (int x = 0; x < width; ++x) {
      const int i = y * width + x;
      const int r = byte(data[i]);
      const int g = channels >= 3 ? byte(data[plane + i]) : r;
      const int b = channels >= 3 ? byte(data[2 * plane + i]) : r;
      row[x] = qRgb(r, g, b);
    }
  }
  return image;
}

QVector<DataPreviewItem> readDataPreview(const QString& spec, int imageSize, int channels, int n) {
  SourceOptions so;
  so.imageSize = imageSize;
  so.channels = channels;
  auto source = makeExampleSource(spec.trimmed().toStdString(), so);
  QVector<DataPreviewItem> items;
  for (int i = 0; i < n; ++i) {
    auto ex = source->next();
    if (!ex) break;
    DataPreviewItem item;
    item.id = QString::fromStdString(ex->id);
    item.caption = QString::fromStdString(ex->text);
    if (ex->image.defined()) {
      const torch::Tensor img = ex->image.to(torch::kFloat).contiguous();
      item.image = imageFromChw(img.data_ptr<float>(), static_cast<int>(img.size(0)),
                                static_cast<int>(img.size(1)), static_cast<int>(img.size(2)));
    }
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace tfs::studio
