#include "app/studio/attention_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include "app/studio/background.h"
#include "core/base/error.h"

namespace tfs::studio {

AttentionPage::AttentionPage(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("attentionPage"));
  QSettings settings;

  modeCombo_ = new QComboBox(this);
  modeCombo_->setObjectName(QStringLiteral("attentionMode"));
  modeCombo_->addItem(tr("Layout"), int(AttentionQuery::Mode::Layout));
  modeCombo_->addItem(tr("Prompt"), int(AttentionQuery::Mode::Prompt));
  modeCombo_->setToolTip(
      tr("Layout: text:N, image:P, | between documents. Prompt: text with "
         "<image> where an image goes."));
  textEdit_ = new QLineEdit(this);
  textEdit_->setObjectName(QStringLiteral("attentionText"));
  textEdit_->setClearButtonEnabled(true);
  causalCheck_ = new QCheckBox(tr("Causal only"), this);
  causalCheck_->setObjectName(QStringLiteral("causalCheck"));
  causalCheck_->setToolTip(
      tr("Plain causal attention: what the paper's ablation removes is the "
         "bidirectional attention inside each image (Ctrl+Shift+C)"));
  causalCheck_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
  patchesSpin_ = new QSpinBox(this);
  patchesSpin_->setObjectName(QStringLiteral("patchesSpin"));
  patchesSpin_->setRange(1, 1024);
  patchesSpin_->setValue(16);
  patchesSpin_->setPrefix(tr("<image> = "));
  patchesSpin_->setSuffix(tr(" patches"));
  patchesSpin_->setToolTip(tr("Patches per <image> in a prompt when no model is loaded"));

  auto* row1 = new QHBoxLayout;
  row1->addWidget(modeCombo_);
  row1->addWidget(textEdit_, 1);
  row1->addWidget(patchesSpin_);
  row1->addWidget(causalCheck_);

  loadButton_ = new QPushButton(tr("Load model…"), this);
  loadButton_->setObjectName(QStringLiteral("loadModelButton"));
  loadButton_->setToolTip(
      tr("Open a run folder to show its real attention weights (Ctrl+Shift+L)"));
  loadButton_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
  studioButton_ = new QPushButton(tr("Studio model"), this);
  studioButton_->setObjectName(QStringLiteral("studioModelButton"));
  studioButton_->setToolTip(
      tr("Show the model the studio has loaded (File ▸ Open Model…) instead of this page's own"));
  studioButton_->setEnabled(false);
  modelLabel_ = new QLabel(tr("No model: the mask only"), this);
  modelLabel_->setObjectName(QStringLiteral("modelLabel"));
  modelLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  modelLabel_->setMinimumWidth(60);
  showCombo_ = new QComboBox(this);
  showCombo_->setObjectName(QStringLiteral("showCombo"));
  showCombo_->addItem(tr("Mask"));
  showCombo_->addItem(tr("Attention weights"));
  showCombo_->setToolTip(tr("The mask (who may attend whom) or the model's probabilities"));
  layerCombo_ = new QComboBox(this);
  layerCombo_->setObjectName(QStringLiteral("layerCombo"));
  layerCombo_->setToolTip(tr("Transformer layer, or the mean over all layers"));
  headCombo_ = new QComboBox(this);
  headCombo_->setObjectName(QStringLiteral("headCombo"));
  headCombo_->setToolTip(tr("Attention head, or the mean over the heads"));
  timestepSpin_ = new QSpinBox(this);
  timestepSpin_->setObjectName(QStringLiteral("timestepSpin"));
  timestepSpin_->setRange(-1, 100000);
  timestepSpin_->setSpecialValueText(tr("t = pure noise"));
  timestepSpin_->setPrefix(tr("t = "));
  timestepSpin_->setValue(-1);
  timestepSpin_->setToolTip(tr("Noise step of the images the model sees"));

  auto* row2 = new QHBoxLayout;
  row2->addWidget(loadButton_);
  row2->addWidget(studioButton_);
  row2->addWidget(modelLabel_, 1);
  row2->addWidget(showCombo_);
  row2->addWidget(layerCombo_);
  row2->addWidget(headCombo_);
  row2->addWidget(timestepSpin_);

  view_ = new widgets::MaskView(this);
  infoLabel_ = new QLabel(this);
  infoLabel_->setObjectName(QStringLiteral("attentionInfo"));
  hoverLabel_ = new QLabel(this);
  hoverLabel_->setObjectName(QStringLiteral("hoverLabel"));
  hoverLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  errorLabel_ = new QLabel(this);
  errorLabel_->setObjectName(QStringLiteral("attentionError"));
  errorLabel_->setWordWrap(true);
  errorLabel_->setStyleSheet(QStringLiteral("color: #c0392b;"));
  errorLabel_->hide();

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(row1);
  layout->addLayout(row2);
  layout->addWidget(errorLabel_);
  layout->addWidget(view_, 1);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(infoLabel_);
  bottom->addStretch(1);
  bottom->addWidget(hoverLabel_);
  layout->addLayout(bottom);

  debounce_ = new QTimer(this);
  debounce_->setSingleShot(true);
  debounce_->setInterval(250);  // typing a layout should not queue a job per key
  connect(debounce_, &QTimer::timeout, this, &AttentionPage::runNext);

  const int mode = settings.value(QStringLiteral("attention/mode"), 0).toInt();
  modeCombo_->setCurrentIndex(mode);
  textEdit_->setText(settings
                         .value(mode == 0 ? QStringLiteral("attention/layout")
                                          : QStringLiteral("attention/prompt"),
                                mode == 0 ? QStringLiteral("text:6,image:16,text:4|text:5")
                                          : QStringLiteral("a red circle <image> nice"))
                         .toString());
  fillSelectors();

  connect(modeCombo_, &QComboBox::currentIndexChanged, this, [this](int index) {
    QSettings s;
    textEdit_->setText(s.value(index == 0 ? QStringLiteral("attention/layout")
                                          : QStringLiteral("attention/prompt"),
                               index == 0 ? QStringLiteral("text:6,image:16,text:4|text:5")
                                          : QStringLiteral("a red circle <image> nice"))
                           .toString());
    requestUpdate();
  });
  connect(textEdit_, &QLineEdit::textChanged, this, &AttentionPage::requestUpdate);
  connect(causalCheck_, &QCheckBox::toggled, this, &AttentionPage::requestUpdate);
  connect(patchesSpin_, &QSpinBox::valueChanged, this, &AttentionPage::requestUpdate);
  connect(showCombo_, &QComboBox::currentIndexChanged, this, &AttentionPage::requestUpdate);
  connect(layerCombo_, &QComboBox::currentIndexChanged, this, &AttentionPage::requestUpdate);
  connect(headCombo_, &QComboBox::currentIndexChanged, this, &AttentionPage::requestUpdate);
  connect(timestepSpin_, &QSpinBox::valueChanged, this, &AttentionPage::requestUpdate);
  connect(loadButton_, &QPushButton::clicked, this, &AttentionPage::chooseModel);
  connect(studioButton_, &QPushButton::clicked, this, [this] { load(studioRun_, false); });
  connect(view_, &widgets::MaskView::cellHovered, this, [this](int q, int k) {
    hoverLabel_->setText(q >= 0 && k >= 0 ? view_->cellToolTip(q, k) : QString());
  });
  requestUpdate();
}

AttentionPage::~AttentionPage() {
  QSettings s;
  s.setValue(QStringLiteral("attention/mode"), modeCombo_->currentIndex());
  s.setValue(modeCombo_->currentIndex() == 0 ? QStringLiteral("attention/layout")
                                             : QStringLiteral("attention/prompt"),
             textEdit_->text());
  // A running job holds the model; let it finish before the page's signals go away.
  for (QThread* t : findChildren<QThread*>()) t->wait();
}

void AttentionPage::setQuery(AttentionQuery::Mode mode, const QString& text) {
  const QSignalBlocker block(modeCombo_);
  modeCombo_->setCurrentIndex(mode == AttentionQuery::Mode::Layout ? 0 : 1);
  textEdit_->setText(text);
  requestUpdate();
}

void AttentionPage::setCausalOnly(bool on) {
  causalCheck_->setChecked(on);
}

void AttentionPage::setSelection(bool showWeights, int layer, int head) {
  const QSignalBlocker b1(showCombo_), b2(layerCombo_), b3(headCombo_);
  showCombo_->setCurrentIndex(showWeights ? 1 : 0);
  layerCombo_->setCurrentIndex(std::max(0, layerCombo_->findData(layer)));
  headCombo_->setCurrentIndex(std::max(0, headCombo_->findData(head)));
  fillSelectors();
  requestUpdate();
}

AttentionQuery AttentionPage::query() const {
  AttentionQuery q;
  q.mode = static_cast<AttentionQuery::Mode>(modeCombo_->currentData().toInt());
  q.text = textEdit_->text();
  q.causalOnly = causalCheck_->isChecked();
  q.patchesPerImage = patchesSpin_->value();
  q.timestep = timestepSpin_->value();
  return q;
}

void AttentionPage::fillSelectors() {
  const bool weights = model_ && showCombo_->currentIndex() == 1;
  showCombo_->setEnabled(model_ != nullptr);
  if (!model_) showCombo_->setCurrentIndex(0);
  layerCombo_->setEnabled(weights);
  headCombo_->setEnabled(weights);
  timestepSpin_->setEnabled(weights);
  patchesSpin_->setEnabled(!model_ && modeCombo_->currentIndex() == 1);
  const int layers = model_ ? model_->layers() : 0, heads = model_ ? model_->heads() : 0;
  if (layerCombo_->count() != layers + 1) {
    const QSignalBlocker block(layerCombo_);
    layerCombo_->clear();
    layerCombo_->addItem(tr("mean of layers"), -1);
    for (int i = 0; i < layers; ++i) layerCombo_->addItem(tr("layer %1").arg(i + 1), i);
  }
  if (headCombo_->count() != heads + 1) {
    const QSignalBlocker block(headCombo_);
    headCombo_->clear();
    headCombo_->addItem(tr("mean of heads"), -1);
    for (int i = 0; i < heads; ++i) headCombo_->addItem(tr("head %1").arg(i + 1), i);
  }
  if (model_) timestepSpin_->setMaximum(model_->diffusionSteps() - 1);
}

void AttentionPage::requestUpdate() {
  fillSelectors();
  textEdit_->setPlaceholderText(modeCombo_->currentIndex() == 0
                                    ? tr("text:5,image:16,text:3 | text:4")
                                    : tr("a red circle <image> a blue square <image>"));
  debounce_->start();
}

void AttentionPage::runNext() {
  if (busy_) {
    pending_ = true;
    return;
  }
  busy_ = true;
  pending_ = false;
  const AttentionQuery q = query();
  const bool weights = model_ && showCombo_->currentIndex() == 1;
  const int layer = layerCombo_->currentData().toInt();
  const int head = headCombo_->currentData().toInt();
  struct Result {
    AttentionLayout layout;
    std::vector<float> weights;
  };
  auto model = model_;
  QThread* thread = runInBackground(
      this,
      [q, weights, layer, head, model] {
        Result r;
        r.layout = buildAttentionLayout(q, model.get());
        if (weights) r.weights = model->weights(q, layer, head);
        return r;
      },
      [this, weights, layer, head](BackgroundResult<Result> result) {
        busy_ = false;
        if (!pending_) {
          if (result.error.isEmpty()) {
            errorLabel_->hide();
            layout_ = result.value.layout;
            if (weights)
              view_->setWeights(layout_.n, result.value.weights);
            else
              view_->setMask(layout_.n, layout_.mask);
            view_->setSegments(layout_.segments);
            view_->setTokenLabels(layout_.tokenLabels);
            QString what =
                weights
                    ? tr("attention of %1, %2")
                          .arg(layer < 0 ? tr("mean of layers") : tr("layer %1").arg(layer + 1),
                               head < 0 ? tr("mean of heads") : tr("head %1").arg(head + 1))
                    : (causalCheck_->isChecked() ? tr("causal-only mask") : tr("Transfusion mask"));
            infoLabel_->setText(tr("%1 positions · %2 document(s) · %3 image(s) · %4")
                                    .arg(layout_.n)
                                    .arg(layout_.documents)
                                    .arg(layout_.images)
                                    .arg(what));
          } else {
            showError(result.error);
          }
          Q_EMIT updated();
        }
        if (pending_) runNext();
      });
  thread->setParent(this);
}

void AttentionPage::chooseModel() {
  const QString dir = QFileDialog::getExistingDirectory(
      this, tr("Open a trained run"),
      QSettings().value(QStringLiteral("attention/lastRun"), QDir::currentPath()).toString());
  if (!dir.isEmpty()) loadModel(dir);
}

void AttentionPage::followStudioModel(const QString& runDir) {
  studioRun_ = runDir;
  if (!chosenHere_ && runDir != modelRunDir())
    load(runDir, false);
  else
    studioButton_->setEnabled(!studioRun_.isEmpty() && studioRun_ != modelRunDir());
}

QString AttentionPage::modelRunDir() const {
  return model_ ? model_->runDir() : QString();
}

void AttentionPage::loadModel(const QString& runDir) {
  load(runDir, true);
}

void AttentionPage::fitLayoutToModel() {
  if (!model_) return;
  const int P = model_->patchesPerImage();
  patchesSpin_->setValue(P);
  if (modeCombo_->currentIndex() != 0) return;
  // A layout's images must have the model's patch count: image:16 becomes image:49.
  static const QRegularExpression image(QStringLiteral("image\\s*:\\s*(\\d+)"));
  QString text = textEdit_->text();
  bool changed = false;
  for (auto it = image.globalMatch(text); it.hasNext();)
    if (it.next().captured(1).toInt() != P) changed = true;
  if (!changed) return;
  textEdit_->setText(text.replace(image, QStringLiteral("image:%1").arg(P)));
  Q_EMIT statusMessage(
      tr("The layout's images now have %1 patches, as %2's images do").arg(P).arg(model_->name()),
      5000);
}

void AttentionPage::load(const QString& runDir, bool chosenHere) {
  if (runDir.isEmpty()) return;
  if (chosenHere) QSettings().setValue(QStringLiteral("attention/lastRun"), runDir);
  modelLabel_->setText(tr("Loading %1…").arg(QDir::toNativeSeparators(runDir)));
  loadButton_->setEnabled(false);
  QThread* thread = runInBackground(
      this, [runDir] { return AttentionModel::load(runDir); },
      [this, runDir, chosenHere](BackgroundResult<std::shared_ptr<AttentionModel>> result) {
        loadButton_->setEnabled(true);
        if (!result.value) {
          studioButton_->setEnabled(!studioRun_.isEmpty() && studioRun_ != modelRunDir());
          modelLabel_->setText(model_ ? tr("Model: %1").arg(model_->name())
                                      : tr("No model: the mask only"));
          showError(result.error);
          return;
        }
        model_ = result.value;
        chosenHere_ = chosenHere;
        studioButton_->setEnabled(!studioRun_.isEmpty() && studioRun_ != runDir);
        modelLabel_->setText(tr("Model: %1%5 (%2 layers × %3 heads, %4 patches per image)")
                                 .arg(model_->name())
                                 .arg(model_->layers())
                                 .arg(model_->heads())
                                 .arg(model_->patchesPerImage())
                                 .arg(chosenHere ? QString() : tr(", the studio's")));
        modelLabel_->setToolTip(QDir::toNativeSeparators(runDir));
        fitLayoutToModel();
        showCombo_->setCurrentIndex(1);
        requestUpdate();
        Q_EMIT modelLoaded(model_->name());
      });
  thread->setParent(this);
}

void AttentionPage::showError(const QString& text) {
  errorLabel_->setText(text);
  errorLabel_->show();
  Q_EMIT statusMessage(text, 6000);
}

QString AttentionPage::errorText() const {
  return errorLabel_->isHidden() ? QString() : errorLabel_->text();
}

QString AttentionPage::infoText() const {
  return infoLabel_->text();
}

}  // namespace tfs::studio
