#pragma once

#include <QPlainTextEdit>
#include <QStringList>

namespace tfs::widgets {

// A read-only, bounded log view. Lines arrive in batches (the studio polls a ring buffer), so a
// chatty engine costs one append per poll, never one per message.
class LogPanel : public QPlainTextEdit {
  Q_OBJECT
 public:
  explicit LogPanel(QWidget* parent = nullptr, int maxLines = 5000);
  void appendLines(const QStringList& lines);
  int maxLines() const { return maxLines_; }

 private:
  int maxLines_;
};

}  // namespace tfs::widgets
