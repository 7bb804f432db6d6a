#include "app/studio/denoise_schedule_plot.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace tfs::studio {

DenoiseSchedulePlot::DenoiseSchedulePlot(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("schedulePlot"));
  setToolTip(
      tr("Per step: the noise level σ = √(1 − ᾱ_t) (solid) and the timestep t / T "
         "(dashed); the dot is the step shown above"));
}

void DenoiseSchedulePlot::clear() {
  points_.clear();
  current_ = -1;
  update();
}

void DenoiseSchedulePlot::setTotalSteps(int steps) {
  total_ = steps;
  update();
}

void DenoiseSchedulePlot::addStep(int step, double t, double sigma) {
  points_.push_back({step, t, sigma});
  update();
}

void DenoiseSchedulePlot::setCurrentStep(int step) {
  current_ = step;
  update();
}

void DenoiseSchedulePlot::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QPalette& pal = palette();
  const QFontMetrics fm = fontMetrics();
  const QRectF area = QRectF(rect()).adjusted(fm.horizontalAdvance(QStringLiteral("0.0")) + 8, 6,
                                              -6, -fm.height() - 6);
  p.setPen(QPen(pal.color(QPalette::Mid), 1));
  p.drawRect(area);
  p.setPen(pal.color(QPalette::WindowText));
  p.drawText(QRectF(0, area.top() - 4, area.left() - 4, fm.height()), Qt::AlignRight,
             QStringLiteral("1"));
  p.drawText(QRectF(0, area.bottom() - fm.height() + 4, area.left() - 4, fm.height()),
             Qt::AlignRight, QStringLiteral("0"));
  const int steps = std::max({total_, static_cast<int>(points_.size()), 2});
  p.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), fm.height()), Qt::AlignCenter,
             tr("step (of %1)").arg(steps));
  if (points_.empty()) return;
  auto at = [&](int step, double v) {
    return QPointF(area.left() + area.width() * step / double(steps - 1),
                   area.bottom() - area.height() * std::clamp(v, 0.0, 1.0));
  };
  QPainterPath sigma, t;
  for (size_t i = 0; i < points_.size(); ++i) {
    const auto& pt = points_[i];
    if (i == 0) {
      sigma.moveTo(at(pt.step, pt.sigma));
      t.moveTo(at(pt.step, pt.t));
    } else {
      sigma.lineTo(at(pt.step, pt.sigma));
      t.lineTo(at(pt.step, pt.t));
    }
  }
  const QColor accent = pal.color(QPalette::Highlight);
  p.setPen(QPen(pal.color(QPalette::WindowText), 1, Qt::DashLine));
  p.drawPath(t);
  p.setPen(QPen(accent, 2));
  p.drawPath(sigma);
  for (const auto& pt : points_) {
    if (pt.step != current_) continue;
    p.setBrush(accent);
    p.setPen(Qt::NoPen);
    p.drawEllipse(at(pt.step, pt.sigma), 4, 4);
    p.setPen(pal.color(QPalette::WindowText));
    const QString label = QStringLiteral("σ %1").arg(pt.sigma, 0, 'f', 3);
    const QPointF c = at(pt.step, pt.sigma);
    const double x = std::min(c.x() + 6, area.right() - fm.horizontalAdvance(label) - 2);
    p.drawText(QPointF(x, std::max(area.top() + fm.ascent(), c.y() - 6)), label);
  }
}

}  // namespace tfs::studio
