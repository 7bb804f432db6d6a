#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTranslator>
#include <QtTest>

#include "app/studio/log_sink.h"
#include "app/studio/main_window.h"
#include "app/studio/recent_paths.h"
#include "app/studio/welcome_page.h"
#include "core/base/logging.h"
#include "core/generate/image_output.h"
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

  void welcomeButtonsOpenTheirWorkspaces() {
    tfs::studio::MainWindow w;
    auto* tabs = w.workspaces();
    for (const char* page : {"denoisePage", "chatPage", "editPage", "trainPage", "attentionPage"}) {
      auto* button = w.findChild<QPushButton*>(QStringLiteral("start_") + QLatin1String(page));
      QVERIFY2(button, page);
      tabs->setCurrentIndex(0);
      button->click();
      QCOMPARE(tabs->currentWidget()->objectName(), QLatin1String(page));
    }
  }

  void welcomeShowsTheLoadedModelsCard() {
    QSettings().clear();
    tfs::studio::MainWindow w;
    auto* card = w.findChild<QLabel*>(QStringLiteral("modelCardText"));
    QVERIFY(card);
    // The shipped chat model loads on its own and brings its MODEL_CARD.md.
    QTRY_VERIFY_WITH_TIMEOUT(card->text().contains(QStringLiteral("fmnist-chat")), 30000);
    QVERIFY(card->text().contains(QStringLiteral("Measured")));
    QVERIFY(card->text().contains(QStringLiteral("Cannot")));
    // A run without a card: one made from its config.json, saying what it cannot do.
    const QString dir = tfs::test::tempRoot() + QStringLiteral("/card-run");
    QDir().mkpath(dir);
    QFile cfg(dir + QStringLiteral("/config.json"));
    QVERIFY(cfg.open(QIODevice::WriteOnly));
    cfg.write(R"({"data": ["shapes"], "model": {"nLayers": 2, "dModel": 64, "imageSize": 32,
              "imageChannels": 3, "vaeFactor": 1, "patchSize": 4, "maxSeqLen": 256},
              "train": {"steps": 300, "editProb": 0.7}})");
    cfg.close();
    const QString made = tfs::studio::WelcomePage::cardFromConfig(QStringLiteral("mine"), dir);
    QVERIFY2(made.contains(QStringLiteral("2 layers × 64")), qPrintable(made));
    QVERIFY2(made.contains(QStringLiteral("256-position context (3 images)")), qPrintable(made));
    QVERIFY2(made.contains(QStringLiteral("shapes for 300 steps")), qPrintable(made));
    QVERIFY2(made.contains(QStringLiteral("edit an image by instruction")), qPrintable(made));
    QVERIFY2(made.contains(QStringLiteral("chat (not trained on dialogues)")), qPrintable(made));
  }

  void recentRunsAndModelsAreRemembered() {
    QSettings().clear();
    const QString a = tfs::test::tempRoot() + QStringLiteral("/recent-a");
    const QString b = tfs::test::tempRoot() + QStringLiteral("/recent-b");
    QDir().mkpath(a);
    QDir().mkpath(b);
    tfs::studio::recent::add(tfs::studio::recent::kRuns, a);
    tfs::studio::recent::add(tfs::studio::recent::kRuns, b);
    tfs::studio::recent::add(tfs::studio::recent::kRuns, a);  // back to the front, once
    tfs::studio::recent::add(tfs::studio::recent::kRuns,
                             tfs::test::tempRoot() + QStringLiteral("/recent-gone"));
    QCOMPARE(tfs::studio::recent::paths(tfs::studio::recent::kRuns), (QStringList{a, b}));
    tfs::studio::MainWindow w;
    auto* menu = w.findChild<QMenu*>(QStringLiteral("recentRunsMenu"));
    QVERIFY(menu);
    Q_EMIT menu->aboutToShow();
    QStringList items;
    QAction* first = nullptr;
    for (auto* act : menu->actions())
      if (act->data().isValid()) {
        items << act->data().toString();
        if (!first) first = act;
      }
    QCOMPARE(items, (QStringList{a, b}));
    // Choosing one opens it on the Train page (recent-a holds no run: the page says so).
    first->trigger();
    QCOMPARE(w.workspaces()->currentWidget()->objectName(), QStringLiteral("trainPage"));
    QVERIFY(w.findChild<QMenu*>(QStringLiteral("recentModelsMenu")));
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

  void translationsReachTheWindow() {
    // The .ts contexts must be moc's qualified class names, or tr() never finds a translation.
    QTranslator ko;
    QVERIFY(ko.load(QStringLiteral(":/i18n/transfusion_ko.qm")));
    QCoreApplication::installTranslator(&ko);
    {
      tfs::studio::MainWindow w;
      QStringList titles;
      for (int i = 0; i < w.workspaces()->count(); ++i) titles << w.workspaces()->tabText(i);
      QVERIFY2(titles.contains(QStringLiteral("학습")), qPrintable(titles.join(QLatin1Char(','))));
      QVERIFY(titles.contains(QStringLiteral("어텐션")));
      QVERIFY(titles.contains(QStringLiteral("시작")));
    }
    QCoreApplication::removeTranslator(&ko);
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

  void workspacesAreThere() {
    tfs::studio::MainWindow w;
    QStringList titles;
    for (int i = 0; i < w.workspaces()->count(); ++i) titles << w.workspaces()->tabText(i);
    QVERIFY(titles.contains(QStringLiteral("Train")));
    QVERIFY(titles.contains(QStringLiteral("Attention")));
    QVERIFY(w.trainPage());
    QVERIFY(w.attentionPage());
    QVERIFY(w.acceptDrops());
    // Every workspace fits a small screen: none forces the window wider than 900 px.
    for (int i = 0; i < w.workspaces()->count(); ++i)
      QVERIFY2(w.workspaces()->widget(i)->minimumSizeHint().width() <= 880, qPrintable(titles[i]));
  }

  void droppedPngRestoresItsSettings() {
    const QString dir = tfs::test::tempRoot() + QStringLiteral("/reproduce");
    QDir().mkpath(dir);
    tfs::ImageParams params;
    params.prompt = "a red circle";
    params.steps = 30;
    params.sampler = "ddim";
    params.cfgScale = 4.5;
    params.seed = 77;
    params.width = params.height = 8;
    params.model = "tiny-test";
    params.run = "runs/tiny";
    const QString png = dir + QStringLiteral("/made-by-cli.png");
    tfs::saveImageWithParams(torch::zeros({3, 8, 8}), params, png.toStdString());

    tfs::studio::MainWindow w;
    QSignalSpy restored(&w, &tfs::studio::MainWindow::reproduceRequested);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(png)});
    QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    QCOMPARE(restored.count(), 1);
    const QVariantMap p = restored.at(0).at(0).toMap();
    QCOMPARE(p.value(QStringLiteral("prompt")).toString(), QStringLiteral("a red circle"));
    QCOMPARE(p.value(QStringLiteral("steps")).toLongLong(), 30);
    QCOMPARE(p.value(QStringLiteral("sampler")).toString(), QStringLiteral("ddim"));
    QCOMPARE(p.value(QStringLiteral("cfgScale")).toDouble(), 4.5);
    QCOMPARE(p.value(QStringLiteral("seed")).toULongLong(), 77ull);
    QCOMPARE(p.value(QStringLiteral("model")).toString(), QStringLiteral("tiny-test"));
    QCOMPARE(p.value(QStringLiteral("path")).toString(), QFileInfo(png).absoluteFilePath());
    auto* dialog = w.findChild<QMessageBox*>(QStringLiteral("reproduceDialog"));
    QVERIFY(dialog);
    QVERIFY(dialog->informativeText().contains(QStringLiteral("Seed: 77")));
    const QString shots = qEnvironmentVariable("TFS_SHOT_DIR");
    if (!shots.isEmpty()) dialog->grab().save(shots + QStringLiteral("/reproduce_dialog.png"));
    QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("seed 77")));

    // Other files are not accepted; a PNG without parameters says why and changes nothing.
    QMimeData text;
    text.setUrls({QUrl::fromLocalFile(dir + QStringLiteral("/notes.txt"))});
    QDragEnterEvent other(QPoint(20, 20), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    other.setAccepted(false);
    QApplication::sendEvent(&w, &other);
    QVERIFY(!other.isAccepted());
    const QString plain = dir + QStringLiteral("/plain.png");
    QVERIFY(QImage(8, 8, QImage::Format_RGB32).save(plain));
    QVERIFY(!w.reproduceFrom(plain));
    QCOMPARE(restored.count(), 1);
    QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("Cannot reproduce")));
  }

  // Dark theme: a disabled button's text is dimmed (it read like an enabled one), and a real
  // disabled QPushButton paints with those colours.
  void darkThemeDimsDisabledControls() {
    tfs::studio::MainWindow::applyTheme(QStringLiteral("dark"));
    const QPalette p = QApplication::palette();
    const QColor on = p.color(QPalette::Active, QPalette::ButtonText);
    const QColor off = p.color(QPalette::Disabled, QPalette::ButtonText);
    QVERIFY2(on.lightness() - off.lightness() >= 80,
             qPrintable(QStringLiteral("%1 vs %2").arg(on.name(), off.name())));
    QPushButton stop(QStringLiteral("Stop"));
    stop.setEnabled(false);
    QCOMPARE(stop.palette().color(QPalette::Disabled, QPalette::ButtonText), off);
    QVERIFY(stop.palette().color(QPalette::Disabled, QPalette::Button) !=
            p.color(QPalette::Active, QPalette::Button));
    tfs::studio::MainWindow::applyTheme(QStringLiteral("system"));
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
