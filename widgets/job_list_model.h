#pragma once

#include <QAbstractTableModel>
#include <QImage>
#include <vector>

namespace tfs::widgets {

enum class JobStatus { Queued, Running, Done, Failed, Cancelled };

struct JobInfo {
  QString id;
  QString kind;  // "generate", "edit", "caption", ...
  QString prompt;
  JobStatus status = JobStatus::Queued;
  double progress = 0.0;  // 0..1
  QImage image;           // the result (or latest preview), shown as the thumbnail
  // What it samples with ("" / 0 where it does not apply, e.g. a caption's steps).
  QString seed;
  int steps = 0;
  QString sampler;
  double seconds = -1;  // how long it ran, once finished (-1: not yet)
};

// The generation queue as a table: id, kind, prompt, seed, steps, sampler, status, progress,
// duration. Rows move by drag and drop
// (the job ids travel as kMimeType) and a finished job's image drags out as image data.
class JobListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    kId,
    kKind,
    kPrompt,
    kSeed,
    kSteps,
    kSampler,
    kStatus,
    kProgress,
    kDuration,
    kColumnCount
  };
  static constexpr auto kMimeType = "application/x-tfs-job-ids";
  static constexpr int kProgressRole = Qt::UserRole + 1;
  static constexpr int kThumbnailSide = 40;

  explicit JobListModel(QObject* parent = nullptr);

  void addJob(const JobInfo& job);
  bool removeJob(const QString& id);
  bool updateJob(const QString& id, JobStatus status, double progress);
  bool setJobImage(const QString& id, const QImage& image);  // a null image clears it
  bool setJobDuration(const QString& id, double seconds);
  int rowOf(const QString& id) const;
  const JobInfo& job(int row) const { return jobs_.at(row); }
  QStringList order() const;
  bool moveJob(const QString& id, int toRow);  // toRow: the row it ends up in
  static QString statusText(JobStatus status);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  Qt::DropActions supportedDropActions() const override;
  Qt::DropActions supportedDragActions() const override;
  QStringList mimeTypes() const override;
  QMimeData* mimeData(const QModelIndexList& indexes) const override;
  bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                       const QModelIndex& parent) const override;
  bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                    const QModelIndex& parent) override;

 Q_SIGNALS:
  void orderChanged(const QStringList& ids);

 private:
  std::vector<JobInfo> jobs_;
  std::vector<QPixmap> thumbnails_;
};

}  // namespace tfs::widgets
