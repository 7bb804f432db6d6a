#include "core/train/trainer.h"

#include <ATen/record_function.h>
#include <torch/version.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>

#include "core/base/error.h"
#include "core/base/precision.h"
#include "core/base/runtime.h"
#include "core/model/weights_io.h"
#include "core/train/checkpoint.h"
#include "core/train/memory_estimate.h"
#include "core/train/row_streams.h"

namespace tfs {

namespace {

bool noDecay(const std::string& name, const torch::Tensor& p) {
  std::string n = name;
  for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return p.dim() < 2 || n.find("norm") != std::string::npos ||
         n.find("bias") != std::string::npos || n.find("embed") != std::string::npos;
}

}  // namespace

Trainer::Trainer(const ModelConfig& model, const TrainConfig& train,
                 std::shared_ptr<BatchStream> data, const RunDir& run,
                 std::shared_ptr<DistGroup> dist)
    : modelCfg_(model),
      cfg_(train),
      data_(std::move(data)),
      run_(run),
      dist_(std::move(dist)),
      device_(parseDevice(train.device)),
      schedule_(train.lr, train.minLr, train.warmupSteps, train.steps),
      guard_(train.spikeZScore, train.spikeWindow) {
  modelCfg_.validate();
  cfg_.validate();
  checkTrainingFits(modelCfg_, cfg_, device_);
  precision_ = resolvePrecision(cfg_.precision, device_);
  if (isMain()) {
    lock_ = std::make_unique<RunLock>(run_.root());
    run_.create();
  }
  // The model's initialisation draws from the global generator: seed it for a repeatable start.
  torch::manual_seed(cfg_.seed);
  model_ = TransfusionModel(modelCfg_);
  model_->to(device_);
  model_->train();
  if (cfg_.emaDecay > 0) {
    emaModel_ = TransfusionModel(modelCfg_);
    emaModel_->to(device_);
    emaModel_->eval();
    ema_ = std::make_unique<Ema>(emaModel_.ptr(), cfg_.emaDecay);
    ema_->copyFrom(*model_);
  }
  buildOptimizer();
  if (dist_) {
    const char* verify = std::getenv("TFS_DIST_VERIFY_WEIGHTS");
    verifyWeights_ = verify && std::string(verify) == "1";
    syncWeights();
    reducer_ = std::make_unique<GradReducer>(*dist_, params_,
                                             static_cast<int64_t>(cfg_.bucketMB * 1024 * 1024));
  }
  sessionStart_ = std::chrono::steady_clock::now();
}

void Trainer::syncWeights() {
  if (!dist_) return;
  std::vector<torch::Tensor> ts;
  for (const auto& p : model_->parameters()) ts.push_back(p);
  for (const auto& b : model_->buffers()) ts.push_back(b);
  dist_->broadcast(ts, 0);
  if (ema_) ema_->copyFrom(*model_);
}

void Trainer::verifySameWeights() {
  // A CRC-32 of every parameter's bytes, compared on rank 0 (TFS_DIST_VERIFY_WEIGHTS=1).
  uLong crc = crc32(0L, Z_NULL, 0);
  for (const auto& p : params_) {
    const auto c = p.detach().cpu().contiguous();
    crc = crc32(crc, static_cast<const Bytef*>(c.data_ptr()),
                static_cast<uInt>(c.numel() * c.element_size()));
  }
  const auto all = dist_->gatherToMain("weights/" + std::to_string(step_ + 1), std::to_string(crc));
  for (size_t r = 1; r < all.size(); ++r)
    if (all[r] != all[0])
      throw DistributedError("after step " + std::to_string(step_ + 1) + " rank " +
                             std::to_string(r) + "'s weights differ from rank 0's (CRC-32 " +
                             all[r] + " vs " + all[0] + ")");
}

bool Trainer::agreeToStop() {
  if (!dist_) {
    control_.waitWhilePaused();
    return control_.stopRequested();
  }
  // One tiny all-reduce a step: a stop or pause on any rank (Ctrl-C reaches them at different
  // steps) applies to all at the same step; while paused the ranks keep polling together.
  while (true) {
    const auto v =
        dist_->sum({control_.stopRequested() ? 1.0 : 0.0, control_.paused() ? 1.0 : 0.0});
    if (v[0] > 0) return true;
    if (v[1] <= 0) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

Trainer::~Trainer() = default;

void Trainer::buildOptimizer() {
  std::vector<torch::Tensor> decay, plain;
  for (const auto& kv : model_->named_parameters()) {
    if (!kv.value().requires_grad()) continue;
    (noDecay(kv.key(), kv.value()) ? plain : decay).push_back(kv.value());
    params_.push_back(kv.value());
  }
  auto opts = [&](double wd) {
    return std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(cfg_.lr)
                                                            .betas({cfg_.beta1, cfg_.beta2})
                                                            .eps(cfg_.eps)
                                                            .weight_decay(wd));
  };
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(decay, opts(cfg_.weightDecay));
  groups.emplace_back(plain, opts(0.0));
  optimizer_ = std::make_unique<FusedAdamW>(groups, torch::optim::AdamWOptions(cfg_.lr));
}

void Trainer::initWeights(const std::string& weightsPath) {
  loadWeights(*model_, weightsPath);
  model_->to(device_);
  if (ema_) ema_->copyFrom(*model_);
  syncWeights();
  message(spdlog::level::info, "starting from the weights in " + weightsPath);
}

void Trainer::addObserver(TrainObserver* observer) {
  observers_.push_back(observer);
}

void Trainer::message(spdlog::level::level_enum level, const std::string& text) {
  spdlog::log(level, "{}", text);
  for (auto* o : observers_) o->onMessage(level, text);
}

double Trainer::clock() const {
  return clockAtStart_ +
         std::chrono::duration<double>(std::chrono::steady_clock::now() - sessionStart_).count();
}

nlohmann::json Trainer::stateJson() const {
  return {{"step", step_},
          {"time", clock()},
          {"data", data_->state()},
          {"world", world()},
          {"guard", guard_.state()},
          {"emaUpdates", ema_ ? ema_->updates() : 0},
          {"precision", precisionName(precision_)},
          {"globalRng", encodeBytes(at::detail::getDefaultCPUGenerator().get_state())},
          {"modelConfigHash", jsonHash(modelCfg_.toJson())},
          {"trainConfigHash", jsonHash(cfg_.toJson())},
          {"model", modelCfg_.toJson()},
          {"train", cfg_.toJson()}};
}

std::string Trainer::saveCheckpoint() {
  const std::string folder =
      (std::filesystem::path(run_.checkpointsDir()) / checkpointName(step_)).string();
  nlohmann::json state = stateJson();
  if (dist_) {
    // Every rank's data position goes into rank 0's one checkpoint (RowStreams::merge).
    const auto all =
        dist_->gatherToMain("data-state/" + std::to_string(step_), data_->state().dump());
    if (!isMain()) {
      lastCheckpoint_ = folder;
      return folder;
    }
    std::vector<nlohmann::json> states;
    for (const auto& a : all) states.push_back(nlohmann::json::parse(a));
    state["data"] = RowStreams::merge(states);
  }
  CheckpointContent c;
  c.model = model_.get();
  c.ema = ema_ ? emaModel_.get() : nullptr;
  c.optimizer = optimizer_.get();
  c.state = state;
  c.weightsMeta = {{"kind", "transfusion"}, {"config", modelCfg_.toJson()}, {"step", step_}};
  lastCheckpoint_ = writeCheckpoint(run_.checkpointsDir(), step_, c, cfg_.keepCheckpoints);
  message(spdlog::level::info, "saved checkpoint " + lastCheckpoint_);
  for (auto* o : observers_) o->onCheckpoint(lastCheckpoint_);
  return lastCheckpoint_;
}

std::string Trainer::chooseCheckpoint(const ResumeOptions& opts) {
  const std::string dir = run_.checkpointsDir();
  auto all = completeCheckpoints(dir);
  if (opts.fromStep >= 0) {
    const std::string folder =
        (std::filesystem::path(dir) / checkpointName(opts.fromStep)).string();
    if (std::find(all.begin(), all.end(), folder) == all.end()) {
      std::string steps;
      for (const auto& f : all)
        steps += (steps.empty() ? "" : ", ") +
                 std::to_string(checkpointStep(std::filesystem::path(f).filename().string()));
      throw CheckpointError("run " + run_.root() + " has no complete checkpoint at step " +
                            std::to_string(opts.fromStep) + "; it has " +
                            (steps.empty() ? std::string("none") : "steps " + steps));
    }
    if (const auto why = checkpointDamage(folder); !why.empty())
      throw CheckpointError("checkpoint " + folder + " is damaged (" + why +
                                "); resume from another step (resumeFrom)",
                            "resumeFrom");
    return folder;
  }
  // Newest first; a damaged one is set aside (renamed, nothing deleted) with a warning and the
  // next older one is tried, so one torn file never stops a run that has intact checkpoints.
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    const std::string why = checkpointDamage(*it);
    if (why.empty()) return *it;
    const std::string aside = *it + ".damaged";
    std::error_code ec;
    std::filesystem::rename(*it, aside, ec);
    message(spdlog::level::warn, "checkpoint " + *it + " is damaged (" + why + "); " +
                                     (ec ? std::string("left in place") : "moved to " + aside) +
                                     ", falling back to the previous one");
  }
  if (!all.empty())
    throw CheckpointError("run " + run_.root() +
                          " has no intact checkpoint left (each was damaged; see the warnings)");
  return "";
}

bool Trainer::resume(const ResumeOptions& opts) {
  // Rank 0 picks (and sets damaged ones aside); the others take its choice.
  std::string folder;
  if (isMain()) {
    std::string why;
    try {
      folder = chooseCheckpoint(opts);
    } catch (const Error& e) {
      why = e.what();
    }
    if (dist_) dist_->set("resume-from", why.empty() ? "ok:" + folder : "error:" + why);
    if (!why.empty()) throw CheckpointError(why, "resumeFrom");
  } else {
    const std::string v = dist_->get("resume-from");
    if (v.rfind("error:", 0) == 0)
      throw CheckpointError("rank 0 could not resume: " + v.substr(6), "resumeFrom");
    folder = v.substr(3);
  }
  if (folder.empty()) return false;
  CheckpointContent c;
  c.model = model_.get();
  c.ema = ema_ ? emaModel_.get() : nullptr;
  c.optimizer = optimizer_.get();
  c.rebuildMissingEma = opts.rebuildEma;
  // Check the config before touching any weights.
  {
    std::ifstream in(folder + "/state.json");
    auto st = nlohmann::json::parse(in, nullptr, false);
    if (!st.is_discarded() && st.value("modelConfigHash", "") != jsonHash(modelCfg_.toJson()))
      throw CheckpointError("checkpoint " + folder +
                            " was trained with a different model config; resume with the run's "
                            "config.json or start a new run");
  }
  auto state = readCheckpoint(folder, c, /*verify=*/false);  // chooseCheckpoint checked it
  try {
    step_ = state.at("step").get<int64_t>();
    clockAtStart_ = state.value("time", 0.0);
    data_->restore(state.at("data"));
    if (const auto* rows = dynamic_cast<const RowStreams*>(data_.get());
        rows && !rows->dataOrderNote().empty())
      message(spdlog::level::warn, rows->dataOrderNote());
    if (const int64_t was = state.value("world", int64_t{1}); was != world())
      message(spdlog::level::warn, "the checkpoint was written by a job of " + std::to_string(was) +
                                       " process(es) and this one has " + std::to_string(world()));
    guard_.restore(state.at("guard"));
    if (ema_) ema_->setUpdates(state.value("emaUpdates", int64_t{0}));
    if (ema_ && state.value("emaRebuilt", false)) {
      ema_->copyFrom(*model_);
      message(spdlog::level::warn, "checkpoint " + folder +
                                       " has no EMA weights: the EMA starts again from the "
                                       "model's weights at step " +
                                       std::to_string(state.at("step").get<int64_t>()));
    }
    if (state.contains("globalRng")) {
      at::Generator global = at::detail::getDefaultCPUGenerator();  // a handle to the same state
      global.set_state(decodeBytes(state["globalRng"].get<std::string>()));
    }
  } catch (const nlohmann::json::exception& e) {
    throw CheckpointError("\"" + folder + "/state.json\" is incomplete (" + e.what() +
                          "); resume from an earlier checkpoint");
  }
  const std::string was = state.value("precision", "fp32");
  if (was != precisionName(precision_))
    message(spdlog::level::warn,
            "the checkpoint was trained in " + was + " and this session runs " +
                precisionName(precision_) +
                ": the losses will not repeat the uninterrupted run's exactly");
  if (state.value("trainConfigHash", "") != jsonHash(cfg_.toJson()))
    message(spdlog::level::warn,
            "the train config differs from the checkpoint's; continuing with the new one");
  sessionStart_ = std::chrono::steady_clock::now();
  lastCheckpoint_ = folder;
  message(spdlog::level::info, "resumed from " + folder + " at step " + std::to_string(step_));
  return true;
}

StepMetrics Trainer::step() {
  const auto t0 = std::chrono::steady_clock::now();
  StepMetrics m;
  m.totalSteps = cfg_.steps;
  m.lr = schedule_.at(step_);
  for (auto& g : optimizer_->param_groups())
    static_cast<torch::optim::AdamWOptions&>(g.options()).lr(m.lr);
  optimizer_->zero_grad();
  bool finiteLosses = true;
  for (int64_t a = 0; a < cfg_.gradAccum; ++a) {
    Batch batch;
    {
      RECORD_USER_SCOPE("tfs::batch");
      batch = data_->next();
    }
    m.tokens += (batch.docIds >= 0).sum().item<int64_t>();
    m.images += batch.images();
    LossNorm norm;  // one process: each loss is its batch's mean
    if (dist_) {
      spdlog::debug("step {} micro-batch {}: {} images on rank {}", step_ + 1, a, batch.images(),
                    dist_->rank());
      // The whole job's counts, so that the ranks' losses add up to the global batch's mean.
      const auto local = lossCounts(batch);
      const auto global = dist_->sum({local.lmTokens, local.diffusionWeight});
      norm.lmTokens = global[0];
      norm.diffusionWeight = global[1];
    }
    Batch b = batch.to(device_);
    Losses losses;
    {
      RECORD_USER_SCOPE("tfs::forward");
      AutocastScope autocast(device_, precision_);
      losses = model_->loss(b, norm);
    }
    const double total = losses.total.item<double>();
    m.lm += losses.lm.item<double>() / cfg_.gradAccum;
    m.diffusion += losses.diffusion.item<double>() / cfg_.gradAccum;
    m.total += total / cfg_.gradAccum;
    if (!std::isfinite(total)) {
      finiteLosses = false;
      continue;  // its gradients would poison the sum; the step is skipped anyway
    }
    RECORD_USER_SCOPE("tfs::backward");
    if (reducer_) reducer_->prepare(/*sync=*/a == cfg_.gradAccum - 1);
    (losses.total / static_cast<double>(cfg_.gradAccum)).backward();
  }
  if (dist_) {
    {
      RECORD_USER_SCOPE("tfs::allreduce_wait");
      reducer_->finish();  // also on a rank that skipped backward: every rank reduces
    }
    m.allreduceWaitS = reducer_->stats().exposedSeconds;
    const auto g = dist_->sum(
        {m.lm, m.diffusion, m.total, double(m.tokens), double(m.images), finiteLosses ? 0.0 : 1.0});
    m.lm = g[0];
    m.diffusion = g[1];
    m.total = g[2];
    m.tokens = static_cast<int64_t>(g[3]);
    m.images = static_cast<int64_t>(g[4]);
    finiteLosses = g[5] == 0 && std::isfinite(m.total);
    m.world = world();
  }
  auto verdict = guard_.check(finiteLosses ? m.total : std::numeric_limits<double>::quiet_NaN());
  if (!verdict.skip) {
    const double maxNorm =
        cfg_.gradClip > 0 ? cfg_.gradClip : std::numeric_limits<double>::infinity();
    RECORD_USER_SCOPE("tfs::clip_grad_norm");
    m.gradNorm = torch::nn::utils::clip_grad_norm_(params_, maxNorm);
    if (!std::isfinite(m.gradNorm)) {
      verdict.skip = true;
      verdict.reason = "gradient norm is not finite";
      guard_.noteSkipped();
    }
  }
  if (verdict.skip) {
    optimizer_->zero_grad();
    m.skipped = true;
    m.skipReason = verdict.reason;
    message(spdlog::level::warn,
            "step " + std::to_string(step_ + 1) + ": update skipped, " + verdict.reason);
  } else {
    {
      RECORD_USER_SCOPE("tfs::optimizer");
      optimizer_->step();
    }
    if (ema_) {
      RECORD_USER_SCOPE("tfs::ema");
      ema_->update(*model_);
    }
    guard_.noteApplied();
  }
  if (dist_ && verifyWeights_) verifySameWeights();
  ++step_;
  m.step = step_;
  m.time = clock();
  const double secs =
      std::max(1e-9, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  m.tokensPerS = m.tokens / secs;
  m.imagesPerS = m.images / secs;
  if (metrics_) metrics_->append(m);
  for (auto* o : observers_) o->onStep(m);
  if (cfg_.maxConsecutiveSkips > 0 && guard_.consecutiveSkips() >= cfg_.maxConsecutiveSkips) {
    std::ostringstream os;
    os << "training stopped at step " << step_ << ": the last " << guard_.consecutiveSkips()
       << " updates were all skipped (the last because " << m.skipReason
       << "), so the weights no longer change. Lower lr (now " << cfg_.lr
       << "), raise warmupSteps or lower gradClip, or check the data; resume from the last good "
          "checkpoint"
       << (lastCheckpoint_.empty() ? std::string() : " (" + lastCheckpoint_ + ")")
       << " with those train-config fields changed, or raise maxConsecutiveSkips (0 = never "
          "stop)";
    throw TrainingError(os.str(), "lr");
  }
  return m;
}

TrainSummary Trainer::run() {
  if (isMain()) metrics_ = std::make_unique<MetricsLog>(run_.metricsPath(), step_);
  TrainSummary s;
  const int64_t startStep = step_;
  if (step_ == 0)
    message(
        spdlog::level::info,
        "training " + std::to_string(cfg_.steps) + " steps on " + device_.str() + " in " +
            precisionName(precision_) +
            (device_.is_cpu() ? " (CPU: " + cpuFeatures().summary() + ")" : std::string()) +
            (dist_ ? ", as " + dist_->env().describe() + " over " + dist_->backend() +
                         " (gradients in " + std::to_string(reducer_->stats().buckets) + " buckets)"
                   : std::string()));
  while (step_ < cfg_.steps) {
    if (agreeToStop()) {
      s.stopped = true;
      message(spdlog::level::info, "stop requested at step " + std::to_string(step_) + "; saving");
      break;
    }
    StepMetrics m = step();
    s.lastLm = m.lm;
    s.lastDiffusion = m.diffusion;
    if (m.step % cfg_.logEvery == 0 || m.step == cfg_.steps)
      spdlog::debug("step {}/{} lm {:.4f} diffusion {:.4f} lr {:.3g} grad {:.3f} {:.0f} tok/s",
                    m.step, cfg_.steps, m.lm, m.diffusion, m.lr, m.gradNorm, m.tokensPerS);
    if (cfg_.checkpointEvery > 0 && step_ % cfg_.checkpointEvery == 0 && step_ < cfg_.steps)
      saveCheckpoint();
    if (isMain() && sampleHook_ && cfg_.sampleEvery > 0 && step_ % cfg_.sampleEvery == 0) {
      try {
        torch::NoGradGuard ng;
        auto& target = ema_ ? emaModel_ : model_;
        target->eval();
        auto paths = sampleHook_(step_, run_.samplesDir());
        if (!ema_) model_->train();
        for (const auto& p : paths)
          for (auto* o : observers_) o->onSample(p);
      } catch (const Error& e) {
        model_->train();
        message(spdlog::level::warn, std::string("sampling failed: ") + e.what());
      }
    }
  }
  if (step_ > startStep || lastCheckpoint_.empty() ||
      checkpointStep(std::filesystem::path(lastCheckpoint_).filename().string()) != step_)
    saveCheckpoint();
  s.steps = step_;
  s.stepsThisSession = step_ - startStep;
  s.seconds = clock();
  s.skipped = guard_.skipped();
  s.lastCheckpoint = lastCheckpoint_;
  metrics_.reset();
  for (auto* o : observers_) o->onFinished(s);
  return s;
}

}  // namespace tfs
