#pragma once

#include <QWidget>

namespace tfs::widgets {
class ImagePane;
class JobList;
}  // namespace tfs::widgets

class QLabel;

namespace tfs::studio {

class GenerationQueue;

// The Jobs workspace: every generation of the studio as a row of the queue; reorder queued jobs,
// cancel, the three stops of the running one, and drag a finished job's image into the
// Conversation or the editor.
class JobsPage : public QWidget {
  Q_OBJECT
 public:
  explicit JobsPage(GenerationQueue* queue, QWidget* parent = nullptr);
  widgets::JobList* jobList() const { return list_; }

 public Q_SLOTS:
  void clearFinished();

 private:
  void showSelected();

  GenerationQueue* queue_;
  widgets::JobList* list_;
  widgets::ImagePane* preview_;
  QLabel* detail_;
};

}  // namespace tfs::studio
