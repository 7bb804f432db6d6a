#include "widgets/filmstrip.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/image_pane.h"

namespace tfs::widgets {

namespace {

constexpr int kThumb = 64;

QIcon thumbnail(const QImage& image) {
  if (image.isNull()) return {};
  // Latent-sized previews keep their pixels; photos are smoothed.
  const auto mode = image.width() < kThumb / 2 ? Qt::FastTransformation : Qt::SmoothTransformation;
  return QIcon(QPixmap::fromImage(image.scaled(kThumb, kThumb, Qt::KeepAspectRatio, mode)));
}

}  // namespace

Filmstrip::Filmstrip(QWidget* parent)
    : QWidget(parent),
      noiseName_(QStringLiteral("σ")),
      xtPane_(new ImagePane(this)),
      x0Pane_(new ImagePane(this)),
      info_(new QLabel(this)),
      scrubber_(new QSlider(Qt::Horizontal, this)),
      playButton_(new QToolButton(this)),
      strip_(new QListWidget(this)),
      timer_(new QTimer(this)) {
  setObjectName(QStringLiteral("filmstrip"));
  xtPane_->setObjectName(QStringLiteral("xtPane"));
  xtPane_->setCaption(tr("x_t (noisy)"));
  x0Pane_->setObjectName(QStringLiteral("x0Pane"));
  x0Pane_->setCaption(tr("x̂₀ (prediction)"));
  info_->setObjectName(QStringLiteral("frameInfo"));
  info_->setAlignment(Qt::AlignCenter);
  scrubber_->setObjectName(QStringLiteral("frameScrubber"));
  scrubber_->setRange(0, 0);
  scrubber_->setEnabled(false);
  scrubber_->setToolTip(tr("Revisit any denoising step"));
  playButton_->setObjectName(QStringLiteral("playButton"));
  playButton_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  playButton_->setToolTip(tr("Play the steps (Space)"));
  playButton_->setShortcut(Qt::Key_Space);
  playButton_->setCheckable(true);
  strip_->setObjectName(QStringLiteral("frameStrip"));
  strip_->setViewMode(QListView::IconMode);
  strip_->setFlow(QListView::LeftToRight);
  strip_->setWrapping(false);
  strip_->setMovement(QListView::Static);
  strip_->setIconSize(QSize(kThumb, kThumb));
  strip_->setSpacing(2);
  strip_->setUniformItemSizes(true);
  strip_->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  strip_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  strip_->setFixedHeight(kThumb + fontMetrics().height() + 30);
  timer_->setInterval(150);

  auto* views = new QHBoxLayout;
  views->addWidget(xtPane_, 1);
  views->addWidget(x0Pane_, 1);
  auto* controls = new QHBoxLayout;
  controls->addWidget(playButton_);
  controls->addWidget(scrubber_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(views, 1);
  layout->addWidget(info_);
  layout->addLayout(controls);
  layout->addWidget(strip_);

  connect(scrubber_, &QSlider::valueChanged, this, &Filmstrip::setCurrentFrame);
  connect(strip_, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row >= 0) setCurrentFrame(row);
  });
  connect(playButton_, &QToolButton::toggled, this, &Filmstrip::setPlaying);
  connect(timer_, &QTimer::timeout, this, &Filmstrip::advance);
  info_->setText(tr("No steps yet"));
}

void Filmstrip::appendFrame(const DenoiseFrame& frame) {
  frames_.push_back(frame);
  auto* item = new QListWidgetItem(thumbnail(frame.xt.isNull() ? frame.x0 : frame.xt),
                                   tr("step %1").arg(frame.step));
  item->setToolTip(tr("step %1, t = %2").arg(frame.step).arg(frame.t, 0, 'f', 3));
  strip_->addItem(item);
  {
    const QSignalBlocker block(scrubber_);
    scrubber_->setRange(0, frameCount() - 1);
    scrubber_->setEnabled(true);
  }
  if (followLatest_ && !isPlaying())
    showFrame(frameCount() - 1);
  else
    info_->setText(infoText());
}

void Filmstrip::clear() {
  setPlaying(false);
  frames_.clear();
  strip_->clear();
  current_ = -1;
  followLatest_ = true;
  const QSignalBlocker block(scrubber_);
  scrubber_->setRange(0, 0);
  scrubber_->setEnabled(false);
  xtPane_->setImage({});
  x0Pane_->setImage({});
  info_->setText(tr("No steps yet"));
}

void Filmstrip::setCurrentFrame(int index) {
  if (index < 0 || index >= frameCount() || index == current_) return;
  // Going back pauses the live view; returning to the newest frame resumes following it.
  followLatest_ = index == frameCount() - 1;
  showFrame(index);
}

void Filmstrip::showFrame(int index) {
  current_ = index;
  const DenoiseFrame& f = frames_[index];
  xtPane_->setImage(f.xt);
  x0Pane_->setImage(f.x0);
  info_->setText(infoText());
  {
    const QSignalBlocker block(scrubber_);
    scrubber_->setValue(index);
  }
  {
    const QSignalBlocker block(strip_);
    strip_->setCurrentRow(index);
  }
  strip_->scrollToItem(strip_->item(index));
  Q_EMIT currentFrameChanged(index);
}

QString Filmstrip::infoText() const {
  if (current_ < 0) return tr("No steps yet");
  const DenoiseFrame& f = frames_[current_];
  const int total = std::max(totalSteps_, frameCount());
  return tr("frame %1 / %2 · step %3 · t = %4 · %5 = %6")
      .arg(current_ + 1)
      .arg(total)
      .arg(f.step)
      .arg(f.t, 0, 'f', 3)
      .arg(noiseName_)
      .arg(f.noiseLevel, 0, 'f', 4);
}

void Filmstrip::setTotalSteps(int steps) {
  totalSteps_ = steps;
  info_->setText(infoText());
}

void Filmstrip::setNoiseLevelName(const QString& name) {
  noiseName_ = name;
  info_->setText(infoText());
}

QImage Filmstrip::shownXt() const {
  return xtPane_->image();
}
QImage Filmstrip::shownX0() const {
  return x0Pane_->image();
}

bool Filmstrip::isPlaying() const {
  return timer_->isActive();
}

void Filmstrip::setPlaying(bool playing) {
  if (playing == isPlaying()) return;
  if (playing) {
    if (frameCount() < 2) {
      const QSignalBlocker block(playButton_);
      playButton_->setChecked(false);
      return;
    }
    if (current_ >= frameCount() - 1) showFrame(0);
    followLatest_ = false;
    timer_->start();
  } else {
    timer_->stop();
  }
  const QSignalBlocker block(playButton_);
  playButton_->setChecked(playing);
  playButton_->setIcon(
      style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void Filmstrip::setPlayInterval(int ms) {
  timer_->setInterval(std::max(10, ms));
}

void Filmstrip::advance() {
  if (current_ + 1 >= frameCount()) {
    setPlaying(false);
    followLatest_ = true;
    return;
  }
  showFrame(current_ + 1);
}

}  // namespace tfs::widgets
