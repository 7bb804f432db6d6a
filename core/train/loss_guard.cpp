#include "core/train/loss_guard.h"

#include <cmath>
#include <sstream>

namespace tfs {

LossGuard::LossGuard(double zThreshold, int64_t window, int64_t minSamples)
    : threshold_(zThreshold), window_(window), minSamples_(std::min(minSamples, window)) {}

bool LossGuard::finite(double v) {
  return std::isfinite(v);
}

LossGuard::Verdict LossGuard::check(double loss) {
  Verdict v;
  if (!std::isfinite(loss)) {
    v.skip = true;
    v.reason = "loss is not finite (" + std::to_string(loss) + ")";
    ++skipped_;
    ++consecutive_;
    return v;
  }
  if (static_cast<int64_t>(values_.size()) >= minSamples_) {
    double mean = 0, sq = 0;
    for (double x : values_) mean += x;
    mean /= values_.size();
    for (double x : values_) sq += (x - mean) * (x - mean);
    const double sd = std::sqrt(sq / values_.size());
    v.zScore = sd > 0 ? (loss - mean) / sd : 0.0;
    if (threshold_ > 0 && v.zScore > threshold_) {
      std::ostringstream os;
      os << "loss spike: " << loss << " is " << v.zScore << " sigma above the mean " << mean
         << " of the last " << values_.size() << " steps";
      v.skip = true;
      v.reason = os.str();
      ++skipped_;
      ++consecutive_;
    }
  }
  // Spikes are recorded too, so a lasting shift of the loss level is accepted after a while.
  values_.push_back(loss);
  while (static_cast<int64_t>(values_.size()) > window_) values_.pop_front();
  return v;
}

nlohmann::json LossGuard::state() const {
  return {{"values", std::vector<double>(values_.begin(), values_.end())},
          {"skipped", skipped_},
          {"consecutive", consecutive_}};
}

void LossGuard::restore(const nlohmann::json& s) {
  auto v = s.at("values").get<std::vector<double>>();
  values_.assign(v.begin(), v.end());
  skipped_ = s.at("skipped").get<int64_t>();
  consecutive_ = s.value("consecutive", int64_t{0});
}

}  // namespace tfs
