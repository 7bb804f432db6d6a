#pragma once

#include <QDialog>
#include <QString>
#include <QVector>

#include <atomic>
#include <memory>
#include <thread>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace tfs::studio {

// Measures a run the way `transfusion eval` does, on a worker thread: caption accuracy on
// Fashion-MNIST test images and the Fréchet distance + class accuracy of text-to-image samples in
// the shipped classifier's feature space (not COCO FID). Results are also written to RUN/eval.json.
class RunEvalDialog : public QDialog {
  Q_OBJECT
 public:
  explicit RunEvalDialog(const QString& runDir, QWidget* parent = nullptr);
  ~RunEvalDialog() override;

  void setImages(int n);
  void start();
  void cancel();
  bool running() const { return worker_.joinable() && !finished_; }
  QTableWidget* table() const { return table_; }
  QString errorText() const;

 Q_SIGNALS:
  void progressed(int done, int total, const QString& what);
  void resultRow(const QString& measure, const QString& value);
  void failed(const QString& message);
  void workerFinished();  // from the worker thread
  void done();            // on the UI thread, after every row and error has been shown

 private:
  void work(const QString& runDir, int n);
  void join();

  QString runDir_;
  QSpinBox* images_;
  QPushButton* startButton_;
  QPushButton* cancelButton_;
  QProgressBar* progress_;
  QLabel* status_;
  QLabel* error_;
  QTableWidget* table_;
  std::thread worker_;
  std::atomic<bool> cancel_{false};
  bool finished_ = false;
  QString errorText_;
};

}  // namespace tfs::studio
