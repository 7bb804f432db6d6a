#include "app/studio/train_run_follower.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimer>

namespace tfs::studio {

namespace {
constexpr qint64 kMaxReadPerPoll = 1 << 20;  // ~4000 lines: parsed well within a frame
constexpr int kTailBytes = 64;
}  // namespace

TrainRunFollower::TrainRunFollower(const QString& runDir, QObject* parent)
    : QObject(parent),
      runDir_(QDir::cleanPath(runDir)),
      metricsPath_(runDir_ + QStringLiteral("/metrics.jsonl")),
      watcher_(new QFileSystemWatcher(this)),
      slowTimer_(new QTimer(this)),
      soonTimer_(new QTimer(this)) {
  soonTimer_->setSingleShot(true);
  soonTimer_->setInterval(100);  // coalesces a burst of change notifications into one read
  connect(soonTimer_, &QTimer::timeout, this, &TrainRunFollower::poll);
  // Watchers miss changes on network folders and files that do not exist yet: poll slowly too.
  slowTimer_->setInterval(1000);
  connect(slowTimer_, &QTimer::timeout, this, &TrainRunFollower::poll);
  slowTimer_->start();
  for (const QString& p : {runDir_, metricsPath_, runDir_ + QStringLiteral("/samples")})
    if (QFileInfo::exists(p)) watcher_->addPath(p);
  connect(watcher_, &QFileSystemWatcher::fileChanged, this, &TrainRunFollower::schedulePoll);
  connect(watcher_, &QFileSystemWatcher::directoryChanged, this, &TrainRunFollower::schedulePoll);
  readConfig();
}

QString TrainRunFollower::runName() const {
  return QFileInfo(runDir_).fileName();
}

void TrainRunFollower::setPollInterval(int ms) {
  slowTimer_->setInterval(ms);
}

void TrainRunFollower::schedulePoll() {
  if (!soonTimer_->isActive()) soonTimer_->start();
}

void TrainRunFollower::readConfig() {
  QFile f(runDir_ + QStringLiteral("/config.json"));
  if (!f.open(QIODevice::ReadOnly)) return;
  const QJsonObject train =
      QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("train")).toObject();
  totalSteps_ = static_cast<qint64>(train.value(QLatin1String("steps")).toDouble());
}

bool TrainRunFollower::tailChanged() {
  if (tail_.isEmpty()) return false;
  QFile f(metricsPath_);
  if (!f.open(QIODevice::ReadOnly) || !f.seek(offset_ - tail_.size())) return true;
  return f.read(tail_.size()) != tail_;
}

void TrainRunFollower::poll() {
  if (totalSteps_ == 0) readConfig();
  for (const QString& p : {metricsPath_, runDir_ + QStringLiteral("/samples")})
    if (!watcher_->files().contains(p) && !watcher_->directories().contains(p) &&
        QFileInfo::exists(p))
      watcher_->addPath(p);
  scanSamples();
  QFile f(metricsPath_);
  if (!f.exists()) return;
  const qint64 size = f.size();
  if (size < offset_ || tailChanged()) {
    offset_ = 0;
    pointsRead_ = 0;
    partial_.clear();
    tail_.clear();
    Q_EMIT restarted();
  }
  if (size == offset_ || !f.open(QIODevice::ReadOnly) || !f.seek(offset_)) return;
  const QByteArray chunk = f.read(std::min(size - offset_, kMaxReadPerPoll));
  offset_ += chunk.size();
  tail_ = chunk.right(kTailBytes);
  if (tail_.size() < kTailBytes && offset_ > tail_.size()) {
    // Short read: keep a full-length tail for the rewrite check.
    f.seek(std::max<qint64>(0, offset_ - kTailBytes));
    tail_ = f.read(offset_ - f.pos());
  }
  partial_ += chunk;
  QVector<TrainPoint> points;
  qsizetype start = 0;
  for (qsizetype nl = partial_.indexOf('\n'); nl >= 0; nl = partial_.indexOf('\n', start)) {
    TrainPoint p;
    const QByteArray line = partial_.mid(start, nl - start).trimmed();
    if (!line.isEmpty() && parseMetricsLine(line, &p)) points.push_back(std::move(p));
    start = nl + 1;
  }
  partial_.remove(0, start);
  pointsRead_ += points.size();
  if (!points.isEmpty()) Q_EMIT pointsAdded(points);
  if (offset_ < size) QTimer::singleShot(0, this, &TrainRunFollower::poll);
}

void TrainRunFollower::scanSamples() {
  QDir dir(runDir_ + QStringLiteral("/samples"));
  if (!dir.exists()) return;
  const QStringList names = dir.entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
  QStringList added;
  for (const QString& n : names) {
    if (seenSamples_.contains(n)) continue;
    seenSamples_.insert(n);
    added << dir.filePath(n);
  }
  if (!added.isEmpty()) Q_EMIT samplesAdded(added);
}

}  // namespace tfs::studio
