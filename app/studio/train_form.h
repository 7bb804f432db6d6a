#pragma once

#include <QVector>
#include <QWidget>

#include "app/studio/train_controller.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace tfs::studio {

// The Train page's form: model (preset or config file), data specs with their preview, and the
// run (folder, steps, samples, resume) — what a TrainRequest says. Its fields are remembered
// across sessions (QSettings "train/...").
class TrainForm : public QWidget {
  Q_OBJECT
 public:
  explicit TrainForm(QWidget* parent = nullptr);

  void setPreset(const QString& name);
  QString preset() const;
  void setDataSpecs(const QStringList& specs);
  QStringList dataSpecs() const;
  void setRunDir(const QString& dir);
  void setSteps(qint64 steps);        // 0 = the preset's
  void setVaeSteps(qint64 steps);     // 0 = VaeTrainConfig's default
  void setSampleEvery(qint64 steps);  // -1 = the preset's, 0 = none
  TrainRequest request() const;

  // While a run trains its fields are fixed (and no run folder is suggested).
  void setLocked(bool locked);
  void showPreviewPending();
  void showPreview(const QVector<DataPreviewItem>& items);

  void saveSettings() const;
  void restoreSettings();

 Q_SIGNALS:
  // Preview pressed, or the preset changed while a preview is shown (its image size may differ).
  void previewRequested();
  void error(const QString& text);

 private:
  void addSpec(const QString& spec);
  void browseConfig();
  void browseRunDir();
  void suggestRunDir();

  QComboBox* presetCombo_ = nullptr;
  QLineEdit* configEdit_ = nullptr;
  QListWidget* dataList_ = nullptr;
  QComboBox* specEdit_ = nullptr;
  QListWidget* previewList_ = nullptr;
  QLineEdit* runEdit_ = nullptr;
  QSpinBox* stepsSpin_ = nullptr;
  QSpinBox* vaeStepsSpin_ = nullptr;
  QSpinBox* sampleEverySpin_ = nullptr;
  QSpinBox* processesSpin_ = nullptr;
  QCheckBox* resumeCheck_ = nullptr;
  bool locked_ = false;
  bool previewShown_ = false;
};

}  // namespace tfs::studio
