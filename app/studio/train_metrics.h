#pragma once

#include <QMetaType>
#include <QString>
#include <QVector>
#include <utility>
#include <vector>

namespace tfs::studio {

// One optimiser step as the plots see it: metrics.jsonl's numeric fields by their JSON names
// ("lm", "diffusion", "total", "lr", "grad_norm", "tokens_per_s", "images_per_s").
struct TrainPoint {
  qint64 step = 0;
  double time = 0;  // seconds since the run started
  bool skipped = false;
  std::vector<std::pair<QString, double>> values;

  double value(const QString& name, double fallback = 0) const;
};

// One line of metrics.jsonl; false for a torn or foreign line (skipped, never fatal).
bool parseMetricsLine(const QByteArray& line, TrainPoint* point);

// Seconds as "1:02:03" or "2:03".
QString formatDuration(double seconds);

}  // namespace tfs::studio

Q_DECLARE_METATYPE(tfs::studio::TrainPoint)
