#pragma once

#include <QWidget>

#include "widgets/job_list_model.h"

class QTableView;
class QToolButton;

namespace tfs::widgets {

// The Jobs workspace: the queue as a table (drag rows or use up/down to reorder, drag a finished
// job's image out), and the actions a controller carries out: cancel the selected job, and the
// three stops of the running one (now, after the current image, skip the current image).
class JobList : public QWidget {
  Q_OBJECT
 public:
  explicit JobList(QWidget* parent = nullptr);

  JobListModel* model() const { return model_; }
  QTableView* view() const { return view_; }
  QString selectedJobId() const;
  void selectJob(const QString& id);
  QString runningJobId() const;  // the first running job, empty when idle

 public Q_SLOTS:
  void moveSelectedUp();
  void moveSelectedDown();
  void cancelSelected();
  void stopNow();
  void stopAfterCurrentImage();
  void skipCurrentImage();

 Q_SIGNALS:
  void orderChanged(const QStringList& ids);
  void cancelRequested(const QString& id);
  void stopNowRequested(const QString& id);
  void stopAfterImageRequested(const QString& id);
  void skipImageRequested(const QString& id);

 private:
  void updateActions();
  QToolButton* addButton(const QString& name, const QString& text, const QString& tip,
                         const QIcon& icon);

  JobListModel* model_;
  QTableView* view_;
  QToolButton* up_ = nullptr;
  QToolButton* down_ = nullptr;
  QToolButton* cancel_ = nullptr;
  QToolButton* stopNow_ = nullptr;
  QToolButton* stopAfter_ = nullptr;
  QToolButton* skip_ = nullptr;
};

}  // namespace tfs::widgets
