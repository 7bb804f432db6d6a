#include "app/studio/train_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include "app/studio/train_gallery.h"

namespace tfs::studio {

TrainForm::TrainForm(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("trainForm"));
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);

  auto* model = new QGroupBox(tr("Model"), this);
  auto* modelForm = new QFormLayout(model);
  presetCombo_ = new QComboBox(model);
  presetCombo_->setObjectName(QStringLiteral("presetCombo"));
  presetCombo_->addItems(TrainController::presetNames());
  presetCombo_->setToolTip(tr("Model preset for a new run (its size and training defaults)"));
  connect(presetCombo_, &QComboBox::currentTextChanged, this, [this] {
    suggestRunDir();
    if (previewShown_) Q_EMIT previewRequested();
  });
  modelForm->addRow(tr("Preset:"), presetCombo_);
  auto* configRow = new QHBoxLayout;
  configEdit_ = new QLineEdit(model);
  configEdit_->setObjectName(QStringLiteral("configEdit"));
  configEdit_->setPlaceholderText(tr("optional JSON config"));
  configEdit_->setToolTip(tr(
      "A train config JSON, or a run config with \"model\" and \"train\"; overrides the preset"));
  auto* configBrowse = new QPushButton(tr("…"), model);
  configBrowse->setToolTip(tr("Choose a config file"));
  configBrowse->setMaximumWidth(32);
  connect(configBrowse, &QPushButton::clicked, this, &TrainForm::browseConfig);
  configRow->addWidget(configEdit_);
  configRow->addWidget(configBrowse);
  modelForm->addRow(tr("Config:"), configRow);
  column->addWidget(model);

  auto* data = new QGroupBox(tr("Data"), this);
  auto* dataLayout = new QVBoxLayout(data);
  dataList_ = new QListWidget(data);
  dataList_->setObjectName(QStringLiteral("dataList"));
  dataList_->setToolTip(tr("Data sources of the run; double-click to edit a spec"));
  dataList_->setMaximumHeight(96);
  dataLayout->addWidget(dataList_);
  auto* addRow = new QHBoxLayout;
  specEdit_ = new QComboBox(data);
  specEdit_->setObjectName(QStringLiteral("specEdit"));
  specEdit_->setEditable(true);
  specEdit_->addItems(
      {QStringLiteral("fmnist:train"), QStringLiteral("fmnist:test"), QStringLiteral("shapes"),
       QStringLiteral("folder:"), QStringLiteral("imagefolder:"), QStringLiteral("wds:"),
       QStringLiteral("text:"), QStringLiteral("fortunes"), QStringLiteral("wordnet")});
  specEdit_->setCurrentText(QString());
  specEdit_->lineEdit()->setPlaceholderText(tr("spec, e.g. fmnist:train"));
  specEdit_->setToolTip(
      tr("fmnist:train | fmnist:test | shapes[:SEED] | folder:PATH | imagefolder:PATH | "
         "wds:PATTERN | text:PATH | fortunes | wordnet"));
  connect(specEdit_->lineEdit(), &QLineEdit::returnPressed, this,
          [this] { addSpec(specEdit_->currentText()); });
  auto* add = new QPushButton(tr("Add"), data);
  add->setObjectName(QStringLiteral("addSpecButton"));
  add->setToolTip(tr("Add this data source"));
  connect(add, &QPushButton::clicked, this, [this] { addSpec(specEdit_->currentText()); });
  auto* remove = new QPushButton(tr("Remove"), data);
  remove->setToolTip(tr("Remove the selected data source"));
  connect(remove, &QPushButton::clicked, this, [this] { delete dataList_->currentItem(); });
  addRow->addWidget(specEdit_, 1);
  addRow->addWidget(add);
  addRow->addWidget(remove);
  dataLayout->addLayout(addRow);
  auto* preview = new QPushButton(tr("Preview"), data);
  preview->setObjectName(QStringLiteral("previewButton"));
  preview->setToolTip(tr("Show the first records of each source as the model will see them"));
  connect(preview, &QPushButton::clicked, this, &TrainForm::previewRequested);
  dataLayout->addWidget(preview);
  previewList_ = new QListWidget(data);
  previewList_->setObjectName(QStringLiteral("previewList"));
  previewList_->setViewMode(QListView::IconMode);
  previewList_->setIconSize(QSize(72, 72));
  previewList_->setGridSize(QSize(104, 120));
  previewList_->setWordWrap(true);
  previewList_->setResizeMode(QListView::Adjust);
  previewList_->setMovement(QListView::Static);
  previewList_->setMinimumHeight(150);
  dataLayout->addWidget(previewList_, 1);
  column->addWidget(data, 1);

  auto* run = new QGroupBox(tr("Run"), this);
  auto* runForm = new QFormLayout(run);
  auto* runRow = new QHBoxLayout;
  runEdit_ = new QLineEdit(run);
  runEdit_->setObjectName(QStringLiteral("runEdit"));
  runEdit_->setToolTip(tr("The run folder: config.json, metrics.jsonl, checkpoints/, samples/"));
  connect(runEdit_, &QLineEdit::textEdited, this,
          [this] { runEdit_->setProperty("suggested", false); });
  auto* runBrowse = new QPushButton(tr("…"), run);
  runBrowse->setToolTip(tr("Choose the run folder"));
  runBrowse->setMaximumWidth(32);
  connect(runBrowse, &QPushButton::clicked, this, &TrainForm::browseRunDir);
  runRow->addWidget(runEdit_);
  runRow->addWidget(runBrowse);
  runForm->addRow(tr("Folder:"), runRow);
  stepsSpin_ = new QSpinBox(run);
  stepsSpin_->setObjectName(QStringLiteral("stepsSpin"));
  stepsSpin_->setRange(0, 10000000);
  stepsSpin_->setSpecialValueText(tr("preset"));
  stepsSpin_->setToolTip(tr("Optimiser steps; \"preset\" keeps the preset's count"));
  runForm->addRow(tr("Steps:"), stepsSpin_);
  vaeStepsSpin_ = new QSpinBox(run);
  vaeStepsSpin_->setObjectName(QStringLiteral("vaeStepsSpin"));
  vaeStepsSpin_->setRange(0, 10000000);
  vaeStepsSpin_->setSpecialValueText(tr("default (2000)"));
  vaeStepsSpin_->setToolTip(
      tr("A latent-space model (e.g. shapes-small) whose run has no VAE trains one first, for "
         "this many steps"));
  runForm->addRow(tr("VAE steps:"), vaeStepsSpin_);
  sampleEverySpin_ = new QSpinBox(run);
  sampleEverySpin_->setObjectName(QStringLiteral("sampleEverySpin"));
  sampleEverySpin_->setRange(-1, 1000000);
  sampleEverySpin_->setSpecialValueText(tr("preset"));
  sampleEverySpin_->setToolTip(tr("Write sample images every N steps (0 = none)"));
  runForm->addRow(tr("Samples every:"), sampleEverySpin_);
  processesSpin_ = new QSpinBox(run);
  processesSpin_->setObjectName(QStringLiteral("processesSpin"));
  processesSpin_->setRange(1, 64);
  processesSpin_->setToolTip(
      tr("Ranks of a data-parallel job, each a process of its own with one thread (transfusion "
         "launch); each trains the preset's rows, so the batch grows with them. 1 = train "
         "inside the studio"));
  runForm->addRow(tr("Processes:"), processesSpin_);
  resumeCheck_ = new QCheckBox(tr("Resume from the newest checkpoint"), run);
  resumeCheck_->setObjectName(QStringLiteral("resumeCheck"));
  resumeCheck_->setToolTip(tr("Continue the run in this folder with its saved config"));
  runForm->addRow(resumeCheck_);
  column->addWidget(run);
}

void TrainForm::setPreset(const QString& name) {
  const int i = presetCombo_->findText(name);
  if (i >= 0) presetCombo_->setCurrentIndex(i);
}

QString TrainForm::preset() const {
  return presetCombo_->currentText();
}

void TrainForm::setDataSpecs(const QStringList& specs) {
  dataList_->clear();
  for (const QString& s : specs) addSpec(s);
}

QStringList TrainForm::dataSpecs() const {
  QStringList specs;
  for (int i = 0; i < dataList_->count(); ++i) specs << dataList_->item(i)->text().trimmed();
  specs.removeAll(QString());
  return specs;
}

void TrainForm::setRunDir(const QString& dir) {
  runEdit_->setText(dir);
}

void TrainForm::setSteps(qint64 steps) {
  stepsSpin_->setValue(static_cast<int>(steps));
}

void TrainForm::setVaeSteps(qint64 steps) {
  vaeStepsSpin_->setValue(static_cast<int>(steps));
}

void TrainForm::setSampleEvery(qint64 steps) {
  sampleEverySpin_->setValue(static_cast<int>(steps));
}

void TrainForm::addSpec(const QString& spec) {
  const QString s = spec.trimmed();
  if (s.isEmpty() || s.endsWith(QLatin1Char(':'))) {
    Q_EMIT error(tr("Complete the data spec first, e.g. folder:/path/to/images"));
    return;
  }
  for (int i = 0; i < dataList_->count(); ++i)
    if (dataList_->item(i)->text() == s) return;
  auto* item = new QListWidgetItem(s, dataList_);
  item->setFlags(item->flags() | Qt::ItemIsEditable);
  specEdit_->setCurrentText(QString());
}

TrainRequest TrainForm::request() const {
  TrainRequest r;
  r.runDir = runEdit_->text().trimmed();
  r.preset = presetCombo_->currentText();
  r.configFile = configEdit_->text().trimmed();
  r.data = dataSpecs();
  r.steps = stepsSpin_->value();
  r.vaeSteps = vaeStepsSpin_->value();
  r.sampleEvery = sampleEverySpin_->value();
  r.resume = resumeCheck_->isChecked();
  r.processes = processesSpin_->value();
  return r;
}

void TrainForm::setLocked(bool locked) {
  locked_ = locked;
  for (QWidget* w : std::initializer_list<QWidget*>{presetCombo_, configEdit_, runEdit_, stepsSpin_,
                                                    vaeStepsSpin_, sampleEverySpin_, processesSpin_,
                                                    resumeCheck_})
    w->setEnabled(!locked);
}

void TrainForm::showPreviewPending() {
  previewList_->clear();
  auto* placeholder = new QListWidgetItem(tr("Reading…"), previewList_);
  placeholder->setFlags(Qt::NoItemFlags);
}

void TrainForm::showPreview(const QVector<DataPreviewItem>& items) {
  previewShown_ = true;
  previewList_->clear();
  for (const DataPreviewItem& it : items) {
    const QString caption = it.caption.isEmpty() ? tr("(no caption)") : it.caption;
    auto* item = it.image.isNull()
                     ? new QListWidgetItem(caption, previewList_)
                     : new QListWidgetItem(pixelIcon(it.image, 72), caption, previewList_);
    item->setToolTip(QStringLiteral("%1\n%2").arg(it.id, it.caption));
  }
}

void TrainForm::browseConfig() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Train config"), configEdit_->text(),
                                                    tr("JSON (*.json);;All files (*)"));
  if (!path.isEmpty()) configEdit_->setText(path);
}

void TrainForm::browseRunDir() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Run folder"),
                                                        QFileInfo(runEdit_->text()).absolutePath());
  if (!dir.isEmpty()) runEdit_->setText(dir);
}

void TrainForm::suggestRunDir() {
  if (locked_) return;
  const QString current = runEdit_->text();
  // Only replace a name this page made up, never one the user typed.
  if (!current.isEmpty() && !runEdit_->property("suggested").toBool()) return;
  const QString base = QSettings()
                           .value(QStringLiteral("train/runsFolder"),
                                  QDir::current().filePath(QStringLiteral("runs")))
                           .toString();
  runEdit_->setText(QDir(base).filePath(QStringLiteral("%1-%2").arg(
      presetCombo_->currentText(),
      QDateTime::currentDateTime().toString(QStringLiteral("MMdd-HHmm")))));
  runEdit_->setProperty("suggested", true);
}

void TrainForm::saveSettings() const {
  QSettings s;
  s.setValue(QStringLiteral("train/preset"), presetCombo_->currentText());
  s.setValue(QStringLiteral("train/config"), configEdit_->text());
  s.setValue(QStringLiteral("train/data"), dataSpecs());
  s.setValue(QStringLiteral("train/steps"), stepsSpin_->value());
  s.setValue(QStringLiteral("train/vaeSteps"), vaeStepsSpin_->value());
  s.setValue(QStringLiteral("train/sampleEvery"), sampleEverySpin_->value());
  if (!runEdit_->text().isEmpty())
    s.setValue(QStringLiteral("train/runsFolder"), QFileInfo(runEdit_->text()).absolutePath());
}

void TrainForm::restoreSettings() {
  QSettings s;
  const QString preset = s.value(QStringLiteral("train/preset")).toString();
  if (!preset.isEmpty())
    setPreset(preset);
  else
    setPreset(QStringLiteral("fmnist-demo"));
  configEdit_->setText(s.value(QStringLiteral("train/config")).toString());
  setDataSpecs(s.value(QStringLiteral("train/data"), QStringList{QStringLiteral("fmnist:train")})
                   .toStringList());
  stepsSpin_->setValue(s.value(QStringLiteral("train/steps"), 0).toInt());
  vaeStepsSpin_->setValue(s.value(QStringLiteral("train/vaeSteps"), 0).toInt());
  sampleEverySpin_->setValue(s.value(QStringLiteral("train/sampleEvery"), -1).toInt());
  suggestRunDir();
}

}  // namespace tfs::studio
