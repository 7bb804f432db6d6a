#include "app/studio/denoise_page.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "app/studio/denoise_schedule_plot.h"
#include "app/studio/generation_image.h"
#include "app/studio/generation_queue.h"
#include "app/studio/generation_settings.h"
#include "app/studio/model_session.h"
#include "widgets/filmstrip.h"
#include "widgets/image_pane.h"

namespace tfs::studio {

namespace {

QString fileStem(const QString& prompt) {
  QString s;
  for (const QChar c : prompt.toLower()) {
    if (c.isLetterOrNumber())
      s += c;
    else if (!s.isEmpty() && !s.endsWith(QLatin1Char('-')))
      s += QLatin1Char('-');
    if (s.size() >= 40) break;
  }
  while (s.endsWith(QLatin1Char('-'))) s.chop(1);
  return s.isEmpty() ? QStringLiteral("image") : s;
}

}  // namespace

DenoisePage::DenoisePage(ModelSession* session, QWidget* parent)
    : QWidget(parent), session_(session) {
  setObjectName(QStringLiteral("denoisePage"));
  auto* split = new QSplitter(Qt::Horizontal, this);
  auto* outer = new QHBoxLayout(this);
  outer->addWidget(split);

  auto* controls = new QWidget(split);
  controls->setMaximumWidth(360);
  auto* col = new QVBoxLayout(controls);
  auto* promptLabel = new QLabel(tr("&Prompt:"), controls);
  prompt_ = new QLineEdit(controls);
  prompt_->setObjectName(QStringLiteral("prompt"));
  prompt_->setPlaceholderText(tr("e.g. a photo of a sneaker"));
  prompt_->setToolTip(tr("What to draw. Enter generates."));
  prompt_->setClearButtonEnabled(true);
  promptLabel->setBuddy(prompt_);
  col->addWidget(promptLabel);
  col->addWidget(prompt_);

  auto* boxA = new QGroupBox(tr("Settings A"), controls);
  sides_[0].settings = new GenerationSettings(QStringLiteral("denoise/a"), true, boxA);
  (new QVBoxLayout(boxA))->addWidget(sides_[0].settings);
  col->addWidget(boxA);

  compare_ = new QCheckBox(tr("Compare with settings &B"), controls);
  compare_->setObjectName(QStringLiteral("compare"));
  compare_->setToolTip(
      tr("Generate the same prompt with a second setting and show both "
         "side by side."));
  col->addWidget(compare_);
  auto* boxB = new QGroupBox(tr("Settings B"), controls);
  sides_[1].settings = new GenerationSettings(QStringLiteral("denoise/b"), true, boxB);
  (new QVBoxLayout(boxB))->addWidget(sides_[1].settings);
  settingsB_ = boxB;
  col->addWidget(boxB);

  auto* buttons = new QHBoxLayout;
  generate_ = new QPushButton(tr("&Generate"), controls);
  generate_->setObjectName(QStringLiteral("generate"));
  generate_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
  generate_->setToolTip(tr("Queue the image (Ctrl+Enter); it runs in the Jobs queue."));
  generate_->setDefault(true);
  stop_ = new QPushButton(tr("Stop"), controls);
  stop_->setObjectName(QStringLiteral("stop"));
  stop_->setShortcut(QKeySequence(Qt::Key_Escape));
  stop_->setToolTip(tr("Stop this page's images now (Esc)"));
  buttons->addWidget(generate_);
  buttons->addWidget(stop_);
  col->addLayout(buttons);
  status_ = new QLabel(controls);
  status_->setObjectName(QStringLiteral("status"));
  status_->setWordWrap(true);
  col->addWidget(status_);
  col->addStretch(1);

  auto* panels = new QWidget(split);
  auto* row = new QHBoxLayout(panels);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(buildPanel(sides_[0], tr("A")));
  row->addWidget(buildPanel(sides_[1], tr("B")));
  split->setStretchFactor(1, 1);

  connect(prompt_, &QLineEdit::returnPressed, this, &DenoisePage::generate);
  connect(generate_, &QPushButton::clicked, this, &DenoisePage::generate);
  connect(stop_, &QPushButton::clicked, this, &DenoisePage::stop);
  connect(compare_, &QCheckBox::toggled, this, &DenoisePage::setCompare);
  for (int k = 0; k < 2; ++k)
    connect(sides_[k].save, &QPushButton::clicked, this, [this, k] { saveResult(k); });
  // One Space for both filmstrips (two would be ambiguous): A and B replay in step.
  for (auto& side : sides_)
    if (auto* play = side.filmstrip->findChild<QToolButton*>(QStringLiteral("playButton")))
      play->setShortcut({});
  auto* space = new QShortcut(QKeySequence(Qt::Key_Space), this, nullptr, nullptr,
                              Qt::WidgetWithChildrenShortcut);
  connect(space, &QShortcut::activated, this, [this] {
    const bool play = !sides_[0].filmstrip->isPlaying();
    sides_[0].filmstrip->setPlaying(play);
    if (compare()) sides_[1].filmstrip->setPlaying(play);
  });

  auto* q = session_->queue();
  connect(q, &GenerationQueue::jobStarted, this, &DenoisePage::onStarted);
  connect(q, &GenerationQueue::stepDone, this, &DenoisePage::onStep);
  connect(q, &GenerationQueue::imageDone, this, &DenoisePage::onImage);
  connect(q, &GenerationQueue::jobFinished, this, &DenoisePage::onFinished);
  connect(q, &GenerationQueue::jobFailed, this, &DenoisePage::onFailed);
  connect(session_, &ModelSession::modelChanged, this, [this] {
    for (auto& s : sides_) s.settings->setMaxSteps(session_->trainSteps());
  });

  QSettings s;
  prompt_->setText(s.value(QStringLiteral("denoise/prompt")).toString());
  setCompare(s.value(QStringLiteral("denoise/compare"), false).toBool());
  updateButtons();
}

DenoisePage::~DenoisePage() {
  QSettings s;
  s.setValue(QStringLiteral("denoise/prompt"), prompt_->text());
  s.setValue(QStringLiteral("denoise/compare"), compare());
  for (auto& side : sides_) side.settings->saveSettings();
}

QWidget* DenoisePage::buildPanel(Side& side, const QString& name) {
  side.panel = new QWidget(this);
  side.panel->setObjectName(QStringLiteral("panel") + name);
  auto* col = new QVBoxLayout(side.panel);
  col->setContentsMargins(0, 0, 0, 0);
  side.title = new QLabel(side.panel);
  side.title->setTextInteractionFlags(Qt::TextSelectableByMouse);
  col->addWidget(side.title);
  side.filmstrip = new widgets::Filmstrip(side.panel);
  side.filmstrip->setToolTip(
      tr("Left: the noisy x_t; right: the model's guess of the clean "
         "image x̂0. Drag the scrubber or click a thumbnail to revisit a "
         "step."));
  col->addWidget(side.filmstrip, 1);
  auto* bottom = new QHBoxLayout;
  side.resultPane = new widgets::ImagePane(side.panel);
  side.resultPane->setFixedSize(128, 128);
  side.resultPane->setCaption(tr("result"));
  side.info = new QLabel(tr("No image yet."), side.panel);
  side.info->setWordWrap(true);
  side.info->setTextInteractionFlags(Qt::TextSelectableByMouse);
  side.save = new QPushButton(tr("&Save Image…"), side.panel);
  side.save->setToolTip(
      tr("Save the result as PNG with its parameters (prompt, seed, steps, "
         "CFG, sampler, model)"));
  if (&side == &sides_[0]) side.save->setShortcut(QKeySequence::Save);
  auto* infoCol = new QVBoxLayout;
  infoCol->addWidget(side.info, 1);
  infoCol->addWidget(side.save, 0, Qt::AlignLeft);
  side.schedule = new DenoiseSchedulePlot(side.panel);
  side.schedule->setFixedHeight(128);
  side.schedule->setMinimumWidth(200);
  connect(side.filmstrip, &widgets::Filmstrip::currentFrameChanged, side.schedule,
          [film = side.filmstrip, plot = side.schedule](int index) {
            if (index >= 0 && index < film->frameCount())
              plot->setCurrentStep(film->frame(index).step);
          });
  bottom->addWidget(side.resultPane);
  bottom->addWidget(side.schedule);
  bottom->addLayout(infoCol, 1);
  col->addLayout(bottom);
  return side.panel;
}

void DenoisePage::setPrompt(const QString& prompt) {
  prompt_->setText(prompt);
}
QString DenoisePage::prompt() const {
  return prompt_->text();
}

void DenoisePage::setCompare(bool on) {
  if (compare_->isChecked() != on) compare_->setChecked(on);
  settingsB_->setVisible(on);
  sides_[1].panel->setVisible(on);
}

bool DenoisePage::compare() const {
  return compare_->isChecked();
}

void DenoisePage::applyParameters(const ImageParams& params) {
  prompt_->setText(QString::fromStdString(params.prompt));
  sides_[0].settings->setFromParams(params);
}

void DenoisePage::generate() {
  const QString text = prompt_->text().trimmed();
  if (text.isEmpty()) {
    status_->setText(tr("Write a prompt first."));
    prompt_->setFocus();
    return;
  }
  const int n = compare() ? 2 : 1;
  for (int k = 0; k < n; ++k) {
    Side& side = sides_[k];
    GenerationJob job;
    job.kind = JobKind::TextToImage;
    job.prompt = text.toStdString();
    side.settings->applyTo(job.options);
    job.label = n == 2 ? tr("%1 (%2)").arg(text, k == 0 ? tr("A") : tr("B")) : text;
    side.title->setText(
        tr("<b>%1</b> · %2 · queued").arg(k == 0 ? tr("A") : tr("B"), side.settings->summary()));
    side.jobSeed = job.options.seed;
    side.job = session_->queue()->submit(std::move(job));
    // The next Generate draws a new image unless the user keeps the seed (Advance seed off).
    side.settings->advanceSeedIfAsked();
    side.settings->saveSettings();
  }
  status_->clear();
  updateButtons();
}

void DenoisePage::stop() {
  for (auto& side : sides_)
    if (!side.job.isEmpty()) session_->queue()->cancel(side.job);
}

void DenoisePage::saveResult(int which) {
  const Side& side = sides_[which];
  saveImageDialog(this, side.result, side.parameters,
                  fileStem(prompt_->text()) + QStringLiteral("-%1.png").arg(side.jobSeed));
}

int DenoisePage::sideOf(const QString& job) const {
  for (int k = 0; k < 2; ++k)
    if (!job.isEmpty() && sides_[k].job == job) return k;
  return -1;
}

void DenoisePage::onStarted(const QString& id) {
  const int k = sideOf(id);
  if (k < 0) return;
  Side& side = sides_[k];
  side.filmstrip->clear();
  side.schedule->clear();
  side.result = {};
  side.parameters.clear();
  side.resultPane->setImage({});
  side.info->setText(tr("Denoising…"));
  side.title->setText(
      tr("<b>%1</b> · %2").arg(k == 0 ? tr("A") : tr("B"), side.settings->summary()));
}

void DenoisePage::onStep(const QString& id, const StepUpdate& s) {
  const int k = sideOf(id);
  if (k < 0) return;
  Side& side = sides_[k];
  widgets::DenoiseFrame f;
  f.xt = s.xt;
  f.x0 = s.decoded.isNull() ? s.x0 : s.decoded;
  f.step = s.step;
  // t as a fraction of the schedule; the noise level is x_t's noise std √(1 − ᾱ_t).
  f.t = double(s.t) / double(std::max(1, session_->trainSteps()));
  f.noiseLevel = std::sqrt(std::max(0.0, 1.0 - s.alphaBar));
  side.filmstrip->setTotalSteps(s.steps);
  side.schedule->setTotalSteps(s.steps);
  side.schedule->addStep(s.step, f.t, f.noiseLevel);
  if (!f.xt.isNull()) side.filmstrip->appendFrame(f);
  if (side.filmstrip->currentFrame() == side.filmstrip->frameCount() - 1)
    side.schedule->setCurrentStep(s.step);
}

void DenoisePage::onImage(const QString& id, const ImageUpdate& u) {
  const int k = sideOf(id);
  if (k < 0) return;
  Side& side = sides_[k];
  if (u.skipped) {
    side.info->setText(tr("The image was skipped."));
    return;
  }
  side.result = u.pixels;
  side.parameters = u.parameters;
  side.resultPane->setImage(u.pixels);
  side.info->setText(u.parameters);
}

void DenoisePage::onFinished(const QString& id, const JobOutcome& o) {
  const int k = sideOf(id);
  if (k < 0) return;
  if (o.cancelled && sides_[k].result.isNull()) sides_[k].info->setText(tr("Stopped."));
  Q_EMIT statusMessage(
      tr("Image %1 done in %2 s").arg(k == 0 ? tr("A") : tr("B")).arg(o.seconds, 0, 'f', 1));
  sides_[k].job.clear();
  updateButtons();
}

void DenoisePage::onFailed(const QString& id, const QString& message) {
  const int k = sideOf(id);
  if (k < 0) return;
  sides_[k].info->setText(tr("Failed: %1").arg(message));
  status_->setText(message);
  sides_[k].job.clear();
  updateButtons();
}

void DenoisePage::updateButtons() {
  const bool busy = !sides_[0].job.isEmpty() || !sides_[1].job.isEmpty();
  stop_->setEnabled(busy);
  for (auto& side : sides_) side.save->setEnabled(!side.result.isNull());
}

}  // namespace tfs::studio
