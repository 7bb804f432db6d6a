#include "core/eval/classifier_trainer.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <deque>

#include "core/base/error.h"

namespace tfs {

ClassifierTrainResult trainFeatureClassifier(FeatureClassifier& model, const LabelledImages& data,
                                             const ClassifierTrainOptions& opts) {
  if (data.size() < 2) throw DataError("the classifier needs at least 2 labelled images");
  if (opts.steps < 1 || opts.batchSize < 1)
    throw UsageError("classifier training needs steps >= 1 and batch size >= 1");
  const int64_t maxLabel = data.labels.max().item<int64_t>();
  if (maxLabel >= model->config().classes)
    throw DataError("label " + std::to_string(maxLabel) + " is outside the classifier's " +
                    std::to_string(model->config().classes) + " classes");
  const auto device = model->parameters().front().device();
  torch::Generator gen = at::detail::createCPUGenerator(opts.seed);
  torch::optim::Adam optim(model->parameters(),
                           torch::optim::AdamOptions(opts.lr).weight_decay(opts.weightDecay));
  model->train();
  const auto start = std::chrono::steady_clock::now();
  std::deque<double> recent;
  const int64_t n = data.size();
  auto order = torch::randperm(n, gen, torch::kInt64);
  int64_t cursor = 0;
  for (int64_t step = 0; step < opts.steps; ++step) {
    if (cursor + opts.batchSize > n) {
      order = torch::randperm(n, gen, torch::kInt64);
      cursor = 0;
    }
    const auto idx = order.slice(0, cursor, std::min(n, cursor + opts.batchSize));
    cursor += opts.batchSize;
    auto x = data.images.index_select(0, idx);
    if (opts.flipAugment) {
      const auto flip = torch::rand({x.size(0)}, gen).lt(0.5).view({-1, 1, 1, 1});
      x = torch::where(flip, x.flip({3}), x);
    }
    x = x.to(device);
    const auto y = data.labels.index_select(0, idx).to(device);
    const double progress = double(step) / double(opts.steps);
    const double lr = opts.lr * (0.05 + 0.95 * 0.5 * (1 + std::cos(M_PI * progress)));
    for (auto& g : optim.param_groups())
      static_cast<torch::optim::AdamOptions&>(g.options()).lr(lr);
    optim.zero_grad();
    const auto loss = torch::nn::functional::cross_entropy(model->forward(x), y);
    loss.backward();
    optim.step();
    const double l = loss.item<double>();
    if (!std::isfinite(l))
      throw Error("classifier training diverged at step " + std::to_string(step) + " (loss " +
                  std::to_string(l) + "); lower the learning rate");
    recent.push_back(l);
    if (recent.size() > 50) recent.pop_front();
    if (opts.onStep) opts.onStep(step, l);
  }
  model->eval();
  ClassifierTrainResult r;
  r.steps = opts.steps;
  for (double l : recent) r.finalLoss += l;
  r.finalLoss /= double(recent.size());
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace tfs
