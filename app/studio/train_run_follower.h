#pragma once

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QVector>

#include "app/studio/train_metrics.h"

class QFileSystemWatcher;
class QTimer;

namespace tfs::studio {

// Follows a run folder written by anyone (the CLI, another machine, this studio): reads only what
// was appended to metrics.jsonl since the last look, and reports new sample images.
class TrainRunFollower : public QObject {
  Q_OBJECT
 public:
  explicit TrainRunFollower(const QString& runDir, QObject* parent = nullptr);

  QString runDir() const { return runDir_; }
  QString runName() const;
  qint64 totalSteps() const { return totalSteps_; }  // from config.json; 0 when unknown
  qint64 bytesRead() const { return offset_; }
  qint64 pointsRead() const { return pointsRead_; }
  // Looks now (the watcher and a slow timer call this; tests may too). Reads at most 1 MiB
  // per call and schedules the rest, so a huge log never stalls the UI.
  void poll();
  void setPollInterval(int ms);

 Q_SIGNALS:
  void pointsAdded(const QVector<tfs::studio::TrainPoint>& points);
  // metrics.jsonl was rewritten (a resumed run drops the steps after its checkpoint): the points
  // reported so far are void; they are read again from the start.
  void restarted();
  void samplesAdded(const QStringList& paths);  // oldest first

 private:
  void schedulePoll();
  void readConfig();
  void scanSamples();
  bool tailChanged();

  QString runDir_;
  QString metricsPath_;
  qint64 offset_ = 0;
  qint64 pointsRead_ = 0;
  qint64 totalSteps_ = 0;
  QByteArray partial_;  // a line not yet finished by the writer
  QByteArray tail_;     // the last bytes read, to notice a rewrite that did not shrink the file
  QSet<QString> seenSamples_;
  QFileSystemWatcher* watcher_;
  QTimer* slowTimer_;
  QTimer* soonTimer_;
};

}  // namespace tfs::studio
