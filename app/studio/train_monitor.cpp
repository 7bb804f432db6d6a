#include "app/studio/train_monitor.h"

#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "app/studio/recent_paths.h"
#include "app/studio/run_eval_dialog.h"
#include "app/studio/train_gallery.h"
#include "app/studio/train_run_follower.h"
#include "widgets/loss_plot.h"
#include "widgets/loss_plot_panel.h"

namespace tfs::studio {

TrainMonitor::TrainMonitor(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("trainMonitor"));
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  auto* monitor = new QSplitter(Qt::Vertical, this);
  outer->addWidget(monitor);
  auto* top = new QWidget(monitor);
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  auto* statusRow = new QHBoxLayout;
  stateLabel_ = new QLabel(tr("Idle"), top);
  stateLabel_->setObjectName(QStringLiteral("trainStateLabel"));
  stateLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  progress_ = new QProgressBar(top);
  progress_->setObjectName(QStringLiteral("trainProgress"));
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  progress_->setFormat(QString());
  etaLabel_ = new QLabel(top);
  etaLabel_->setObjectName(QStringLiteral("etaLabel"));
  etaLabel_->setMinimumWidth(150);
  statusRow->addWidget(stateLabel_, 2);
  statusRow->addWidget(progress_, 3);
  statusRow->addWidget(etaLabel_);
  topLayout->addLayout(statusRow);
  plotPanel_ = new widgets::TrainingPlotPanel(top);
  topLayout->addWidget(plotPanel_, 1);
  monitor->addWidget(top);

  auto* bottom = new QWidget(monitor);
  auto* bottomLayout = new QHBoxLayout(bottom);
  bottomLayout->setContentsMargins(0, 0, 0, 0);
  auto* runsBox = new QGroupBox(tr("Runs"), bottom);
  auto* runsLayout = new QVBoxLayout(runsBox);
  runsList_ = new QListWidget(runsBox);
  runsList_->setObjectName(QStringLiteral("runsList"));
  runsList_->setToolTip(tr("Runs drawn in the plot; open more to compare them"));
  runsLayout->addWidget(runsList_);
  auto* closeRunButton = new QPushButton(tr("Close run"), runsBox);
  closeRunButton->setToolTip(tr("Remove the selected run from the plot and stop following it"));
  connect(closeRunButton, &QPushButton::clicked, this, [this] {
    if (auto* item = runsList_->currentItem()) closeRun(item->data(Qt::UserRole).toString());
  });
  runsLayout->addWidget(closeRunButton);
  auto* evalButton = new QPushButton(tr("Evaluate run…"), runsBox);
  evalButton->setObjectName(QStringLiteral("evaluateRun"));
  evalButton->setToolTip(
      tr("Caption accuracy and a classifier-space Fréchet distance of the selected run's newest "
         "checkpoint (as `transfusion eval`)"));
  connect(evalButton, &QPushButton::clicked, this, [this] {
    auto* item = runsList_->currentItem();
    const QString dir = item ? item->data(Qt::UserRole + 1).toString() : QString();
    if (dir.isEmpty()) {
      Q_EMIT statusMessage(tr("Select a run in the list first"), 4000);
      return;
    }
    auto* dialog = new RunEvalDialog(dir, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
  });
  runsLayout->addWidget(evalButton);
  runsBox->setMaximumWidth(260);
  bottomLayout->addWidget(runsBox);
  gallery_ = new SampleGallery(bottom);
  bottomLayout->addWidget(gallery_, 1);
  monitor->addWidget(bottom);
  monitor->setStretchFactor(0, 3);
  monitor->setStretchFactor(1, 1);
}

void TrainMonitor::setState(const QString& text, const QString& tooltip) {
  stateLabel_->setText(text);
  if (!tooltip.isNull()) stateLabel_->setToolTip(tooltip);
}

QString TrainMonitor::stateText() const {
  return stateLabel_->text();
}

void TrainMonitor::resetProgress() {
  progress_->setValue(0);
  etaLabel_->clear();
}

void TrainMonitor::updateProgress(qint64 step, qint64 total, double eta) {
  if (total <= 0) return;
  progress_->setValue(
      static_cast<int>(1000.0 * std::clamp(double(step) / double(total), 0.0, 1.0)));
  progress_->setFormat(QStringLiteral("%1 / %2").arg(step).arg(total));
  progress_->setTextVisible(true);
  if (std::isfinite(eta)) etaLabel_->setText(tr("ETA %1").arg(formatDuration(eta)));
}

void TrainMonitor::setEtaText(const QString& text) {
  etaLabel_->setText(text);
}

double TrainMonitor::progressFraction() const {
  return progress_->value() / 1000.0;
}

void TrainMonitor::addPoints(const QString& run, const QVector<TrainPoint>& points) {
  if (points.isEmpty()) return;
  auto* plot = plotPanel_->plot();
  QHash<QString, int> index;
  std::vector<QString> names;
  std::vector<std::vector<double>> steps, walls, values;
  for (const TrainPoint& p : points) {
    for (const auto& [name, v] : p.values) {
      auto it = index.find(name);
      if (it == index.end()) {
        it = index.insert(name, int(names.size()));
        names.push_back(name);
        steps.emplace_back();
        walls.emplace_back();
        values.emplace_back();
      }
      steps[*it].push_back(double(p.step));
      walls[*it].push_back(p.time);
      values[*it].push_back(v);
    }
  }
  for (size_t i = 0; i < names.size(); ++i)
    plot->addPoints(run, names[i], steps[i], walls[i], values[i]);
}

void TrainMonitor::addRunEntry(const QString& name, const QString& label, const QString& dir) {
  auto* item = new QListWidgetItem(label, runsList_);
  item->setData(Qt::UserRole, name);
  item->setData(Qt::UserRole + 1, dir);
  item->setToolTip(QDir::toNativeSeparators(dir));
}

void TrainMonitor::setLiveRun(const QString& name, const QString& dir) {
  liveRun_.clear();
  if (name.isEmpty()) return;
  // A run opened for following (or trained before) is replaced by the live one.
  closeRun(name);
  liveRun_ = name;
  addRunEntry(name, tr("%1 (training)").arg(name), dir);
}

void TrainMonitor::setRunLabel(const QString& name, const QString& label) {
  for (int i = 0; i < runsList_->count(); ++i)
    if (runsList_->item(i)->data(Qt::UserRole).toString() == name)
      runsList_->item(i)->setText(label);
}

bool TrainMonitor::openRun(const QString& dir) {
  const QFileInfo info(dir);
  if (!QFileInfo::exists(dir + QStringLiteral("/metrics.jsonl")) &&
      !QFileInfo::exists(dir + QStringLiteral("/config.json"))) {
    Q_EMIT error(tr("%1 is not a run folder (no metrics.jsonl or config.json).")
                     .arg(QDir::toNativeSeparators(dir)));
    return false;
  }
  const QString name = info.fileName();
  if (followers_.contains(name) || name == liveRun_) {
    Q_EMIT statusMessage(tr("%1 is already shown").arg(name), 4000);
    return true;
  }
  auto* follower = new TrainRunFollower(info.absoluteFilePath(), this);
  followers_.insert(name, follower);
  connect(follower, &TrainRunFollower::pointsAdded, this,
          [this, name, follower](const QVector<TrainPoint>& points) {
            addPoints(name, points);
            if (follower->totalSteps() > 0 && liveRun_.isEmpty()) {
              stateLabel_->setText(followingText(name, points.back()));
              updateProgress(points.back().step, follower->totalSteps(), std::nan(""));
            }
          });
  connect(follower, &TrainRunFollower::restarted, this,
          [this, name] { plotPanel_->plot()->removeRun(name); });
  connect(follower, &TrainRunFollower::samplesAdded, this,
          [this, name](const QStringList& paths) { gallery_->addSamples(paths, name, false); });
  addRunEntry(name, tr("%1 (following)").arg(name), info.absoluteFilePath());
  recent::add(recent::kRuns, info.absoluteFilePath());
  follower->poll();
  Q_EMIT runOpened(name);
  return true;
}

QString TrainMonitor::followingText(const QString& name, const TrainPoint& last) {
  const int world = static_cast<int>(last.value(QStringLiteral("world"), 1));
  if (world <= 1) return tr("Following %1").arg(name);
  // A multi-process job (metrics.jsonl's "world"): its size and each rank's share of the speed.
  return tr("Following %1: %2 ranks, %3 tokens/s per rank")
      .arg(name)
      .arg(world)
      .arg(QString::number(last.value(QStringLiteral("tokens_per_s_per_rank")), 'f', 0));
}

void TrainMonitor::closeRun(const QString& name) {
  if (auto* f = followers_.take(name)) f->deleteLater();
  if (name == liveRun_) return;  // the live run stays
  plotPanel_->plot()->removeRun(name);
  for (int i = runsList_->count() - 1; i >= 0; --i)
    if (runsList_->item(i)->data(Qt::UserRole).toString() == name) delete runsList_->takeItem(i);
}

}  // namespace tfs::studio
