#pragma once

#include <QString>
#include <QVariantMap>

class QMimeData;

namespace tfs::studio {

// The settings a PNG made by the studio or the CLI carries (its "parameters" chunk), as the
// map MainWindow::reproduceRequested sends: prompt, negativePrompt, steps, sampler, cfgScale,
// seed, width, height, model, run, mode, input, extra (a map of other keys) and path.
// Throws tfs::Error (DataError when the file has no parameters, IoError when unreadable).
QVariantMap readReproduceParams(const QString& pngPath);

// The parameters as "key: value" lines, for a dialog.
QString describeReproduceParams(const QVariantMap& params);

// The first local .png file a drag carries; empty when there is none.
QString reproduciblePng(const QMimeData* mime);

}  // namespace tfs::studio
