#include "widgets/log_panel.h"

#include <QFontDatabase>
#include <QScrollBar>

namespace tfs::widgets {

LogPanel::LogPanel(QWidget* parent, int maxLines) : QPlainTextEdit(parent), maxLines_(maxLines) {
  setReadOnly(true);
  setMaximumBlockCount(maxLines);
  setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  setLineWrapMode(QPlainTextEdit::NoWrap);
  setObjectName(QStringLiteral("logPanel"));
}

void LogPanel::appendLines(const QStringList& lines) {
  if (lines.isEmpty()) return;
  auto* bar = verticalScrollBar();
  const bool atBottom = bar->value() >= bar->maximum() - 4;
  appendPlainText(lines.join(QLatin1Char('\n')));
  if (atBottom) bar->setValue(bar->maximum());
}

}  // namespace tfs::widgets
