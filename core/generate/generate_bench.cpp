#include "core/generate/generate_bench.h"

#include "core/base/precision.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>

#include "core/generate/generator.h"

namespace tfs {
namespace {

using Clock = std::chrono::steady_clock;

void sync(const torch::Device& d) {
#if TORCH_VERSION_MAJOR >= 2
  if (d.is_cuda()) torch::cuda::synchronize();
#else
  (void)d;
#endif
}

// Median seconds of fn over repeats, after one warm-up call.
template <class F>
double timeIt(const torch::Device& d, int64_t repeats, F&& fn) {
  fn();
  sync(d);
  std::vector<double> s;
  for (int64_t i = 0; i < std::max<int64_t>(1, repeats); ++i) {
    auto t0 = Clock::now();
    fn();
    sync(d);
    s.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
  }
  std::sort(s.begin(), s.end());
  return s[s.size() / 2];
}

std::vector<int64_t> randomPrompt(const ModelBundle& b, int64_t len, uint64_t seed) {
  auto gen = at::detail::createCPUGenerator(seed);
  const auto& sp = b.special();
  auto ids = at::randint(6, b.config().vocabSize, {std::max<int64_t>(0, len - 2)}, gen,
                         torch::TensorOptions().dtype(torch::kInt64));
  std::vector<int64_t> out = {sp.bos};
  for (int64_t i = 0; i < ids.numel(); ++i) out.push_back(ids[i].item<int64_t>());
  out.push_back(sp.boi);
  return out;
}

}  // namespace

nlohmann::json benchGenerate(ModelBundle& bundle, const GenerateBenchOptions& o) {
  torch::NoGradGuard ng;
  // The Generator's calls set the bundle's precision themselves; the direct decode loop below
  // (text tokens/s) needs it too.
  AutocastScope autocast(bundle.device(), bundle.precision());
  const auto& cfg = bundle.config();
  const auto dev = bundle.device();
  // The Generator only needs a shared_ptr; this one does not own the bundle.
  Generator gen(std::shared_ptr<ModelBundle>(&bundle, [](ModelBundle*) {}));
  nlohmann::json out;
  out["model"] = bundle.modelName();
  out["run"] = bundle.runDir();
  out["device"] = dev.str();
  out["threads"] = at::get_num_threads();
  out["precision"] = precisionName(bundle.precision());
  out["patches_per_image"] = cfg.patchesPerImage();
  auto x = torch::randn({1, cfg.latentChannels, cfg.latentSize(), cfg.latentSize()});

  nlohmann::json steps = nlohmann::json::array();
  for (int64_t len : o.prefixes) {
    if (len + cfg.patchesPerImage() + 2 > cfg.maxSeqLen) {
      steps.push_back({{"prefix", len}, {"skipped", "longer than maxSeqLen"}});
      continue;
    }
    auto prompt = randomPrompt(bundle, len, o.seed + len);
    nlohmann::json row = {{"prefix", len}};
    for (bool cache : {true, false}) {
      auto st = gen.prefillTokens(prompt, cache);
      double s = timeIt(dev, o.repeats, [&] { gen.predictEps(st, 0, x, 500, 1.0); });
      row[cache ? "cached_ms" : "uncached_ms"] = s * 1e3;
    }
    row["speedup"] = row["uncached_ms"].get<double>() / row["cached_ms"].get<double>();
    // What the cache can save at most: a step runs P + I positions uncached, I cached.
    row["bound"] = double(len + cfg.patchesPerImage()) / double(cfg.patchesPerImage());
    row["of_bound"] = row["speedup"].get<double>() / row["bound"].get<double>();
    steps.push_back(row);
  }
  out["denoise_step"] = steps;

  {
    const int64_t len = std::min<int64_t>(64, cfg.maxSeqLen - cfg.patchesPerImage() - 2);
    auto cond = gen.prefillTokens(randomPrompt(bundle, len, o.seed), true);
    auto uncond = gen.prefillTokens({bundle.special().bos, bundle.special().boi}, true);
    auto pair = DecodeState::stack(cond, uncond);
    double single = timeIt(dev, o.repeats, [&] { gen.predictEps(cond, 0, x, 500, 1.0); });
    double batched = timeIt(dev, o.repeats, [&] { gen.predictEps(pair, 0, x, 500, 3.0); });
    out["cfg"] = {{"prefix", len},
                  {"single_ms", single * 1e3},
                  {"batched_ms", batched * 1e3},
                  {"ratio", batched / single}};
  }

  {
    const int64_t len = std::min<int64_t>(16, cfg.maxSeqLen - cfg.patchesPerImage() - 2);
    auto prompt = randomPrompt(bundle, len, o.seed + 1);
    nlohmann::json images = nlohmann::json::array();
    auto run = [&](const std::string& sampler, int64_t steps, double cfgScale) {
      GenerateOptions g;
      g.seed = o.seed;
      g.image.sampler = sampler;
      g.image.steps = steps;
      g.image.cfgScale = cfgScale;
      g.image.previewEvery = 0;
      auto t0 = Clock::now();
      auto r = gen.imagesFromTokens(prompt, 1, g);
      sync(dev);
      double s = std::chrono::duration<double>(Clock::now() - t0).count();
      images.push_back({{"sampler", sampler},
                        {"steps", steps},
                        {"cfg", cfgScale},
                        {"seconds", s},
                        {"images_per_s", 1.0 / s}});
      return r.images[0].image;
    };
    run("ddpm", o.slowSteps, 3.0);
    auto fast = run("dpmpp-2m", o.fastSteps, 3.0);
    auto ddimFast = run("ddim", o.fastSteps, 3.0);
    auto reference = run("ddim", o.slowSteps, 3.0);
    out["images"] = images;
    // Same x_T: the deterministic 250-step DDIM path is the reference the fast solvers approximate.
    auto rmse = [&](const torch::Tensor& a) {
      return (a - reference).pow(2).mean().sqrt().item<double>();
    };
    out["fast_vs_reference"] = {{"reference", "ddim-" + std::to_string(o.slowSteps)},
                                {"dpmpp_rmse", rmse(fast)},
                                {"ddim_same_steps_rmse", rmse(ddimFast)},
                                {"pixel_range", 2.0}};
  }

  {
    // Text-to-image in batches: images/s against N (DPM-Solver++ 20 steps, CFG 3).
    const int64_t len = std::min<int64_t>(16, cfg.maxSeqLen - cfg.patchesPerImage() - 2);
    auto prompt = randomPrompt(bundle, len, o.seed + 3);
    nlohmann::json rows = nlohmann::json::array();
    for (int64_t n : o.batchSizes) {
      GenerateOptions g;
      g.seed = o.seed;
      g.image.steps = o.fastSteps;
      g.image.previewEvery = 0;
      g.image.batch = n;
      auto t0 = Clock::now();
      gen.imagesFromTokens(prompt, n, g);
      sync(dev);
      const double s = std::chrono::duration<double>(Clock::now() - t0).count();
      rows.push_back({{"n", n}, {"seconds", s}, {"images_per_s", double(n) / s}});
    }
    out["batched"] = rows;
  }

  {
    const int64_t len = std::min<int64_t>(64, cfg.maxSeqLen / 2);
    auto prompt = randomPrompt(bundle, len, o.seed + 2);
    prompt.pop_back();  // text continues, no image
    const int64_t n = std::min<int64_t>(o.textTokens, cfg.maxSeqLen - len - 1);
    auto& model = bundle.model();
    double ttft = 0, decode = 0;
    for (int64_t r = 0; r < std::max<int64_t>(1, o.repeats / 2) + 1; ++r) {
      auto t0 = Clock::now();
      torch::Tensor h;
      auto st = gen.prefillTokens(prompt, true, &h);
      int64_t id = model->logits(h).argmax(-1).item<int64_t>();
      auto t1 = Clock::now();
      for (int64_t i = 1; i < n; ++i) {
        auto hh = st.runTokens(torch::full({1, 1}, id, torch::kInt64), true);
        id = model->logits(hh.select(1, 0)).argmax(-1).item<int64_t>();
      }
      auto t2 = Clock::now();
      if (r == 0) continue;  // warm-up
      ttft += std::chrono::duration<double>(t1 - t0).count();
      decode += std::chrono::duration<double>(t2 - t1).count();
    }
    const double reps = static_cast<double>(std::max<int64_t>(1, o.repeats / 2));
    out["text"] = {{"prompt_tokens", len - 1},
                   {"decoded_tokens", n},
                   {"ttft_ms", ttft / reps * 1e3},
                   {"tokens_per_s", static_cast<double>(n - 1) / (decode / reps)}};
  }
  return out;
}

std::string formatGenerateBench(const nlohmann::json& r) {
  std::ostringstream s;
  char buf[256];
  s << "model " << r["model"].get<std::string>() << " on " << r["device"].get<std::string>() << " ("
    << r["threads"].get<int>() << " threads) in " << r.value("precision", std::string("fp32"))
    << ", " << r["patches_per_image"].get<int64_t>() << " patches per image\n\n";
  s << "denoising step       prefix   cached ms   uncached ms   speedup   bound (P+I)/I\n";
  for (const auto& row : r["denoise_step"]) {
    if (row.contains("skipped")) {
      std::snprintf(buf, sizeof buf, "                     %6lld   (%s)\n",
                    static_cast<long long>(row["prefix"].get<int64_t>()),
                    row["skipped"].get<std::string>().c_str());
    } else {
      std::snprintf(buf, sizeof buf,
                    "                     %6lld   %9.2f   %11.2f   %6.2fx   %5.2fx (%.0f %%)\n",
                    static_cast<long long>(row["prefix"].get<int64_t>()),
                    row["cached_ms"].get<double>(), row["uncached_ms"].get<double>(),
                    row["speedup"].get<double>(), row.value("bound", 0.0),
                    100 * row.value("of_bound", 0.0));
    }
    s << buf;
  }
  const auto& c = r["cfg"];
  std::snprintf(buf, sizeof buf,
                "\nCFG step (prefix %lld): single %.2f ms, batched cond+uncond %.2f ms (%.2fx)\n",
                static_cast<long long>(c["prefix"].get<int64_t>()), c["single_ms"].get<double>(),
                c["batched_ms"].get<double>(), c["ratio"].get<double>());
  s << buf << "\nimage (CFG 3)        sampler    steps    seconds   images/s\n";
  for (const auto& row : r["images"]) {
    std::snprintf(buf, sizeof buf, "                     %-9s %6lld   %8.3f   %8.3f\n",
                  row["sampler"].get<std::string>().c_str(),
                  static_cast<long long>(row["steps"].get<int64_t>()), row["seconds"].get<double>(),
                  row["images_per_s"].get<double>());
    s << buf;
  }
  const auto& f = r["fast_vs_reference"];
  std::snprintf(
      buf, sizeof buf,
      "fast vs %s (same x_T, pixel RMSE on [-1,1]): dpmpp-2m %.4f, ddim same steps %.4f\n",
      f["reference"].get<std::string>().c_str(), f["dpmpp_rmse"].get<double>(),
      f["ddim_same_steps_rmse"].get<double>());
  s << buf;
  if (r.contains("batched")) {
    s << "\ntext-to-image in one batch (dpmpp-2m, CFG 3)   N   seconds   images/s\n";
    for (const auto& row : r["batched"]) {
      std::snprintf(buf, sizeof buf,
                    "                                           %3lld  %8.3f   %8.2f\n",
                    static_cast<long long>(row["n"].get<int64_t>()), row["seconds"].get<double>(),
                    row["images_per_s"].get<double>());
      s << buf;
    }
  }
  const auto& t = r["text"];
  std::snprintf(
      buf, sizeof buf, "\ntext: time to first token %.2f ms (prompt %lld tokens), %.1f tokens/s\n",
      t["ttft_ms"].get<double>(), static_cast<long long>(t["prompt_tokens"].get<int64_t>()),
      t["tokens_per_s"].get<double>());
  s << buf;
  return s.str();
}

}  // namespace tfs
