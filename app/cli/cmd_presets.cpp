#include <iomanip>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/param_report.h"

namespace {

tfs::cli::Run setupPresets(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto json = std::make_shared<bool>(false);
  auto* sub = app.add_subcommand("presets", "List the built-in model presets and their sizes");
  sub->add_flag("--json", *json, "Print JSON for machines");
  return [json]() {
    nlohmann::json all = nlohmann::json::array();
    if (!*json)
      std::cout << std::left << std::setw(20) << "preset" << std::setw(18) << "layers x d/heads"
                << std::setw(18) << "image/patches" << std::right << std::setw(11) << "paper size"
                << std::setw(11) << "codec" << std::setw(10) << "VAE" << std::setw(11) << "total"
                << "\n";
    for (const auto& name : tfs::presetNames()) {
      auto cfg = tfs::preset(name);
      auto c = tfs::countParameters(cfg);
      if (*json) {
        all.push_back(tfs::cli::paramSplitJson(cfg, c));
        continue;
      }
      std::cout << std::left << std::setw(20) << name << std::setw(18)
                << (std::to_string(cfg.nLayers) + "x" + std::to_string(cfg.dModel) + "/" +
                    std::to_string(cfg.nHeads))
                << std::setw(18)
                << (std::to_string(cfg.imageSize) + "px/" + std::to_string(cfg.patchesPerImage()) +
                    " " + cfg.patchEncoder)
                << std::right << std::setw(11) << tfs::cli::humanCount(c.paperSize())
                << std::setw(11) << tfs::cli::humanCount(c.patchCodec) << std::setw(10)
                << tfs::cli::humanCount(c.vae) << std::setw(11) << tfs::cli::humanCount(c.total)
                << "\n";
    }
    if (*json) std::cout << all.dump(2) << "\n";
    return 0;
  };
}

const bool registeredPresets = tfs::cli::registerCommand("presets", 20, setupPresets);

}  // namespace
