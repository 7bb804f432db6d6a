#include "app/studio/train_metrics.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace tfs::studio {

double TrainPoint::value(const QString& name, double fallback) const {
  for (const auto& [key, v] : values)
    if (key == name) return v;
  return fallback;
}

bool parseMetricsLine(const QByteArray& line, TrainPoint* point) {
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
  if (error.error != QJsonParseError::NoError || !doc.isObject()) return false;
  const QJsonObject o = doc.object();
  const QJsonValue step = o.value(QLatin1String("step"));
  if (!step.isDouble()) return false;
  TrainPoint p;
  p.step = static_cast<qint64>(step.toDouble());
  p.time = o.value(QLatin1String("time")).toDouble();
  p.skipped = o.value(QLatin1String("skipped")).toBool();
  for (auto it = o.begin(); it != o.end(); ++it) {
    if (it.key() == QLatin1String("step") || it.key() == QLatin1String("time")) continue;
    // null marks a non-finite value in the log; the plot leaves a gap for NaN.
    if (it.value().isDouble())
      p.values.emplace_back(it.key(), it.value().toDouble());
    else if (it.value().isNull())
      p.values.emplace_back(it.key(), std::nan(""));
  }
  *point = std::move(p);
  return true;
}

QString formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("–");
  const qint64 s = static_cast<qint64>(std::llround(seconds));
  const qint64 h = s / 3600, m = (s / 60) % 60, sec = s % 60;
  if (h > 0)
    return QStringLiteral("%1:%2:%3")
        .arg(h)
        .arg(m, 2, 10, QLatin1Char('0'))
        .arg(sec, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2").arg(m).arg(sec, 2, 10, QLatin1Char('0'));
}

}  // namespace tfs::studio
