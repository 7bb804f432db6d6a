#pragma once

#include <QString>
#include <QStringList>
#include <functional>

class QMenu;

namespace tfs::studio {

// Recently used folders (models loaded, runs trained or followed), newest first, remembered
// across sessions under a QSettings key ("recent/models", "recent/runs").
namespace recent {

constexpr int kMaxPaths = 8;
inline const QString kModels = QStringLiteral("recent/models");
inline const QString kRuns = QStringLiteral("recent/runs");

// Puts `path` (made absolute) first; duplicates go, the list keeps kMaxPaths.
void add(const QString& key, const QString& path);
// The remembered paths that still exist.
QStringList paths(const QString& key);
void clear(const QString& key);
// Refills `menu` (on every aboutToShow) with one action per path and a Clear action; `open` gets
// the chosen path. Empty: one disabled "(none)" entry.
void attachToMenu(QMenu* menu, const QString& key, std::function<void(const QString&)> open);

}  // namespace recent
}  // namespace tfs::studio
