#include "widgets/loss_plot_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/loss_plot.h"

namespace tfs::widgets {

TrainingPlotPanel::TrainingPlotPanel(QWidget* parent)
    : QWidget(parent),
      plot_(new LossPlot(this)),
      selector_(new QComboBox(this)),
      smoothing_(new QSlider(Qt::Horizontal, this)),
      smoothingValue_(new QLabel(this)),
      logY_(new QCheckBox(tr("Log y"), this)),
      envelope_(new QCheckBox(tr("Min/max"), this)),
      outliers_(new QCheckBox(tr("Hide outliers"), this)),
      xMode_(new QComboBox(this)) {
  setObjectName(QStringLiteral("trainingPlotPanel"));
  selector_->setObjectName(QStringLiteral("metricSelector"));
  selector_->setToolTip(tr("Which metrics to plot"));
  smoothing_->setObjectName(QStringLiteral("smoothingSlider"));
  smoothing_->setRange(0, 999);
  smoothing_->setValue(static_cast<int>(plot_->smoothing() * 1000 + 0.5));
  smoothing_->setToolTip(tr("Smoothing: TensorBoard's debiased exponential moving average"));
  smoothing_->setMaximumWidth(160);
  smoothingValue_->setObjectName(QStringLiteral("smoothingValue"));
  smoothingValue_->setMinimumWidth(
      smoothingValue_->fontMetrics().horizontalAdvance(QStringLiteral("0.000 ")));
  smoothingValue_->setText(QString::number(plot_->smoothing(), 'f', 3));
  logY_->setObjectName(QStringLiteral("logYCheck"));
  logY_->setToolTip(tr("Logarithmic y axis"));
  envelope_->setObjectName(QStringLiteral("envelopeCheck"));
  envelope_->setChecked(plot_->showEnvelope());
  envelope_->setToolTip(tr("Shade the range of the raw values behind the smoothed line"));
  outliers_->setObjectName(QStringLiteral("hideOutliersCheck"));
  outliers_->setToolTip(tr("Fit the y axis to the 1st–99th percentile of the visible values"));
  xMode_->setObjectName(QStringLiteral("xModeSelector"));
  xMode_->addItem(tr("Step"));
  xMode_->addItem(tr("Wall time"));
  xMode_->setToolTip(tr("What the x axis shows"));

  auto* reset = new QToolButton(this);
  reset->setObjectName(QStringLiteral("resetViewButton"));
  reset->setText(tr("Fit"));
  reset->setToolTip(
      tr("Show all data and follow new points (or double-click the plot); click a "
         "legend entry to hide or show its run"));
  auto* exportButton = new QToolButton(this);
  exportButton->setObjectName(QStringLiteral("exportButton"));
  exportButton->setText(tr("Export"));
  exportButton->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(exportButton);
  menu->addAction(tr("PNG image…"), this, [this] { exportTo(QStringLiteral("png")); });
  menu->addAction(tr("PDF document…"), this, [this] { exportTo(QStringLiteral("pdf")); });
  menu->addAction(tr("CSV values…"), this, [this] { exportTo(QStringLiteral("csv")); });
  exportButton->setMenu(menu);

  auto* controls = new QHBoxLayout;
  controls->setContentsMargins(0, 0, 0, 0);
  controls->addWidget(selector_);
  controls->addSpacing(8);
  controls->addWidget(new QLabel(tr("Smoothing"), this));
  controls->addWidget(smoothing_);
  controls->addWidget(smoothingValue_);
  controls->addWidget(logY_);
  controls->addWidget(envelope_);
  controls->addWidget(outliers_);
  controls->addWidget(xMode_);
  controls->addStretch(1);
  controls->addWidget(reset);
  controls->addWidget(exportButton);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(controls);
  layout->addWidget(plot_, 1);

  connect(smoothing_, &QSlider::valueChanged, this, [this](int v) {
    smoothingValue_->setText(QString::number(v / 1000.0, 'f', 3));
    plot_->setSmoothing(v / 1000.0);
  });
  connect(logY_, &QCheckBox::toggled, plot_, &LossPlot::setLogY);
  connect(envelope_, &QCheckBox::toggled, plot_, &LossPlot::setShowEnvelope);
  connect(outliers_, &QCheckBox::toggled, plot_, &LossPlot::setHideOutliers);
  connect(xMode_, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this](int i) {
    plot_->setXAxisMode(i == 1 ? LossPlot::XAxisMode::WallTime : LossPlot::XAxisMode::Step);
  });
  connect(reset, &QToolButton::clicked, plot_, &LossPlot::resetView);
  connect(selector_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
          &TrainingPlotPanel::setCurrentGroup);
  connect(plot_, &LossPlot::seriesAdded, this, &TrainingPlotPanel::onSeriesAdded);
  setGroups(defaultGroups());
}

QList<MetricGroup> TrainingPlotPanel::defaultGroups() {
  return {
      {tr("Loss"), {QStringLiteral("total"), QStringLiteral("lm"), QStringLiteral("diffusion")}},
      {tr("VAE reconstruction (L1)"), {QStringLiteral("vae_recon")}},
      {tr("VAE KL"), {QStringLiteral("vae_kl")}},
      {tr("Learning rate"), {QStringLiteral("lr")}},
      {tr("Gradient norm"), {QStringLiteral("grad_norm")}},
      {tr("Tokens/s"), {QStringLiteral("tokens_per_s")}},
      {tr("Images/s"), {QStringLiteral("images_per_s")}},
  };
}

void TrainingPlotPanel::setGroups(const QList<MetricGroup>& groups) {
  groups_ = groups;
  for (const QString& name : plot_->seriesNames()) onSeriesAdded(QString(), name);
  rebuildSelector();
}

void TrainingPlotPanel::rebuildSelector() {
  const int keep = std::max(0, selector_->currentIndex());
  {
    const QSignalBlocker block(selector_);
    selector_->clear();
    for (const MetricGroup& g : groups_) selector_->addItem(g.title);
    selector_->setCurrentIndex(std::min(keep, static_cast<int>(groups_.size()) - 1));
  }
  setCurrentGroup(selector_->currentIndex());
}

void TrainingPlotPanel::setCurrentGroup(int index) {
  if (index < 0 || index >= groups_.size()) return;
  if (selector_->currentIndex() != index) {
    const QSignalBlocker block(selector_);
    selector_->setCurrentIndex(index);
  }
  plot_->setYAxisLabel(groups_[index].title);
  plot_->setVisibleSeries(groups_[index].series);
}

int TrainingPlotPanel::currentGroup() const {
  return selector_->currentIndex();
}

void TrainingPlotPanel::onSeriesAdded(const QString&, const QString& series) {
  for (const MetricGroup& g : groups_)
    if (g.series.contains(series)) return;
  // A metric the defaults do not know still gets plotted, on its own axis.
  groups_.append({series, {series}});
  const QSignalBlocker block(selector_);
  selector_->addItem(series);
}

void TrainingPlotPanel::exportTo(const QString& format) {
  QString filter;
  if (format == QLatin1String("png"))
    filter = tr("PNG image (*.png)");
  else if (format == QLatin1String("pdf"))
    filter = tr("PDF document (*.pdf)");
  else
    filter = tr("CSV values (*.csv)");
  QString path = QFileDialog::getSaveFileName(this, tr("Export plot"), QString(), filter);
  if (path.isEmpty()) return;
  if (!path.endsWith(QLatin1Char('.') + format, Qt::CaseInsensitive))
    path += QLatin1Char('.') + format;
  const bool ok =
      format == QLatin1String("csv") ? plot_->exportCsv(path) : plot_->exportImage(path);
  Q_EMIT exportFinished(path, ok);
}

}  // namespace tfs::widgets
