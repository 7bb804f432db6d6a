#include "widgets/job_list_model.h"

#include <QMimeData>
#include <QPixmap>
#include <algorithm>
#include <set>

namespace tfs::widgets {

namespace {

QPixmap makeThumbnail(const QImage& image) {
  if (image.isNull()) return {};
  const int side = JobListModel::kThumbnailSide;
  const auto mode = image.width() < side ? Qt::FastTransformation : Qt::SmoothTransformation;
  return QPixmap::fromImage(image.scaled(side, side, Qt::KeepAspectRatio, mode));
}

}  // namespace

JobListModel::JobListModel(QObject* parent) : QAbstractTableModel(parent) {
  setObjectName(QStringLiteral("jobListModel"));
}

QString JobListModel::statusText(JobStatus status) {
  switch (status) {
    case JobStatus::Queued:
      return tr("queued");
    case JobStatus::Running:
      return tr("running");
    case JobStatus::Done:
      return tr("done");
    case JobStatus::Failed:
      return tr("failed");
    case JobStatus::Cancelled:
      return tr("cancelled");
  }
  return {};
}

void JobListModel::addJob(const JobInfo& job) {
  const int row = static_cast<int>(jobs_.size());
  beginInsertRows({}, row, row);
  jobs_.push_back(job);
  thumbnails_.push_back(makeThumbnail(job.image));
  endInsertRows();
}

bool JobListModel::removeJob(const QString& id) {
  const int row = rowOf(id);
  if (row < 0) return false;
  beginRemoveRows({}, row, row);
  jobs_.erase(jobs_.begin() + row);
  thumbnails_.erase(thumbnails_.begin() + row);
  endRemoveRows();
  return true;
}

bool JobListModel::updateJob(const QString& id, JobStatus status, double progress) {
  const int row = rowOf(id);
  if (row < 0) return false;
  jobs_[row].status = status;
  jobs_[row].progress = std::clamp(progress, 0.0, 1.0);
  Q_EMIT dataChanged(index(row, kStatus), index(row, kProgress));
  return true;
}

bool JobListModel::setJobImage(const QString& id, const QImage& image) {
  const int row = rowOf(id);
  if (row < 0) return false;
  jobs_[row].image = image;
  thumbnails_[row] = makeThumbnail(image);
  Q_EMIT dataChanged(index(row, kId), index(row, kId), {Qt::DecorationRole});
  return true;
}

bool JobListModel::setJobDuration(const QString& id, double seconds) {
  const int row = rowOf(id);
  if (row < 0) return false;
  jobs_[row].seconds = seconds;
  Q_EMIT dataChanged(index(row, kDuration), index(row, kDuration));
  return true;
}

int JobListModel::rowOf(const QString& id) const {
  for (std::size_t i = 0; i < jobs_.size(); ++i)
    if (jobs_[i].id == id) return static_cast<int>(i);
  return -1;
}

QStringList JobListModel::order() const {
  QStringList ids;
  for (const JobInfo& job : jobs_) ids << job.id;
  return ids;
}

bool JobListModel::moveJob(const QString& id, int toRow) {
  const int from = rowOf(id);
  const int count = static_cast<int>(jobs_.size());
  if (from < 0 || toRow < 0 || toRow >= count || toRow == from) return false;
  // beginMoveRows wants the destination as "insert before", counted before the removal.
  const int destination = toRow > from ? toRow + 1 : toRow;
  if (!beginMoveRows({}, from, from, {}, destination)) return false;
  JobInfo job = std::move(jobs_[from]);
  QPixmap thumb = std::move(thumbnails_[from]);
  jobs_.erase(jobs_.begin() + from);
  thumbnails_.erase(thumbnails_.begin() + from);
  jobs_.insert(jobs_.begin() + toRow, std::move(job));
  thumbnails_.insert(thumbnails_.begin() + toRow, std::move(thumb));
  endMoveRows();
  Q_EMIT orderChanged(order());
  return true;
}

int JobListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(jobs_.size());
}

int JobListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumnCount;
}

QVariant JobListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const JobInfo& job = jobs_[index.row()];
  if (role == kProgressRole) return job.progress;
  if (role == Qt::DecorationRole && index.column() == kId && !thumbnails_[index.row()].isNull())
    return thumbnails_[index.row()];
  if (role == Qt::ToolTipRole && index.column() == kPrompt) return job.prompt;
  if (role == Qt::TextAlignmentRole && index.column() == kProgress) return int(Qt::AlignCenter);
  if (role == Qt::TextAlignmentRole &&
      (index.column() == kSeed || index.column() == kSteps || index.column() == kDuration))
    return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case kId:
      return job.id;
    case kKind:
      return job.kind;
    case kPrompt:
      return job.prompt;
    case kSeed:
      return job.seed;
    case kSteps:
      return job.steps > 0 ? QVariant(job.steps) : QVariant();
    case kSampler:
      return job.sampler;
    case kStatus:
      return statusText(job.status);
    case kProgress:
      return QStringLiteral("%1%").arg(qRound(job.progress * 100));
    case kDuration:
      return job.seconds < 0 ? QVariant()
                             : QVariant(QStringLiteral("%1 s").arg(job.seconds, 0, 'f', 1));
    default:
      return {};
  }
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case kId:
      return tr("Job");
    case kKind:
      return tr("Kind");
    case kPrompt:
      return tr("Prompt");
    case kSeed:
      return tr("Seed");
    case kSteps:
      return tr("Steps");
    case kSampler:
      return tr("Sampler");
    case kStatus:
      return tr("Status");
    case kProgress:
      return tr("Progress");
    case kDuration:
      return tr("Time");
    default:
      return {};
  }
}

Qt::ItemFlags JobListModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::ItemIsDropEnabled;
  return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

Qt::DropActions JobListModel::supportedDropActions() const {
  return Qt::MoveAction;
}
Qt::DropActions JobListModel::supportedDragActions() const {
  return Qt::MoveAction | Qt::CopyAction;
}

QStringList JobListModel::mimeTypes() const {
  return {QLatin1String(kMimeType)};
}

QMimeData* JobListModel::mimeData(const QModelIndexList& indexes) const {
  std::set<int> rows;
  for (const QModelIndex& index : indexes)
    if (index.isValid()) rows.insert(index.row());
  if (rows.empty()) return nullptr;
  auto* data = new QMimeData;
  QStringList ids;
  for (int row : rows) ids << jobs_[row].id;
  data->setData(QLatin1String(kMimeType), ids.join(QLatin1Char('\n')).toUtf8());
  // A finished job's image can be dropped into a conversation, the editor or another app.
  const JobInfo& first = jobs_[*rows.begin()];
  if (first.status == JobStatus::Done && !first.image.isNull()) data->setImageData(first.image);
  data->setText(first.prompt);
  return data;
}

bool JobListModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int,
                                   const QModelIndex&) const {
  return data && action == Qt::MoveAction && data->hasFormat(QLatin1String(kMimeType));
}

bool JobListModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int,
                                const QModelIndex& parent) {
  if (!canDropMimeData(data, action, row, 0, parent)) return false;
  const QStringList ids =
      QString::fromUtf8(data->data(QLatin1String(kMimeType))).split(QLatin1Char('\n'));
  // Dropped on an item = before it; below the last row = at the end.
  int target = row >= 0 ? row : (parent.isValid() ? parent.row() : rowCount());
  for (const QString& id : ids) {
    const int from = rowOf(id);
    if (from < 0) continue;
    const int to = std::min(from < target ? target - 1 : target, rowCount() - 1);
    moveJob(id, to);
    target = to + 1;
  }
  // The move is done here; returning false keeps the view from removing the source rows.
  return false;
}

}  // namespace tfs::widgets
