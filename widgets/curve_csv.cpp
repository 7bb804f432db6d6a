#include "widgets/curve_csv.h"

#include <QFile>
#include <QStringList>
#include <QTextStream>
#include <limits>

namespace tfs::widgets {

namespace {

const QLatin1String kHeader("run,series,step,wall_time,value");

QString csvField(const QString& s) {
  if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) &&
      !s.contains(QLatin1Char('\n')))
    return s;
  QString quoted = s;
  quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QStringList parseCsvLine(const QString& line) {
  QStringList fields;
  QString current;
  bool inQuotes = false;
  for (int i = 0; i < line.size(); ++i) {
    const QChar c = line.at(i);
    if (inQuotes) {
      if (c == QLatin1Char('"')) {
        if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
          current += c;
          ++i;
        } else {
          inQuotes = false;
        }
      } else {
        current += c;
      }
    } else if (c == QLatin1Char('"')) {
      inQuotes = true;
    } else if (c == QLatin1Char(',')) {
      fields << current;
      current.clear();
    } else {
      current += c;
    }
  }
  fields << current;
  return fields;
}

}  // namespace

bool writeCurveCsv(const QString& path, const std::vector<CurvePoint>& points) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
  QTextStream out(&file);
  out << kHeader << '\n';
  for (const auto& p : points)
    out << csvField(p.run) << ',' << csvField(p.series) << ',' << QString::number(p.step, 'g', 17)
        << ',' << QString::number(p.wallTime, 'g', 17) << ',' << QString::number(p.value, 'g', 17)
        << '\n';
  out.flush();
  return file.error() == QFile::NoError;
}

std::optional<std::vector<CurvePoint>> readCurveCsv(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return std::nullopt;
  QTextStream in(&file);
  if (in.readLine().trimmed() != kHeader) return std::nullopt;
  std::vector<CurvePoint> points;
  while (!in.atEnd()) {
    const QString line = in.readLine();
    if (line.trimmed().isEmpty()) continue;
    const QStringList f = parseCsvLine(line);
    if (f.size() != 5) return std::nullopt;
    bool ok1 = false, ok2 = false, ok3 = false;
    CurvePoint p{f[0], f[1], f[2].toDouble(&ok1), f[3].toDouble(&ok2), f[4].toDouble(&ok3)};
    if (!ok3) {
      if (f[4] == QLatin1String("nan")) {
        p.value = std::numeric_limits<double>::quiet_NaN();
        ok3 = true;
      } else if (f[4] == QLatin1String("inf") || f[4] == QLatin1String("-inf")) {
        p.value = f[4] == QLatin1String("inf") ? std::numeric_limits<double>::infinity()
                                               : -std::numeric_limits<double>::infinity();
        ok3 = true;
      }
    }
    if (!ok1 || !ok2 || !ok3) return std::nullopt;
    points.push_back(std::move(p));
  }
  return points;
}

}  // namespace tfs::widgets
