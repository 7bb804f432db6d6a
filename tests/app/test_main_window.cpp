#include <QDockWidget>
#include <QMenuBar>
#include <QSettings>
#include <QTabWidget>
#include <QTranslator>
#include <QtTest>

#include "app/studio/log_sink.h"
#include "app/studio/main_window.h"
#include "core/base/logging.h"
#include "tests/support/test_support.h"
#include "widgets/log_panel.h"

class TestMainWindow : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    Q_INIT_RESOURCE(studio);
    QCoreApplication::setOrganizationName(QStringLiteral("TransfusionStudioTest"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       tfs::test::tempRoot() + QStringLiteral("/settings"));
    QSettings().clear();
    tfs::initLogging(spdlog::level::info);
  }

  void menusAndLogPanel() {
    tfs::studio::MainWindow w;
    QStringList menus;
    for (auto* a : w.menuBar()->actions()) menus << a->text();
    QVERIFY(menus.contains(QStringLiteral("&File")));
    QVERIFY(menus.contains(QStringLiteral("&Help")));
    spdlog::info("hello from the engine");
    w.pollLog();
    QVERIFY(w.logPanel()->toPlainText().contains(QStringLiteral("hello from the engine")));
  }

  void resourcesAndTranslationsAreCompiledIn() {
    QVERIFY(QFile::exists(QStringLiteral(":/icons/transfusion-studio.svg")));
    for (const char* lang : {"ko", "zh_CN", "ja"}) {
      QTranslator t;
      QVERIFY2(t.load(QStringLiteral(":/i18n/transfusion_%1.qm").arg(QLatin1String(lang))), lang);
    }
  }

  void ringBufferDropsOldestAndCounts() {
    auto sink = std::make_shared<tfs::studio::RingBufferSink>(10);
    auto logger = std::make_shared<spdlog::logger>("ring", sink);
    for (int i = 0; i < 25; ++i) logger->info("m{}", i);
    size_t dropped = 0;
    auto lines = sink->drain(&dropped);
    QCOMPARE(lines.size(), size_t(10));
    QCOMPARE(dropped, size_t(15));
    QVERIFY(QString::fromStdString(lines.back()).contains(QStringLiteral("m24")));
    QVERIFY(sink->drain().empty());
  }

  void geometryIsRestored() {
    {
      tfs::studio::MainWindow w;
      w.resize(900, 600);
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      w.close();
    }
    tfs::studio::MainWindow w2;
    QCOMPARE(w2.size(), QSize(900, 600));
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
