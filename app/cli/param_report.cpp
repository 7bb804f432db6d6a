#include "app/cli/param_report.h"

#include <cstdio>
#include <iomanip>

namespace tfs::cli {

std::string humanCount(int64_t n) {
  char buf[32];
  const double v = double(n);
  if (v >= 1e9)
    std::snprintf(buf, sizeof buf, "%.3fB", v / 1e9);
  else if (v >= 1e6)
    std::snprintf(buf, sizeof buf, "%.2fM", v / 1e6);
  else if (v >= 1e3)
    std::snprintf(buf, sizeof buf, "%.1fK", v / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(n));
  return buf;
}

void printParamSplit(std::ostream& out, const ModelConfig& cfg, const ParamCount& c) {
  auto row = [&](const char* what, int64_t n) {
    out << "  " << std::left << std::setw(26) << what << std::right << std::setw(14) << n << "  ("
        << humanCount(n) << ")\n";
  };
  out << "Preset " << cfg.name << ": " << cfg.nLayers << " layers x " << cfg.dModel << ", "
      << cfg.nHeads << " heads, FFN " << cfg.ffnHiddenSize() << ", vocab " << cfg.vocabSize
      << "\n  image " << cfg.imageSize << "x" << cfg.imageSize << "x" << cfg.imageChannels
      << (cfg.vaeFactor == 1 ? std::string(", pixel space")
                             : ", VAE x" + std::to_string(cfg.vaeFactor) + " " +
                                   std::to_string(cfg.latentChannels) + " ch")
      << ", " << cfg.patchSize << "x" << cfg.patchSize << " " << cfg.patchEncoder << " patches, "
      << cfg.patchesPerImage() << " per image\n";
  row("transformer", c.transformer);
  row("embeddings (in + LM head)", c.embeddings);
  row("paper size (Table 2)", c.paperSize());
  row("patch encoder/decoder", c.patchCodec);
  row("VAE", c.vae);
  row("total", c.total);
}

nlohmann::json paramSplitJson(const ModelConfig& cfg, const ParamCount& c) {
  return {{"preset", cfg.name},
          {"config", cfg.toJson()},
          {"transformer", c.transformer},
          {"embeddings", c.embeddings},
          {"paperSize", c.paperSize()},
          {"patchCodec", c.patchCodec},
          {"vae", c.vae},
          {"total", c.total}};
}

}  // namespace tfs::cli
