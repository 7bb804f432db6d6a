#pragma once

#include <QWidget>
#include <vector>

namespace tfs::studio {

// The noise level σ = √(1 − ᾱ_t) and the timestep t of each denoising step as two small curves,
// with the step shown in the filmstrip marked: how fast the sampler walks down the schedule.
class DenoiseSchedulePlot : public QWidget {
  Q_OBJECT
 public:
  explicit DenoiseSchedulePlot(QWidget* parent = nullptr);

  void clear();
  void setTotalSteps(int steps);
  // t as a fraction of the schedule (0…1), sigma in 0…1.
  void addStep(int step, double t, double sigma);
  void setCurrentStep(int step);
  int pointCount() const { return static_cast<int>(points_.size()); }
  QSize sizeHint() const override { return {220, 128}; }
  QSize minimumSizeHint() const override { return {140, 90}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  struct Point {
    int step;
    double t, sigma;
  };
  std::vector<Point> points_;
  int total_ = 0;
  int current_ = -1;
};

}  // namespace tfs::studio
