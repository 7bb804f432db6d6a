#pragma once

#include <QImage>
#include <QWidget>
#include <optional>
#include <vector>

#include "app/studio/generation_job.h"
#include "core/generate/png_params.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace tfs::widgets {
class ImageCompare;
}

namespace tfs::studio {

class EditFinetune;
class GenerationSettings;
class ModelSession;

// The Edit workspace: an image and an instruction → the edited image, before/after under a split
// slider, iterate on the result, a history of every edit; and the editing fine-tune that makes a
// model able to do this.
class EditPage : public QWidget {
  Q_OBJECT
 public:
  struct HistoryEntry {
    QImage before, after;
    QString instruction, parameters;
    QString inputPath;  // the file `before` came from, when it did
  };

  explicit EditPage(ModelSession* session, QWidget* parent = nullptr);
  ~EditPage() override;

  void setInput(const QImage& image, const QString& path = {});
  QImage input() const { return input_; }
  QImage output() const { return output_; }
  void setInstruction(const QString& text);
  QString instruction() const;
  GenerationSettings* settings() const { return settings_; }
  widgets::ImageCompare* compareView() const { return compare_; }
  int historyCount() const { return static_cast<int>(history_.size()); }
  const HistoryEntry& historyEntry(int i) const { return history_.at(i); }
  QString jobId() const { return job_; }
  EditFinetune* finetune() const { return finetune_; }
  // Restores an edit's settings from a PNG's parameters (Reproduce); loads its input if it exists.
  void applyParameters(const ImageParams& params);
  // A random shapes scene (randomEdit's input at the model's size) and its edit's instruction.
  void newScene(std::optional<quint64> seed = std::nullopt);

 public Q_SLOTS:
  void runEdit();
  void stop();
  void useResultAsInput();
  void openImage();
  void saveResult();
  void showHistory(int row);
  void startFinetune();
  void stopFinetune();

 Q_SIGNALS:
  void statusMessage(const QString& text);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void onStep(const QString& id, const StepUpdate& step);
  void onImage(const QString& id, const ImageUpdate& image);
  void onFinished(const QString& id, const JobOutcome& outcome);
  void onFailed(const QString& id, const QString& message);
  void updateButtons();

  ModelSession* session_;
  QImage input_, output_;
  QString inputPath_, outputParameters_, runningInstruction_, runningInputPath_;
  QImage runningInput_;
  QString job_;
  std::vector<HistoryEntry> history_;

  widgets::ImageCompare* compare_;
  QLineEdit* instruction_;
  GenerationSettings* settings_;
  QPushButton* open_;
  QPushButton* scene_;
  QPushButton* edit_;
  QPushButton* stop_;
  QPushButton* iterate_;
  QPushButton* save_;
  QListWidget* historyList_;
  QLabel* status_;
  QLabel* modelWarning_;  // shown while the loaded model was not trained to edit

  EditFinetune* finetune_;
  QLineEdit* ftBase_;
  QLineEdit* ftRun_;
  QSpinBox* ftSteps_;
  QPushButton* ftStart_;
  QPushButton* ftStop_;
  QPushButton* ftLoad_;
  QProgressBar* ftProgress_;
  QLabel* ftStatus_;
};

}  // namespace tfs::studio
