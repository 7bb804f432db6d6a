#include "app/studio/generation_image.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <cstring>

#include "core/base/error.h"
#include "core/generate/image_output.h"
#include "core/generate/png_params.h"

namespace tfs::studio {

namespace {

// Rows of a QImage are padded to 4 bytes, so copy row by row.
QImage fromHwc(const torch::Tensor& hwc, QImage::Format format) {
  const auto t = hwc.contiguous();
  const int h = static_cast<int>(t.size(0)), w = static_cast<int>(t.size(1));
  const int c = t.dim() == 3 ? static_cast<int>(t.size(2)) : 1;
  QImage out(w, h, format);
  const auto* src = t.data_ptr<uint8_t>();
  for (int y = 0; y < h; ++y) std::memcpy(out.scanLine(y), src + size_t(y) * w * c, size_t(w) * c);
  return out;
}

}  // namespace

QImage previewToImage(const torch::Tensor& rgb) {
  if (!rgb.defined() || rgb.dim() != 3 || rgb.size(2) != 3) return {};
  return fromHwc(rgb.to(torch::kCPU, torch::kUInt8), QImage::Format_RGB888);
}

QImage tensorToImage(const torch::Tensor& image) {
  if (!image.defined() || image.dim() != 3) return {};
  auto t = image.detach().to(torch::kCPU, torch::kFloat32);
  t = ((t.clamp(-1.0, 1.0) + 1.0) * 127.5).round().to(torch::kUInt8);
  if (t.size(0) == 1) return fromHwc(t[0], QImage::Format_Grayscale8);
  if (t.size(0) != 3) return {};
  return fromHwc(t.permute({1, 2, 0}), QImage::Format_RGB888);
}

torch::Tensor imageToTensor(const QImage& image) {
  if (image.isNull()) return {};
  if (image.format() == QImage::Format_Grayscale8) {
    const int h = image.height(), w = image.width();
    auto hw = torch::empty({1, h, w}, torch::kUInt8);
    auto* dst = hw.data_ptr<uint8_t>();
    for (int y = 0; y < h; ++y) std::memcpy(dst + size_t(y) * w, image.constScanLine(y), size_t(w));
    return hw.to(torch::kFloat32).div(127.5).sub(1.0);
  }
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  const int h = rgb.height(), w = rgb.width();
  auto hwc = torch::empty({h, w, 3}, torch::kUInt8);
  auto* dst = hwc.data_ptr<uint8_t>();
  for (int y = 0; y < h; ++y)
    std::memcpy(dst + size_t(y) * w * 3, rgb.constScanLine(y), size_t(w) * 3);
  return hwc.permute({2, 0, 1}).to(torch::kFloat32).div(127.5).sub(1.0).contiguous();
}

void saveImageFile(const QImage& image, const QString& parameters, const QString& path) {
  if (image.isNull()) throw DataError("there is no image to save yet");
  if (parameters.isEmpty()) {
    if (!image.save(path, "PNG")) throw IoError("cannot write " + path.toStdString());
    return;
  }
  saveImageWithParams(imageToTensor(image), parseParameters(parameters.toStdString()),
                      path.toStdString());
}

bool saveImageDialog(QWidget* parent, const QImage& image, const QString& parameters,
                     const QString& suggestedName) {
  QSettings settings;
  const QString dir =
      settings.value(QStringLiteral("generation/saveDir"), QDir::homePath()).toString();
  const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Save Image"),
                                                    QDir(dir).filePath(suggestedName),
                                                    QObject::tr("PNG images (*.png)"));
  if (path.isEmpty()) return false;
  settings.setValue(QStringLiteral("generation/saveDir"), QFileInfo(path).absolutePath());
  try {
    saveImageFile(image, parameters, path);
    return true;
  } catch (const std::exception& e) {
    QMessageBox::warning(parent, QObject::tr("Save Image"), QString::fromStdString(e.what()));
    return false;
  }
}

}  // namespace tfs::studio
