#pragma once

#include <QHash>
#include <QImage>
#include <QWidget>

#include "app/studio/generation_job.h"

namespace tfs::widgets {
class ImagePane;
class JobList;
}  // namespace tfs::widgets

class QLabel;
class QMenu;

namespace tfs::studio {

class GenerationQueue;

// The Jobs workspace: every generation of the studio as a row of the queue (with its seed, steps,
// sampler and time); reorder queued jobs, cancel, the three stops of the running one, drag a
// finished job's image into the Conversation or the editor, or use a row's context menu: send the
// image to Edit or the Conversation, save it, copy its parameters, run the job again.
class JobsPage : public QWidget {
  Q_OBJECT
 public:
  explicit JobsPage(GenerationQueue* queue, QWidget* parent = nullptr);
  widgets::JobList* jobList() const { return list_; }
  // The context menu of a job's row (null for an unknown id); the caller owns it. Actions:
  // sendToEdit, sendToConversation, saveImage, copyParameters, runAgain, cancelJob.
  QMenu* menuForJob(const QString& id);
  QString parametersOf(const QString& id) const { return parameters_.value(id); }

 public Q_SLOTS:
  void clearFinished();
  // Submits a copy of a job (a new id; the same prompt, seed and settings).
  QString runAgain(const QString& id);

 Q_SIGNALS:
  void sendToEdit(const QImage& image, const QString& parameters);
  void sendToConversation(const QImage& image);
  void statusMessage(const QString& text, int timeoutMs);

 private:
  void showSelected();
  void saveImage(const QString& id);
  void cancelJob(const QString& id);

  GenerationQueue* queue_;
  widgets::JobList* list_;
  widgets::ImagePane* preview_;
  QLabel* detail_;
  QHash<QString, GenerationJob> jobs_;  // as submitted (Run Again)
  QHash<QString, QString> parameters_;  // the last finished image's A1111 text
  QHash<QString, QImage> images_;       // the last finished image (not a preview)
};

}  // namespace tfs::studio
