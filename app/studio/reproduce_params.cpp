#include "app/studio/reproduce_params.h"

#include <QFileInfo>
#include <QMimeData>
#include <QObject>
#include <QUrl>

#include "core/generate/png_params.h"

namespace tfs::studio {

QVariantMap readReproduceParams(const QString& pngPath) {
  const ImageParams p = readPngParameters(pngPath.toStdString());
  auto q = [](const std::string& s) { return QString::fromStdString(s); };
  QVariantMap extra;
  for (const auto& [k, v] : p.extra) extra.insert(q(k), q(v));
  return {{QStringLiteral("prompt"), q(p.prompt)},
          {QStringLiteral("negativePrompt"), q(p.negativePrompt)},
          {QStringLiteral("steps"), qlonglong(p.steps)},
          {QStringLiteral("sampler"), q(p.sampler)},
          {QStringLiteral("cfgScale"), p.cfgScale},
          {QStringLiteral("seed"), qulonglong(p.seed)},
          {QStringLiteral("width"), qlonglong(p.width)},
          {QStringLiteral("height"), qlonglong(p.height)},
          {QStringLiteral("model"), q(p.model)},
          {QStringLiteral("run"), q(p.run)},
          {QStringLiteral("mode"), q(p.mode)},
          {QStringLiteral("input"), q(p.input)},
          {QStringLiteral("extra"), extra},
          {QStringLiteral("path"), QFileInfo(pngPath).absoluteFilePath()}};
}

QString describeReproduceParams(const QVariantMap& params) {
  const std::pair<const char*, QString> labels[] = {
      {"prompt", QObject::tr("Prompt")},   {"negativePrompt", QObject::tr("Negative prompt")},
      {"mode", QObject::tr("Mode")},       {"steps", QObject::tr("Steps")},
      {"sampler", QObject::tr("Sampler")}, {"cfgScale", QObject::tr("CFG scale")},
      {"seed", QObject::tr("Seed")},       {"width", QObject::tr("Width")},
      {"height", QObject::tr("Height")},   {"model", QObject::tr("Model")},
      {"run", QObject::tr("Run")},         {"input", QObject::tr("Input image")}};
  QStringList lines;
  for (const auto& [key, label] : labels) {
    const QVariant v = params.value(QLatin1String(key));
    if (v.isValid() && !v.toString().isEmpty())
      lines << QStringLiteral("%1: %2").arg(label, v.toString());
  }
  const QVariantMap extra = params.value(QStringLiteral("extra")).toMap();
  for (auto it = extra.begin(); it != extra.end(); ++it)
    lines << QStringLiteral("%1: %2").arg(it.key(), it.value().toString());
  return lines.join(QLatin1Char('\n'));
}

QString reproduciblePng(const QMimeData* mime) {
  if (!mime || !mime->hasUrls()) return {};
  for (const QUrl& url : mime->urls())
    if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
      return url.toLocalFile();
  return {};
}

}  // namespace tfs::studio
