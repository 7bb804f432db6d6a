#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include "app/studio/main_window.h"
#include "core/base/error.h"
#include "core/base/logging.h"
#include "core/base/runtime.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  // The studio's resources live in a static library, whose initialisers the linker may drop.
  Q_INIT_RESOURCE(studio);
  QApplication::setOrganizationName(QStringLiteral("TransfusionStudio"));
  QApplication::setApplicationName(QStringLiteral("Transfusion Studio"));
  QApplication::setApplicationVersion(QStringLiteral(TFS_VERSION));

  try {
    tfs::initLogging(spdlog::level::info);
  } catch (const tfs::Error& e) {
    qWarning("%s", e.what());
  }
  tfs::initThreads(0);

  const QString lang =
      QSettings().value(QStringLiteral("ui/language"), QStringLiteral("system")).toString();
  const QLocale locale = lang == QLatin1String("system") ? QLocale::system() : QLocale(lang);
  QTranslator translator;
  if (lang != QLatin1String("en") &&
      translator.load(locale, QStringLiteral("transfusion"), QStringLiteral("_"),
                      QStringLiteral(":/i18n"))) {
    QApplication::installTranslator(&translator);
  }
  QTranslator qtTranslator;
  if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                        QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QApplication::installTranslator(&qtTranslator);
  }

  tfs::studio::MainWindow::applyTheme(
      QSettings().value(QStringLiteral("ui/theme"), QStringLiteral("system")).toString());
  tfs::studio::MainWindow window;
  window.show();
  return QApplication::exec();
}
