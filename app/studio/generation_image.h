#pragma once

#include <torch/torch.h>

#include <QImage>
#include <QString>

class QWidget;

namespace tfs::studio {

// Pixels between the engine (tensors) and the widgets (QImage); copies, so either side may die.
// [h, w, 3] uint8 (the engine's previews) → RGB888.
QImage previewToImage(const torch::Tensor& rgb);
// [C, H, W] float in [-1, 1] (C = 1 or 3) → Grayscale8 or RGB888.
QImage tensorToImage(const torch::Tensor& image);
// QImage → [C, H, W] float32 in [-1, 1]: C = 1 for grey images, else 3 (alpha dropped);
// undefined when null.
torch::Tensor imageToTensor(const QImage& image);

// Writes a PNG carrying `parameters` (A1111 text; plain PNG when empty). Throws tfs::Error.
void saveImageFile(const QImage& image, const QString& parameters, const QString& path);
// Asks where (remembering the folder), saves, and shows what went wrong. True when saved.
bool saveImageDialog(QWidget* parent, const QImage& image, const QString& parameters,
                     const QString& suggestedName);

}  // namespace tfs::studio
