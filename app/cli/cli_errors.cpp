#include "app/cli/cli_errors.h"

#include <map>

#include "core/train/train_config.h"

namespace tfs::cli {

std::string flagForOption(const std::string& option) {
  static const std::map<std::string, std::string> flags = {
      {"runDir", "--run"},
      {"baseRun", "--base"},
      {"initFrom", "--init-from"},
      {"resume", "--resume"},
      {"resumeFrom", "--resume-from"},
      {"rebuildEma", "--rebuild-ema"},
      {"steps", "--steps"},
      {"data", "--data"},
      {"text", "--text"},
      {"preset", "--preset"},
      {"configFile", "--config"},
      {"heldOut", "--held-out"},
      {"n", "--n"},
      {"budget", "--budget"},
      {"classifier", "--classifier"},
      {"weights", "--weights"},
      {"prompt", "--prompt"},
      {"logFile", "--log-file"},
      {"device", "--device"},
      {"vae", "transfusion train-vae --run DIR"},
  };
  if (option.empty()) return {};
  if (auto it = flags.find(option); it != flags.end()) return it->second;
  // A train-config field: --set changes it for a new run.
  if (TrainConfig().toJson().contains(option)) return "--set " + option + "=…";
  return {};
}

std::string describeError(const Error& e) {
  const std::string flag = flagForOption(e.option());
  return flag.empty() ? e.what() : std::string(e.what()) + " (" + flag + ")";
}

}  // namespace tfs::cli
