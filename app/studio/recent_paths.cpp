#include "app/studio/recent_paths.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace tfs::studio::recent {

void add(const QString& key, const QString& path) {
  if (path.isEmpty()) return;
  const QString abs = QFileInfo(path).absoluteFilePath();
  QStringList list = QSettings().value(key).toStringList();
  list.removeAll(abs);
  list.prepend(abs);
  while (list.size() > kMaxPaths) list.removeLast();
  QSettings().setValue(key, list);
}

QStringList paths(const QString& key) {
  QStringList out;
  for (const QString& p : QSettings().value(key).toStringList())
    if (QFileInfo(p).isDir()) out << p;
  return out;
}

void clear(const QString& key) {
  QSettings().remove(key);
}

void attachToMenu(QMenu* menu, const QString& key, std::function<void(const QString&)> open) {
  QObject::connect(menu, &QMenu::aboutToShow, menu, [menu, key, open] {
    menu->clear();
    const QStringList list = paths(key);
    if (list.isEmpty()) {
      menu->addAction(QMenu::tr("(none)"))->setEnabled(false);
      return;
    }
    int n = 1;
    for (const QString& p : list) {
      // &1 … &8: the digit opens it from the keyboard.
      QAction* a =
          menu->addAction(QStringLiteral("&%1  %2").arg(n++).arg(QDir::toNativeSeparators(p)));
      a->setData(p);
      QObject::connect(a, &QAction::triggered, menu, [open, p] { open(p); });
    }
    menu->addSeparator();
    QObject::connect(menu->addAction(QMenu::tr("Clear List")), &QAction::triggered, menu,
                     [key] { clear(key); });
  });
}

}  // namespace tfs::studio::recent
