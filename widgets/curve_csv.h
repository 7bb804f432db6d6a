#pragma once

#include <QString>
#include <optional>
#include <vector>

namespace tfs::widgets {

// One value of a training curve as the plot's CSV holds it.
struct CurvePoint {
  QString run;
  QString series;
  double step = 0;
  double wallTime = 0;  // seconds, absolute (as metrics.jsonl records it)
  double value = 0;
};

// Long format, one point per line: "run,series,step,wall_time,value" with every value at full
// precision (17 significant digits); run and series quoted as RFC 4180 when they need it. False
// when the file cannot be written completely.
bool writeCurveCsv(const QString& path, const std::vector<CurvePoint>& points);
// The same format back (nan / inf / -inf accepted as values); nullopt on an unreadable file, a
// different header or any malformed line (nothing partial is returned).
std::optional<std::vector<CurvePoint>> readCurveCsv(const QString& path);

}  // namespace tfs::widgets
