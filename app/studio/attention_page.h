#pragma once

#include <QWidget>
#include <memory>

#include "app/studio/attention_sequence.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace tfs::studio {

// The Attention workspace: a sequence (layout or prompt) and its Transfusion mask as a labelled
// heat map; with a model loaded, the real attention probabilities of a layer / head or their mean.
// Parsing, masks and forward passes run on a worker thread, one job at a time (newest wins).
class AttentionPage : public QWidget {
  Q_OBJECT
 public:
  explicit AttentionPage(QWidget* parent = nullptr);
  ~AttentionPage() override;

  widgets::MaskView* maskView() const { return view_; }
  void setQuery(AttentionQuery::Mode mode, const QString& text);
  void setCausalOnly(bool on);
  // Layer / head of the weights view: -1 = the mean. showWeights false = the mask.
  void setSelection(bool showWeights, int layer, int head);
  void loadModel(const QString& runDir);  // asynchronous: modelLoaded() or an error
  // The studio's model (the Denoise / Conversation session's): shown unless the user loaded
  // another one here; "Studio model" goes back to it.
  void followStudioModel(const QString& runDir);
  QString modelRunDir() const;
  bool hasModel() const { return model_ != nullptr; }
  bool isBusy() const { return busy_; }
  const AttentionLayout& currentLayout() const { return layout_; }
  QString errorText() const;
  QString infoText() const;

 Q_SIGNALS:
  void updated();  // the view shows the newest request's result (or its error)
  void modelLoaded(const QString& name);
  void statusMessage(const QString& text, int timeoutMs);

 private:
  void requestUpdate();
  void runNext();
  void chooseModel();
  void load(const QString& runDir, bool chosenHere);
  void fitLayoutToModel();
  void showError(const QString& text);
  void fillSelectors();
  AttentionQuery query() const;

  QComboBox* modeCombo_;
  QLineEdit* textEdit_;
  QCheckBox* causalCheck_;
  QSpinBox* patchesSpin_;
  QPushButton* loadButton_;
  QPushButton* studioButton_;
  QLabel* modelLabel_;
  QComboBox* showCombo_;
  QComboBox* layerCombo_;
  QComboBox* headCombo_;
  QSpinBox* timestepSpin_;
  widgets::MaskView* view_;
  QLabel* infoLabel_;
  QLabel* hoverLabel_;
  QLabel* errorLabel_;
  QTimer* debounce_;
  std::shared_ptr<AttentionModel> model_;
  AttentionLayout layout_;
  bool busy_ = false;
  bool pending_ = false;
  QString studioRun_;
  bool chosenHere_ = false;  // a model loaded with "Load model…": the studio's does not replace it
};

}  // namespace tfs::studio
