#pragma once

#include <QImage>
#include <QWidget>
#include <array>

#include "app/studio/generation_job.h"
#include "core/generate/png_params.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tfs::widgets {
class Filmstrip;
class ImagePane;
}  // namespace tfs::widgets

namespace tfs::studio {

class DenoiseSchedulePlot;
class GenerationSettings;
class ModelSession;

// The Denoise workspace: text to image, watching every step (x_t and x̂0 in the filmstrip, the
// schedule's t and noise level), optionally two settings side by side (A and B).
class DenoisePage : public QWidget {
  Q_OBJECT
 public:
  explicit DenoisePage(ModelSession* session, QWidget* parent = nullptr);
  ~DenoisePage() override;

  void setPrompt(const QString& prompt);
  QString prompt() const;
  void setCompare(bool on);
  bool compare() const;
  GenerationSettings* settings(int which) const { return sides_[which].settings; }
  widgets::Filmstrip* filmstrip(int which) const { return sides_[which].filmstrip; }
  DenoiseSchedulePlot* schedulePlot(int which) const { return sides_[which].schedule; }
  QImage result(int which) const { return sides_[which].result; }
  QString resultParameters(int which) const { return sides_[which].parameters; }
  QString jobId(int which) const { return sides_[which].job; }
  // Restores the settings a generated PNG carries (Reproduce).
  void applyParameters(const ImageParams& params);

 public Q_SLOTS:
  void generate();
  void stop();
  void saveResult(int which);

 Q_SIGNALS:
  void statusMessage(const QString& text);

 private:
  struct Side {
    GenerationSettings* settings = nullptr;
    QWidget* panel = nullptr;
    QLabel* title = nullptr;
    widgets::Filmstrip* filmstrip = nullptr;
    widgets::ImagePane* resultPane = nullptr;
    DenoiseSchedulePlot* schedule = nullptr;
    QLabel* info = nullptr;
    QPushButton* save = nullptr;
    QString job;
    QImage result;
    QString parameters;
    quint64 jobSeed = 0;  // the seed the shown result was asked with
  };
  QWidget* buildPanel(Side& side, const QString& name);
  int sideOf(const QString& job) const;
  void onStarted(const QString& id);
  void onStep(const QString& id, const StepUpdate& step);
  void onImage(const QString& id, const ImageUpdate& image);
  void onFinished(const QString& id, const JobOutcome& outcome);
  void onFailed(const QString& id, const QString& message);
  void updateButtons();

  ModelSession* session_;
  QLineEdit* prompt_;
  QCheckBox* compare_;
  QWidget* settingsB_;
  QPushButton* generate_;
  QPushButton* stop_;
  QLabel* status_;
  std::array<Side, 2> sides_;
};

}  // namespace tfs::studio
