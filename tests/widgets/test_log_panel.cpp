#include <QtTest>

#include "widgets/log_panel.h"

class TestLogPanel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void boundedAndBatched() {
    tfs::widgets::LogPanel panel(nullptr, 100);
    QStringList batch;
    for (int i = 0; i < 1000; ++i) batch << QStringLiteral("line %1").arg(i);
    panel.appendLines(batch);
    QVERIFY(panel.document()->blockCount() <= 100);
    QVERIFY(panel.toPlainText().endsWith(QStringLiteral("line 999")));
    panel.appendLines({});
    QVERIFY(panel.toPlainText().endsWith(QStringLiteral("line 999")));
  }
};

QTEST_MAIN(TestLogPanel)
#include "test_log_panel.moc"
