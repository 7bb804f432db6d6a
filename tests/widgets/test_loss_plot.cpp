#include <QSignalSpy>
#include <QtTest>
#include <cmath>

#include "tests/widgets/widget_shot.h"
#include "widgets/curve_csv.h"
#include "widgets/loss_plot.h"
#include "widgets/loss_plot_panel.h"
#include "widgets/series_decimator.h"
#include "widgets/series_smoothing.h"

using tfs::widgets::LossPlot;

namespace {

// A decaying, noisy loss curve that is the same on every run of the suite.
std::vector<double> syntheticLoss(std::size_t n, double scale, unsigned seed) {
  std::vector<double> v(n);
  unsigned state = seed;
  for (std::size_t i = 0; i < n; ++i) {
    state = state * 1664525u + 1013904223u;
    const double noise = (state >> 8) / double(1 << 24) - 0.5;
    v[i] = scale * (0.4 + 3.0 * std::exp(-double(i) / (n / 8.0))) * (1.0 + 0.35 * noise);
  }
  return v;
}

std::vector<double> ramp(std::size_t n, double start, double step) {
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = start + step * i;
  return v;
}

}  // namespace

class TestLossPlot : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void debiasedEmaMatchesHandTable() {
    // w = 0.5: last = 0.5, 1.25, 2.125, 3.0625, 4.03125; debias 1 - 0.5^n.
    const std::vector<double> expected = {1.0, 1.25 / 0.75, 2.125 / 0.875, 3.0625 / 0.9375,
                                          4.03125 / 0.96875};
    const auto smoothed = tfs::widgets::smoothDebiasedEma({1, 2, 3, 4, 5}, 0.5);
    QCOMPARE(smoothed.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
      QVERIFY(qFuzzyCompare(smoothed[i], expected[i]));
    QVERIFY(qFuzzyCompare(smoothed[4], 4.161290322580645));

    LossPlot plot;
    plot.setSmoothing(0.5);
    plot.addPoints(QStringLiteral("run"), QStringLiteral("lm"), {0, 1, 2, 3, 4}, {0, 1, 2, 3, 4},
                   {1, 2, 3, 4, 5});
    const auto viaPlot = plot.smoothedValues(QStringLiteral("run"), QStringLiteral("lm"));
    for (std::size_t i = 0; i < expected.size(); ++i)
      QVERIFY(qFuzzyCompare(viaPlot[i], expected[i]));
    plot.setSmoothing(0.0);
    QCOMPARE(plot.smoothedValues(QStringLiteral("run"), QStringLiteral("lm")),
             std::vector<double>({1, 2, 3, 4, 5}));
  }

  void decimatorKeepsExtremes() {
    const std::vector<double> x = ramp(1000, 0, 1);
    std::vector<double> y(1000, 1.0);
    y[500] = 50.0;
    y[501] = -7.0;
    const auto d = tfs::widgets::decimateSeries(x, y, y, 0, 999, 10);
    QVERIFY(d.size() <= 12);
    QCOMPARE(*std::max_element(d.max.begin(), d.max.end()), 50.0);
    QCOMPARE(*std::min_element(d.min.begin(), d.min.end()), -7.0);
    // The bucket with the spike averages it: (98*1 + 50 - 7) / 100.
    bool found = false;
    for (int i = 0; i < d.size(); ++i)
      if (d.max[i] == 50.0) found = qFuzzyCompare(d.line[i], (98.0 + 50.0 - 7.0) / 100.0);
    QVERIFY(found);
  }

  void millionPointsStayInteractive() {
    LossPlot plot;
    plot.resize(900, 420);
    const std::size_t n = 1000000;
    const auto steps = ramp(n, 0, 1);
    const auto walls = ramp(n, 1000, 0.25);
    const auto values = syntheticLoss(n, 1.0, 7);
    QElapsedTimer timer;
    timer.start();
    plot.addPoints(QStringLiteral("run-a"), QStringLiteral("total"), steps, walls, values);
    const double addMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    plot.refresh();
    const double firstMs = timer.nsecsElapsed() / 1e6;
    QVERIFY(plot.drawnPointCount() <= 2 * 900 + 4);
    QVERIFY(plot.drawnPointCount() > 50);
    // Replots after decimation: full view, a zoomed-in window, a drag.
    timer.restart();
    plot.refresh();
    const double fullMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    plot.xAxis->setRange(400000, 410000);
    plot.replot();
    const double zoomMs = timer.nsecsElapsed() / 1e6;
    QCOMPARE(plot.xAxis->range().lower, 400000.0);
    QVERIFY(plot.drawnPointCount() <= 2 * 900 + 4);
    timer.restart();
    plot.xAxis->moveRange(2500);
    plot.replot();
    const double dragMs = timer.nsecsElapsed() / 1e6;
    // Smoothing changes re-run the EMA over all million points.
    timer.restart();
    plot.setSmoothing(0.9);
    const double smoothMs = timer.nsecsElapsed() / 1e6;
    qInfo(
        "1M points: append %.1f ms, first refresh %.1f ms, refresh %.1f ms (decimation %.1f ms), "
        "zoom %.1f ms, drag %.1f ms, smoothing change %.1f ms, %d points drawn",
        addMs, firstMs, fullMs, plot.lastDecimationMs(), zoomMs, dragMs, smoothMs,
        plot.drawnPointCount());
    QVERIFY2(fullMs < 200, "replot of 1M decimated points too slow");
    QVERIFY2(zoomMs < 200, "zoom over 1M points too slow");
    QVERIFY2(dragMs < 200, "drag over 1M points too slow");
    QVERIFY2(smoothMs < 1000, "resmoothing 1M points too slow");
    // Zooming stopped following new data; a reset follows again.
    plot.addPoint(QStringLiteral("run-a"), QStringLiteral("total"), n, 1000 + n * 0.25, 0.5);
    plot.refresh();
    QVERIFY(plot.xAxis->range().upper < 500000);
    plot.resetView();
    QCOMPARE(plot.xAxis->range().upper, double(n));
  }

  void logYRange() {
    LossPlot plot;
    plot.resize(600, 300);
    plot.setSmoothing(0);
    plot.setShowEnvelope(false);
    // 1e-3 ... 1e3 over 601 steps, and a zero that a log axis cannot show.
    std::vector<double> values;
    for (int i = 0; i <= 600; ++i) values.push_back(std::pow(10.0, -3.0 + i / 100.0));
    values.push_back(0.0);
    plot.addPoints(QStringLiteral("r"), QStringLiteral("lr"), ramp(values.size(), 0, 1),
                   ramp(values.size(), 0, 1), values);
    plot.setLogY(true);
    plot.refresh();
    QCOMPARE(plot.yAxis->scaleType(), QCPAxis::stLogarithmic);
    const QCPRange r = plot.yAxis->range();
    QVERIFY(r.lower > 0);
    QVERIFY(r.lower <= 1e-3);
    QVERIFY(r.lower > 1e-4);
    QVERIFY(r.upper >= 1e3);
    QVERIFY(r.upper < 1e4);
    plot.setLogY(false);
    QCOMPARE(plot.yAxis->scaleType(), QCPAxis::stLinear);
    QVERIFY(plot.yAxis->range().lower < 0);  // the zero is back, with padding below it
  }

  void hideOutliersFitsPercentiles() {
    LossPlot plot;
    plot.resize(600, 300);
    plot.setSmoothing(0);
    std::vector<double> values;
    for (int i = 0; i < 1000; ++i) values.push_back(1.0 + 0.01 * std::sin(i * 0.1));
    for (int i : {100, 300, 500, 700, 900}) values[i] = 1000.0;  // 0.5 % spikes
    plot.addPoints(QStringLiteral("r"), QStringLiteral("lm"), ramp(1000, 0, 1), ramp(1000, 0, 1),
                   values);
    plot.refresh();
    QVERIFY(plot.yAxis->range().upper >= 1000);
    plot.setHideOutliers(true);
    QVERIFY(plot.yAxis->range().upper < 1.1);
    QVERIFY(plot.yAxis->range().upper > 1.0);
    QVERIFY(plot.yAxis->range().lower < 0.99);
    QVERIFY(plot.yAxis->range().lower > 0.9);
  }

  void visibleSeriesAndWallTime() {
    LossPlot plot;
    plot.resize(600, 300);
    plot.addPoints(QStringLiteral("r"), QStringLiteral("lm"), {0, 10, 20}, {100, 160, 220},
                   {3, 2, 1});
    plot.addPoints(QStringLiteral("r"), QStringLiteral("lr"), {0, 10, 20, 30}, {100, 160, 220, 280},
                   {1e-4, 1e-4, 1e-4, 1e-4});
    plot.setVisibleSeries({QStringLiteral("lm")});
    QCOMPARE(plot.xAxis->range().upper, 20.0);
    plot.setXAxisMode(LossPlot::XAxisMode::WallTime);
    QCOMPARE(plot.xAxis->range().lower, 0.0);
    QCOMPARE(plot.xAxis->range().upper, 120.0);  // relative to the run's first point
    QCOMPARE(plot.seriesNames(), QStringList({QStringLiteral("lm"), QStringLiteral("lr")}));
  }

  void hidingARunKeepsItsDataAndLegendEntry() {
    LossPlot plot;
    plot.resize(600, 300);
    plot.setSmoothing(0);
    plot.setShowEnvelope(false);
    plot.addPoints(QStringLiteral("short"), QStringLiteral("lm"), {0, 10, 20}, {0, 1, 2},
                   {5, 4, 3});
    plot.addPoints(QStringLiteral("long"), QStringLiteral("lm"), {0, 50, 100}, {0, 1, 2},
                   {1, 0.9, 0.8});
    plot.refresh();
    QCOMPARE(plot.xAxis->range().upper, 100.0);
    QVERIFY(plot.yAxis->range().upper >= 5);
    QSignalSpy spy(&plot, &LossPlot::runHiddenChanged);

    plot.setRunHidden(QStringLiteral("long"), true);
    QCOMPARE(plot.hiddenRuns(), QStringList{QStringLiteral("long")});
    QCOMPARE(spy.count(), 1);
    QCOMPARE(plot.xAxis->range().upper, 20.0);  // x and y follow what is still drawn
    QVERIFY(plot.yAxis->range().lower > 2);
    QCOMPARE(plot.pointCount(QStringLiteral("long"), QStringLiteral("lm")), std::size_t(3));
    QCOMPARE(plot.legend->itemCount(), 2);  // still listed, so it can be clicked back
    plot.setRunHidden(QStringLiteral("long"), true);
    plot.setRunHidden(QStringLiteral("no such run"), true);
    QCOMPARE(spy.count(), 1);

    // Clicking the hidden run's legend entry brings it back; clicking the other hides that one.
    plot.replot();
    auto clickEntryOf = [&](const QString& run) {
      for (int i = 0; i < plot.legend->itemCount(); ++i) {
        auto* entry = qobject_cast<QCPPlottableLegendItem*>(plot.legend->item(i));
        if (entry && entry->plottable()->name().startsWith(run + QLatin1Char('/'))) {
          QTest::mouseClick(&plot, Qt::LeftButton, {}, entry->rect().center());
          return true;
        }
      }
      return false;
    };
    QVERIFY(clickEntryOf(QStringLiteral("long")));
    QVERIFY(plot.hiddenRuns().isEmpty());
    QCOMPARE(plot.xAxis->range().upper, 100.0);
    QVERIFY(clickEntryOf(QStringLiteral("short")));
    QCOMPARE(plot.hiddenRuns(), QStringList{QStringLiteral("short")});
    QVERIFY(plot.yAxis->range().upper < 2);

    plot.removeRun(QStringLiteral("short"));
    QVERIFY(plot.hiddenRuns().isEmpty());
  }

  void csvRoundTripAndImages() {
    const QString dir = tfs::test::widgetTestDir(QStringLiteral("loss_plot"));
    LossPlot plot;
    plot.resize(640, 360);
    const auto a = syntheticLoss(500, 1.0, 3);
    const auto b = syntheticLoss(300, 2.0, 5);
    plot.addPoints(QStringLiteral("baseline"), QStringLiteral("lm"), ramp(500, 1, 1),
                   ramp(500, 1.7e9, 0.3), a);
    plot.addPoints(QStringLiteral("wide, lr=3e-4"), QStringLiteral("diffusion"), ramp(300, 1, 2),
                   ramp(300, 1.7e9, 0.1), b);
    const QString csv = dir + QStringLiteral("/curves.csv");
    QVERIFY(plot.exportCsv(csv));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readLine().trimmed(), QByteArray("run,series,step,wall_time,value"));
    QCOMPARE(file.readAll().count('\n'), 800);

    LossPlot loaded;
    QVERIFY(loaded.importCsv(csv));
    QCOMPARE(loaded.runNames(), plot.runNames());
    QCOMPARE(loaded.rawValues(QStringLiteral("baseline"), QStringLiteral("lm")), a);
    QCOMPARE(loaded.rawValues(QStringLiteral("wide, lr=3e-4"), QStringLiteral("diffusion")), b);
    const QString csv2 = dir + QStringLiteral("/again.csv");
    QVERIFY(loaded.exportCsv(csv2));
    QFile again(csv2);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QVERIFY(file.seek(0));
    QCOMPARE(again.readAll(), file.readAll());

    QVERIFY(plot.exportImage(dir + QStringLiteral("/curves.png"), 800, 400));
    QCOMPARE(QImage(dir + QStringLiteral("/curves.png")).size(), QSize(800, 400));
    QVERIFY(plot.exportImage(dir + QStringLiteral("/curves.pdf")));
    QVERIFY(QFileInfo(dir + QStringLiteral("/curves.pdf")).size() > 1000);
    QVERIFY(!plot.exportImage(dir + QStringLiteral("/curves.xyz")));
  }

  void csvRejectsBadFilesWhole() {
    const QString dir = tfs::test::widgetTestDir(QStringLiteral("loss_plot_csv"));
    auto write = [&](const QString& name, const QByteArray& text) {
      QFile f(dir + QLatin1Char('/') + name);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(text);
    };
    write(QStringLiteral("ok.csv"),
          "run,series,step,wall_time,value\n\"a, \"\"b\"\"\",lm,1,10,nan\nr,lm,2,11,-inf\n");
    const auto ok = tfs::widgets::readCurveCsv(dir + QStringLiteral("/ok.csv"));
    QVERIFY(ok.has_value());
    QCOMPARE(int(ok->size()), 2);
    QCOMPARE((*ok)[0].run, QStringLiteral("a, \"b\""));
    QVERIFY(std::isnan((*ok)[0].value));
    QVERIFY(std::isinf((*ok)[1].value) && (*ok)[1].value < 0);
    // A bad line anywhere: nothing is loaded, not the lines before it.
    write(QStringLiteral("bad.csv"),
          "run,series,step,wall_time,value\nr,lm,1,10,0.5\nr,lm,x,11,0.4\n");
    QVERIFY(!tfs::widgets::readCurveCsv(dir + QStringLiteral("/bad.csv")).has_value());
    LossPlot plot;
    QVERIFY(!plot.importCsv(dir + QStringLiteral("/bad.csv")));
    QVERIFY(plot.runNames().isEmpty());
    write(QStringLiteral("header.csv"), "step,value\n1,2\n");
    QVERIFY(!tfs::widgets::readCurveCsv(dir + QStringLiteral("/header.csv")).has_value());
    QVERIFY(!tfs::widgets::readCurveCsv(dir + QStringLiteral("/missing.csv")).has_value());
  }

  void panelScreenshot() {
    tfs::widgets::TrainingPlotPanel panel;
    panel.resize(900, 460);
    auto* plot = panel.plot();
    const std::size_t n = 20000;
    for (const auto& [run, scale] : {std::pair<QString, double>{QStringLiteral("baseline"), 1.0},
                                     std::pair<QString, double>{QStringLiteral("wide"), 0.8}}) {
      plot->addPoints(run, QStringLiteral("total"), ramp(n, 0, 1), ramp(n, 0, 0.3),
                      syntheticLoss(n, scale * 1.6, 11));
      plot->addPoints(run, QStringLiteral("lm"), ramp(n, 0, 1), ramp(n, 0, 0.3),
                      syntheticLoss(n, scale, 13));
      plot->addPoints(run, QStringLiteral("diffusion"), ramp(n, 0, 1), ramp(n, 0, 0.3),
                      syntheticLoss(n, scale * 0.6, 17));
      plot->addPoints(run, QStringLiteral("lr"), ramp(n, 0, 1), ramp(n, 0, 0.3),
                      std::vector<double>(n, 3e-4));
    }
    plot->addPoint(QStringLiteral("baseline"), QStringLiteral("ema_decay"), 0, 0, 0.999);
    QCOMPARE(panel.groups().last().title, QStringLiteral("ema_decay"));
    panel.setCurrentGroup(0);
    QCOMPARE(plot->visibleSeries(), QStringList({QStringLiteral("total"), QStringLiteral("lm"),
                                                 QStringLiteral("diffusion")}));
    auto* slider = panel.findChild<QSlider*>(QStringLiteral("smoothingSlider"));
    QVERIFY(slider);
    slider->setValue(900);
    QCOMPARE(plot->smoothing(), 0.9);
    auto* logY = panel.findChild<QCheckBox*>(QStringLiteral("logYCheck"));
    QVERIFY(logY);
    logY->setChecked(true);
    QVERIFY(plot->logY());
    logY->setChecked(false);
    plot->setRunHidden(QStringLiteral("wide"), true);
    QCOMPARE(plot->legend->itemCount(), 6);  // 3 loss series × 2 runs, "wide" greyed out
    plot->refresh();
    tfs::test::saveShot(panel, QStringLiteral("loss_plot"));
  }
};

QTEST_MAIN(TestLossPlot)
#include "test_loss_plot.moc"
