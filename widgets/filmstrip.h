#pragma once

#include <QImage>
#include <QWidget>
#include <vector>

class QLabel;
class QListWidget;
class QSlider;
class QTimer;
class QToolButton;

namespace tfs::widgets {

class ImagePane;

// One denoising step as the sampler reports it.
struct DenoiseFrame {
  QImage xt;  // the noisy latent's preview
  QImage x0;  // the model's prediction of the clean image
  int step = 0;
  double t = 0.0;
  double noiseLevel = 0.0;  // σ or ᾱ, named by Filmstrip::setNoiseLevelName
};

// Watches a generation denoise: frames arrive live, the newest is shown (unless the user went
// back), a scrubber and the thumbnail strip revisit any step, play/pause replays them.
class Filmstrip : public QWidget {
  Q_OBJECT
 public:
  explicit Filmstrip(QWidget* parent = nullptr);

  void appendFrame(const DenoiseFrame& frame);
  void clear();
  int frameCount() const { return static_cast<int>(frames_.size()); }
  const DenoiseFrame& frame(int index) const { return frames_.at(index); }
  int currentFrame() const { return current_; }
  void setCurrentFrame(int index);
  void setTotalSteps(int steps);                // for "step 3 / 50" while frames still arrive
  void setNoiseLevelName(const QString& name);  // "σ" (default) or "ᾱ"

  bool isPlaying() const;
  void setPlaying(bool playing);
  void setPlayInterval(int ms);

  // What the big view shows now (for tests and screenshots).
  QImage shownXt() const;
  QImage shownX0() const;
  QString infoText() const;

 Q_SIGNALS:
  void currentFrameChanged(int index);

 private:
  void showFrame(int index);
  void advance();

  std::vector<DenoiseFrame> frames_;
  int current_ = -1;
  int totalSteps_ = 0;
  bool followLatest_ = true;
  QString noiseName_;
  ImagePane* xtPane_;
  ImagePane* x0Pane_;
  QLabel* info_;
  QSlider* scrubber_;
  QToolButton* playButton_;
  QListWidget* strip_;
  QTimer* timer_;
};

}  // namespace tfs::widgets
