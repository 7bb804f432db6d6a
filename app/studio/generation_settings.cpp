#include "app/studio/generation_settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>

namespace tfs::studio {

GenerationSettings::GenerationSettings(const QString& key, bool withNegativePrompt, QWidget* parent)
    : QWidget(parent), key_(key) {
  auto* form = new QFormLayout(this);
  form->setContentsMargins(0, 0, 0, 0);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

  sampler_ = new QComboBox(this);
  sampler_->setObjectName(QStringLiteral("sampler"));
  sampler_->addItem(tr("DPM-Solver++ 2M"), QStringLiteral("dpmpp-2m"));
  sampler_->addItem(tr("DDIM"), QStringLiteral("ddim"));
  sampler_->addItem(tr("DDPM"), QStringLiteral("ddpm"));
  sampler_->setToolTip(
      tr("How the noise is removed step by step. DPM-Solver++ needs the fewest "
         "steps; DDPM is the slow, stochastic original."));
  form->addRow(tr("&Sampler:"), sampler_);

  steps_ = new QSpinBox(this);
  steps_->setObjectName(QStringLiteral("steps"));
  // Up to the diffusion schedule's 1000 steps (every preset's T; the paper samples with 250).
  steps_->setRange(1, 1000);
  steps_->setValue(static_cast<int>(defaults_.steps));
  steps_->setToolTip(
      tr("Denoising steps, 1–1000 (the schedule's length): more is slower and usually cleaner."));
  form->addRow(tr("S&teps:"), steps_);

  cfg_ = new QDoubleSpinBox(this);
  cfg_->setObjectName(QStringLiteral("cfg"));
  cfg_->setRange(0.0, 30.0);
  cfg_->setSingleStep(0.5);
  cfg_->setDecimals(1);
  cfg_->setValue(defaults_.cfgScale);
  cfg_->setToolTip(
      tr("Classifier-free guidance: how strongly the image follows the prompt "
         "(1 = no guidance, one model pass per step instead of two)."));
  form->addRow(tr("&CFG scale:"), cfg_);

  auto* seedRow = new QHBoxLayout;
  seed_ = new QSpinBox(this);
  seed_->setObjectName(QStringLiteral("seed"));
  seed_->setRange(0, std::numeric_limits<int>::max());
  seed_->setToolTip(tr("Same seed and settings, same pixels."));
  dice_ = new QToolButton(this);
  dice_->setText(tr("New"));
  dice_->setToolTip(tr("Pick a random seed"));
  connect(dice_, &QToolButton::clicked, this, &GenerationSettings::randomizeSeed);
  advance_ = new QCheckBox(tr("+1 each run"), this);
  advance_->setObjectName(QStringLiteral("advanceSeed"));
  advance_->setChecked(true);
  advance_->setToolTip(
      tr("After each run the seed moves on by one, so the next run draws a new image; untick to "
         "keep the seed (the same pixels again)."));
  seedRow->addWidget(seed_, 1);
  seedRow->addWidget(dice_);
  seedRow->addWidget(advance_);
  auto* seedLabel = new QLabel(tr("See&d:"), this);
  seedLabel->setBuddy(seed_);
  form->addRow(seedLabel, seedRow);

  if (withNegativePrompt) {
    negative_ = new QLineEdit(this);
    negative_->setObjectName(QStringLiteral("negative"));
    negative_->setPlaceholderText(tr("(none: the prompt dropped)"));
    negative_->setToolTip(
        tr("What guidance steers away from; empty uses the model's "
           "unconditional prediction."));
    form->addRow(tr("&Negative:"), negative_);
    connect(negative_, &QLineEdit::textChanged, this, &GenerationSettings::changed);
  }
  connect(sampler_, &QComboBox::currentIndexChanged, this, &GenerationSettings::changed);
  connect(steps_, &QSpinBox::valueChanged, this, &GenerationSettings::changed);
  connect(cfg_, &QDoubleSpinBox::valueChanged, this, &GenerationSettings::changed);
  connect(seed_, &QSpinBox::valueChanged, this, &GenerationSettings::changed);
  restoreSettings();
}

void GenerationSettings::applyTo(GenerateOptions& options) const {
  options.image.sampler = sampler_->currentData().toString().toStdString();
  options.image.steps = steps_->value();
  options.image.cfgScale = cfg_->value();
  if (negative_) options.image.negativePrompt = negative_->text().toStdString();
  if (strength_) options.image.editStrength = strength_->value();
  options.seed = seed();
}

void GenerationSettings::addEditStrength() {
  if (strength_) return;
  strength_ = new QDoubleSpinBox(this);
  strength_->setObjectName(QStringLiteral("editStrength"));
  strength_->setRange(0.05, 1.0);
  strength_->setSingleStep(0.05);
  strength_->setDecimals(2);
  strength_->setValue(1.0);
  strength_->setToolTip(
      tr("How much of the denoising is run, starting from the input image noised part-way "
         "(1 = from pure noise). Lower keeps more of the input; too low cannot make the change."));
  static_cast<QFormLayout*>(layout())->addRow(tr("Str&ength:"), strength_);
  connect(strength_, &QDoubleSpinBox::valueChanged, this, &GenerationSettings::changed);
  QSettings s;
  s.beginGroup(key_);
  strength_->setValue(s.value(QStringLiteral("strength"), 1.0).toDouble());
}

double GenerationSettings::editStrength() const {
  return strength_ ? strength_->value() : 1.0;
}

void GenerationSettings::setEditStrength(double strength) {
  if (strength_) strength_->setValue(strength);
}

void GenerationSettings::setFromParams(const ImageParams& p) {
  setSampler(QString::fromStdString(p.sampler));
  setSteps(static_cast<int>(p.steps));
  setCfgScale(p.cfgScale);
  setSeed(p.seed);
  if (negative_) negative_->setText(QString::fromStdString(p.negativePrompt));
}

void GenerationSettings::setMaxSteps(int trainSteps) {
  steps_->setMaximum(std::max(1, trainSteps - 1));
}
quint64 GenerationSettings::seed() const {
  return static_cast<quint64>(seed_->value());
}
void GenerationSettings::setSeed(quint64 seed) {
  seed_->setValue(static_cast<int>(std::min<quint64>(seed, quint64(seed_->maximum()))));
}
void GenerationSettings::setSampler(const QString& name) {
  const int i = sampler_->findData(name);
  if (i >= 0) sampler_->setCurrentIndex(i);
}
void GenerationSettings::setSteps(int steps) {
  steps_->setValue(steps);
}
void GenerationSettings::setCfgScale(double scale) {
  cfg_->setValue(scale);
}

void GenerationSettings::setDefaults(const ImageOptions& defaults) {
  defaults_ = defaults;
  restoreSettings();  // saved settings still win over the new defaults
}

void GenerationSettings::randomizeSeed() {
  seed_->setValue(static_cast<int>(QRandomGenerator::global()->bounded(seed_->maximum())));
}

QString GenerationSettings::summary() const {
  return tr("%1 · %2 steps · CFG %3 · seed %4")
      .arg(sampler_->currentData().toString())
      .arg(steps_->value())
      .arg(cfg_->value())
      .arg(seed_->value());
}

bool GenerationSettings::advancesSeed() const {
  return advance_->isChecked();
}

void GenerationSettings::setAdvancesSeed(bool on) {
  advance_->setChecked(on);
}

void GenerationSettings::hideSeedAdvance() {
  advance_->setChecked(false);
  advance_->setEnabled(false);  // restoreSettings leaves it off
  advance_->hide();
}

void GenerationSettings::advanceSeedIfAsked() {
  if (!advance_->isChecked()) return;
  seed_->setValue(seed_->value() >= seed_->maximum() ? 0 : seed_->value() + 1);
}

void GenerationSettings::saveSettings() const {
  QSettings s;
  s.beginGroup(key_);
  s.setValue(QStringLiteral("sampler"), sampler_->currentData());
  s.setValue(QStringLiteral("steps"), steps_->value());
  s.setValue(QStringLiteral("cfg"), cfg_->value());
  s.setValue(QStringLiteral("seed"), seed_->value());
  s.setValue(QStringLiteral("advanceSeed"), advance_->isChecked());
  if (negative_) s.setValue(QStringLiteral("negative"), negative_->text());
  if (strength_) s.setValue(QStringLiteral("strength"), strength_->value());
}

void GenerationSettings::restoreSettings() {
  QSettings s;
  s.beginGroup(key_);
  setSampler(
      s.value(QStringLiteral("sampler"), QString::fromStdString(defaults_.sampler)).toString());
  steps_->setValue(s.value(QStringLiteral("steps"), static_cast<int>(defaults_.steps)).toInt());
  cfg_->setValue(s.value(QStringLiteral("cfg"), defaults_.cfgScale).toDouble());
  seed_->setValue(s.value(QStringLiteral("seed"), 0).toInt());
  if (advance_->isEnabled())
    advance_->setChecked(s.value(QStringLiteral("advanceSeed"), true).toBool());
  if (negative_) negative_->setText(s.value(QStringLiteral("negative")).toString());
  if (strength_) strength_->setValue(s.value(QStringLiteral("strength"), 1.0).toDouble());
}

}  // namespace tfs::studio
