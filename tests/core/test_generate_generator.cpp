// The generator on a randomly initialised tiny-test model: modes, cache, guidance, seeds, cancel,
// loading a run folder and refusing bad input.
#include <torch/torch.h>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <functional>

#include "core/base/error.h"
#include "core/generate/generator.h"
#include "core/generate/image_output.h"
#include "core/model/weights_io.h"
#include "core/text/tokenizer.h"
#include "tests/support/test_support.h"

namespace {

struct Recorder : tfs::GenerationObserver {
  std::function<void(const tfs::DenoiseStepEvent&)> step;
  std::vector<std::pair<int64_t, int64_t>> steps;  // (image, step)
  std::vector<tfs::ImageDoneEvent> images;
  std::vector<int64_t> tokens;
  int finished = 0;
  void onToken(const tfs::TokenEvent& e) override { tokens.push_back(e.id); }
  void onStep(const tfs::DenoiseStepEvent& e) override {
    steps.emplace_back(e.image, e.step);
    if (step) step(e);
  }
  void onImage(const tfs::ImageDoneEvent& e) override { images.push_back(e); }
  void onFinished(const tfs::GenerationResult&) override { ++finished; }
};

double maxDiff(const torch::Tensor& a, const torch::Tensor& b) {
  return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

}  // namespace

class TestGenerateGenerator : public QObject {
  Q_OBJECT
  std::string dir_;
  std::optional<tfs::Tokenizer> tok_;
  std::shared_ptr<tfs::ModelBundle> bundle_;
  std::unique_ptr<tfs::Generator> gen_;

  tfs::GenerateOptions fast(const std::string& sampler = "ddim", int64_t steps = 4) {
    tfs::GenerateOptions o;
    o.image.sampler = sampler;
    o.image.steps = steps;
    o.image.cfgScale = 1.0;
    o.text.maxTokens = 6;
    o.seed = 11;
    return o;
  }
  tfs::ModelConfig config() {
    auto cfg = tfs::preset("tiny-test");
    cfg.vocabSize = tok_->vocabSize();
    cfg.maxSeqLen = 128;
    return cfg;
  }

  // The chat's prompt for the conversation with an image opened after it.
  tfs::DecodeState prefillOpenImage(const tfs::Conversation& c, bool cache,
                                    torch::Tensor* h = nullptr) {
    auto items = gen_->replyPrompt(c).doc.items;
    items.push_back(tok_->boi());
    return gen_->prefillItems(items, tfs::Generator::conversationImages(c), cache, h);
  }

 private Q_SLOTS:
  void initTestCase() {
    dir_ = (tfs::test::tempRoot() + QStringLiteral("/generate_generator")).toStdString();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::vector<std::string> texts;
    const char* colours[] = {"red", "green", "blue", "yellow"};
    const char* kinds[] = {"circle", "square", "triangle"};
    for (int i = 0; i < 120; ++i)
      texts.push_back(std::string("a ") + colours[i % 4] + " " + kinds[i % 3] + " on " +
                      colours[(i / 4) % 4]);
    tfs::Tokenizer::TrainOptions o;
    o.vocabSize = 300;
    tok_ = tfs::Tokenizer::train(texts, dir_ + "/tok.model", o);
    bundle_ = tfs::ModelBundle::random(config(), 1, torch::kCPU, torch::kFloat32, tok_);
    gen_ = std::make_unique<tfs::Generator>(bundle_);
  }

  void switchesToDiffusionOnBoiAndBack() {
    // Bias the LM head: BOI is the argmax until the one allowed image is made, then EOS.
    auto o = fast();
    o.maxImages = 1;
    o.logitBias[tok_->boi()] = 1e4;
    o.logitBias[tok_->eos()] = 1e3;
    tfs::Conversation c;
    c.addText(tfs::Role::User, "a red circle");
    Recorder r;
    auto res = gen_->reply(c, o, false, &r);
    QCOMPARE(res.tokens, (std::vector<int64_t>{tok_->boi(), tok_->eoi(), tok_->eos()}));
    QCOMPARE(int(res.images.size()), 1);
    QCOMPARE(res.images[0].image.sizes().vec(), (std::vector<int64_t>{3, 8, 8}));
    QVERIFY(res.images[0].image.abs().max().item<float>() <= 1.0f);
    QCOMPARE(int(r.steps.size()), 4);
    QCOMPARE(int(r.images.size()), 1);
    QCOMPARE(r.finished, 1);
    QVERIFY(res.reason == tfs::FinishReason::Eos);
    QVERIFY(res.reply.parts.size() == 1 && res.reply.parts[0].isImage());
    // Text after the image: EOS banned by a bias below the text tokens' range → text, no image.
    auto t = fast();
    t.maxImages = 1;
    t.logitBias[tok_->eos()] = -1e4;
    auto forced = gen_->reply(c, t, true, nullptr);
    QCOMPARE(forced.tokens[0], tok_->boi());
    QCOMPARE(forced.tokens[1], tok_->eoi());
    QCOMPARE(int(forced.tokens.size()), 2 + 6);  // the image, then maxTokens text tokens
    QVERIFY(forced.reason == tfs::FinishReason::MaxTokens);
    QCOMPARE(int(forced.images.size()), 1);
  }

  void kvCacheEqualsNoCache() {
    tfs::Conversation c;
    c.addText(tfs::Role::User, "a blue square");
    c.addImage(tfs::Role::User, torch::rand({3, 8, 8}) * 2 - 1);
    c.addText(tfs::Role::User, "and a green");
    torch::Tensor h1, h2;
    auto cached = prefillOpenImage(c, true, &h1);
    auto full = prefillOpenImage(c, false, &h2);
    QCOMPARE(cached.length(), full.length());
    auto& model = bundle_->model();
    QVERIFY(maxDiff(model->logits(h1), model->logits(h2)) < 1e-4);
    auto x = torch::randn({1, 3, 8, 8});
    for (double scale : {1.0, 3.0}) {
      auto u1 = gen_->prefillTokens({tok_->bos(), tok_->boi()}, true);
      auto u2 = gen_->prefillTokens({tok_->bos(), tok_->boi()}, false);
      auto p1 = tfs::DecodeState::stack(cached, u1), p2 = tfs::DecodeState::stack(full, u2);
      auto e1 = gen_->predictEps(p1, 5, x, 500, scale), e2 = gen_->predictEps(p2, 5, x, 500, scale);
      QVERIFY2(maxDiff(e1, e2) < 1e-4, qPrintable(QString::number(maxDiff(e1, e2))));
    }
    auto o = fast("dpmpp-2m", 5);
    o.image.cfgScale = 3;
    auto a = gen_->textToImage("a red circle", 1, o);
    o.useKvCache = false;
    auto b = gen_->textToImage("a red circle", 1, o);
    QVERIFY(maxDiff(a.images[0].image, b.images[0].image) < 1e-4);
  }

  void guidanceScaleOneIsTheConditionalPass() {
    tfs::Conversation c;
    c.addText(tfs::Role::User, "a yellow triangle on red");
    auto cond = prefillOpenImage(c, true);
    auto uncond = gen_->prefillTokens({tok_->bos(), tok_->boi()}, true);
    auto pair =
        tfs::DecodeState::stack(cond, uncond);  // left-padded: the prefixes differ in length
    QVERIFY(cond.length() > uncond.length());
    auto x = torch::randn({1, 3, 8, 8});
    auto plain = gen_->predictEps(cond, 0, x, 300, 1.0);
    auto batched = gen_->predictEps(pair, 0, x, 300, 1.0);
    QVERIFY2(maxDiff(plain, batched) < 1e-5, qPrintable(QString::number(maxDiff(plain, batched))));
    auto guided = gen_->predictEps(pair, 0, x, 300, 4.0);
    QVERIFY(maxDiff(plain, guided) > 1e-4);  // the unconditional row really differs
  }

  void sameSeedSamePixels() {
    for (const char* s : {"ddpm", "dpmpp-2m"}) {
      auto o = fast(s, 6);
      o.image.cfgScale = 2;
      auto a = gen_->textToImage("a green square", 2, o);
      auto b = gen_->textToImage("a green square", 2, o);
      QVERIFY(torch::equal(a.images[1].image, b.images[1].image));
      QCOMPARE(a.images[1].seed, o.seed + 1);
      // Image k of a batch is the single image of seed + k.
      o.seed += 1;
      auto c = gen_->textToImage("a green square", 1, o);
      QVERIFY(torch::equal(a.images[1].image, c.images[0].image));
      QVERIFY(!torch::equal(a.images[0].image, c.images[0].image));
    }
  }

  void bf16GenerationIsCloseAndRecorded() {
    // --precision bf16: the same request under autocast gives nearly the same image, and says so
    // in its PNG parameters (fp32 ones carry no Precision key, as before).
    auto o = fast("dpmpp-2m", 6);
    auto a = gen_->textToImage("a green square", 1, o);
    bundle_->setPrecision(tfs::Precision::Bf16);
    auto b = gen_->textToImage("a green square", 1, o);
    const auto pb = tfs::imageParams(*bundle_, "a green square", o, o.seed, "generate");
    bundle_->setPrecision(tfs::Precision::Fp32);
    const auto pa = tfs::imageParams(*bundle_, "a green square", o, o.seed, "generate");
    const double diff = (a.images[0].image - b.images[0].image).abs().mean().item<double>();
    qInfo("bf16 vs fp32 mean |pixel difference| %.3g", diff);
    QVERIFY(diff > 0 && diff < 0.2);
    QCOMPARE(QString::fromStdString(pb.extra.at("Precision")), QStringLiteral("bf16"));
    QVERIFY(pa.extra.count("Precision") == 0);
    QVERIFY(tfs::parseParameters(tfs::formatParameters(pb)).extra.at("Precision") == "bf16");
  }

  // Denoised together, each image keeps its own seed's noise: the same pixels as one by one.
  void batchedImagesEqualOneByOne() {
    for (const char* s : {"ddpm", "dpmpp-2m"}) {
      for (double cfg : {1.0, 2.5}) {
        auto o = fast(s, 5);
        o.image.cfgScale = cfg;
        o.image.batch = 1;
        auto single = gen_->textToImage("a red circle", 3, o);
        o.image.batch = 3;
        auto batched = gen_->textToImage("a red circle", 3, o);
        o.image.batch = 2;  // a batch and a remainder
        auto mixed = gen_->textToImage("a red circle", 3, o);
        QCOMPARE(batched.images.size(), size_t(3));
        for (size_t k = 0; k < 3; ++k) {
          QCOMPARE(batched.images[k].seed, single.images[k].seed);
          QVERIFY(maxDiff(batched.images[k].image, single.images[k].image) < 1e-4);
          QVERIFY(maxDiff(mixed.images[k].image, single.images[k].image) < 1e-4);
        }
        QVERIFY(maxDiff(batched.images[0].image, batched.images[1].image) > 1e-3);
      }
    }
  }

  void cancelStopNow() {
    tfs::CancelToken cancel;
    Recorder r;
    r.step = [&](const tfs::DenoiseStepEvent& e) {
      if (e.step == 1) cancel.stopNow();
    };
    auto res = gen_->textToImage("a red circle", 3, fast(), &r, &cancel);
    QVERIFY(res.reason == tfs::FinishReason::Cancelled);
    QCOMPARE(int(res.images.size()), 0);
    QCOMPARE(int(r.steps.size()), 2);
  }

  void cancelStopAfterImage() {
    tfs::CancelToken cancel;
    Recorder r;
    r.step = [&](const tfs::DenoiseStepEvent& e) {
      if (e.step == 1) cancel.stopAfterImage();
    };
    auto res = gen_->textToImage("a red circle", 3, fast(), &r, &cancel);
    QVERIFY(res.reason == tfs::FinishReason::Cancelled);
    QCOMPARE(int(res.images.size()), 1);
    QCOMPARE(int(r.steps.size()), 4);  // the current image ran to its end
  }

  void cancelSkipImage() {
    tfs::CancelToken cancel;
    Recorder r;
    r.step = [&](const tfs::DenoiseStepEvent& e) {
      if (e.image == 0 && e.step == 1) cancel.skipImage();
    };
    auto o = fast();
    auto res = gen_->textToImage("a red circle", 3, o, &r, &cancel);
    QVERIFY(res.reason == tfs::FinishReason::ImageDone);
    QCOMPARE(res.skippedImages, int64_t(1));
    QCOMPARE(int(res.images.size()), 2);
    QCOMPARE(res.images[0].seed, o.seed + 1);
    QVERIFY(r.images[0].skipped);
    QCOMPARE(int(r.steps.size()), 2 + 4 + 4);
    // In a reply: the skipped image leaves no trace and text decoding goes on.
    cancel.clear();
    Recorder r2;
    r2.step = [&](const tfs::DenoiseStepEvent& e) {
      if (e.step == 0) cancel.skipImage();
    };
    auto t = fast();
    t.logitBias[tok_->boi()] = 1e4;
    t.logitBias[tok_->eos()] = 1e3;
    tfs::Conversation c;
    c.addText(tfs::Role::User, "a red circle");
    auto rep = gen_->reply(c, t, false, &r2, &cancel);
    QCOMPARE(rep.skippedImages, int64_t(1));
    QCOMPARE(int(rep.images.size()), 0);
    QCOMPARE(rep.tokens, (std::vector<int64_t>{tok_->eos()}));
  }

  void captionAndEditRun() {
    auto o = fast();
    o.text.maxTokens = 4;
    auto cap = gen_->caption(torch::zeros({3, 8, 8}), o);
    for (auto id : cap.tokens) QVERIFY(id != tok_->boi());
    QVERIFY(cap.reason == tfs::FinishReason::Eos || cap.reason == tfs::FinishReason::MaxTokens);
    auto ed = gen_->edit(torch::zeros({3, 8, 8}), "make it red", o);
    QCOMPARE(int(ed.images.size()), 1);
  }

  void editGuidanceKeepsTheInputImage() {
    // CFG for an edit drops the instruction but keeps the input (InstructPix2Pix's image-only
    // condition): with the instruction itself as the "negative" prompt the two passes see the
    // same sequence, so any scale gives the unguided image.
    const auto input = torch::rand({3, 8, 8}) * 2 - 1;
    auto o = fast();
    o.image.cfgScale = 1.0;
    const auto plain = gen_->edit(input, "make it red", o).images.at(0).image;
    o.image.cfgScale = 4.0;
    o.image.negativePrompt = "make it red";
    const auto same = gen_->edit(input, "make it red", o).images.at(0).image;
    QVERIFY((plain - same).abs().max().item<float>() < 1e-4f);
    o.image.negativePrompt.clear();
    const auto guided = gen_->edit(input, "make it red", o).images.at(0).image;
    QVERIFY((plain - guided).abs().max().item<float>() > 1e-3f);
  }

  void editStrengthStartsFromTheNoisedInput() {
    const auto input = torch::rand({3, 8, 8}) * 2 - 1;
    auto o = fast();
    o.image.steps = 20;
    o.image.editStrength = 0.1;  // the last 2 of 20 steps, from x_t at a very low noise level
    const auto close = gen_->edit(input, "make it red", o).images.at(0).image;
    o.image.editStrength = 1.0;
    const auto fromNoise = gen_->edit(input, "make it red", o).images.at(0).image;
    const double dClose = (close - input).abs().mean().item<double>();
    const double dNoise = (fromNoise - input).abs().mean().item<double>();
    QVERIFY2(dClose < 0.5 * dNoise, qPrintable(QStringLiteral("%1 vs %2").arg(dClose).arg(dNoise)));
    Recorder r;
    o.image.editStrength = 0.5;
    gen_->edit(input, "make it red", o, &r);
    QCOMPARE(int(r.steps.size()), 10);  // half the steps run
    o.image.editStrength = 0.0;
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, gen_->edit(input, "make it red", o));
  }

  void runsTrainedForEditingAreRecognised() {
    const auto root = dir_ + "/edit-kinds";
    auto write = [&](const std::string& name, const nlohmann::json& j) {
      std::filesystem::create_directories(root + "/" + name);
      std::ofstream(root + "/" + name + "/config.json") << j.dump();
      return root + "/" + name;
    };
    QVERIFY(tfs::runTrainedForEditing(write("mixed", {{"train", {{"editProb", 0.7}}}})));
    QVERIFY(tfs::runTrainedForEditing(write("finetune", {{"base", "runs/x"}, {"train", {}}})));
    QVERIFY(!tfs::runTrainedForEditing(write("plain", {{"train", {{"editProb", 0.0}}}})));
    QVERIFY(!tfs::runTrainedForEditing(write("old", {{"train", {{"lr", 1e-3}}}})));
    QVERIFY(tfs::runTrainedForEditing(root + "/missing"));  // unknown: no warning
    // No shipped editing model: the default names the script that makes one.
    if (tfs::shippedModelFor(tfs::ModelUse::Edit).empty()) {
      try {
        tfs::defaultRunDir("", tfs::ModelUse::Edit);
        QFAIL("expected UsageError");
      } catch (const tfs::UsageError& e) {
        QVERIFY2(QString(e.what()).contains(QStringLiteral("make_edit_model.sh")), e.what());
      }
    }
    QCOMPARE(tfs::defaultRunDir("runs/mine", tfs::ModelUse::Edit), std::string("runs/mine"));
    QCOMPARE(tfs::shippedModelFor(tfs::ModelUse::Chat), tfs::shippedModelDir());
  }

  void loadsARunFolder() {
    const auto run = dir_ + "/run";
    std::filesystem::create_directories(run + "/checkpoints/step-0000003");
    { std::ofstream(run + "/config.json") << nlohmann::json{{"model", config().toJson()}}.dump(); }
    std::filesystem::copy_file(dir_ + "/tok.model", run + "/tokenizer.model");
    try {
      tfs::ModelBundle::load(run);
      QFAIL("expected CheckpointError");
    } catch (const tfs::CheckpointError& e) {
      QVERIFY(QString(e.what()).contains(QStringLiteral("no complete checkpoint")));
    }
    tfs::saveWeights(*bundle_->model(), run + "/checkpoints/step-0000003/ema.safetensors");
    std::ofstream(run + "/checkpoints/step-0000003/DONE") << "";
    std::ofstream(run + "/checkpoints/latest") << "step-0000003";
    auto loaded = tfs::ModelBundle::load(run);
    tfs::Generator g(loaded);
    auto o = fast();
    auto a = g.textToImage("a blue circle", 1, o);
    auto b = gen_->textToImage("a blue circle", 1, o);
    QVERIFY(torch::equal(a.images[0].image, b.images[0].image));
    // One rule with training's resume: the complete folders are the truth, not `latest`. A stale
    // `latest` naming an older step loses to a newer DONE folder; a half-written newer one is
    // ignored.
    std::filesystem::create_directories(run + "/checkpoints/step-0000009");
    tfs::saveWeights(*bundle_->model(), run + "/checkpoints/step-0000009/ema.safetensors");
    std::filesystem::create_directories(run + "/checkpoints/step-0000012");  // no DONE
    QVERIFY(tfs::findInferenceWeights(run).find("step-0000003") != std::string::npos);
    std::ofstream(run + "/checkpoints/step-0000009/DONE") << "";
    QVERIFY(tfs::findInferenceWeights(run).find("step-0000009") != std::string::npos);
    QVERIFY_THROWS_EXCEPTION(tfs::IoError, tfs::ModelBundle::load(dir_ + "/nothing"));
    std::filesystem::create_directories(dir_ + "/empty");
    QVERIFY_THROWS_EXCEPTION(tfs::ConfigError, tfs::ModelBundle::load(dir_ + "/empty"));
  }

  void aConfigThatDisagreesWithItsWeightsIsRefused() {
    // config.json edited after training (a field that changes no tensor shape): refused, naming
    // the field and both values; --weights on purpose only warns.
    const auto run = dir_ + "/edited-run";
    std::filesystem::create_directories(run + "/checkpoints/step-0000001");
    auto trained = config().toJson();
    auto edited = trained;
    edited["diffusionSteps"] = trained["diffusionSteps"].get<int64_t>() * 2;
    { std::ofstream(run + "/config.json") << nlohmann::json{{"model", edited}}.dump(); }
    std::filesystem::copy_file(dir_ + "/tok.model", run + "/tokenizer.model");
    const auto w = run + "/checkpoints/step-0000001/ema.safetensors";
    tfs::saveWeights(*bundle_->model(), w, {{"kind", "transfusion"}, {"config", trained}});
    std::ofstream(run + "/checkpoints/step-0000001/DONE") << "1\n";
    try {
      tfs::ModelBundle::load(run);
      QFAIL("loaded weights whose config disagrees with config.json");
    } catch (const tfs::ConfigError& e) {
      QVERIFY2(QString(e.what()).contains(QStringLiteral("diffusionSteps")), e.what());
    }
    tfs::LoadOptions lo;
    lo.weights = w;
    QVERIFY(tfs::ModelBundle::load(run, lo) != nullptr);
  }

  void badInputsAreClear() {
    auto o = fast();
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, gen_->textToImage("  ", 1, o));
    o.image.steps = 0;
    try {
      gen_->textToImage("a red circle", 1, o);
      QFAIL("expected UsageError");
    } catch (const tfs::UsageError& e) {
      QVERIFY(QString(e.what()).contains(QStringLiteral("steps must be at least 1")));
    }
    o = fast();
    o.image.cfgScale = -1;
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, gen_->textToImage("a red circle", 1, o));
    o = fast();
    o.image.sampler = "euler";
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, gen_->textToImage("a red circle", 1, o));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, gen_->edit(torch::zeros({3, 8, 8}), "", fast()));
    QVERIFY_THROWS_EXCEPTION(tfs::UsageError, gen_->reply(tfs::Conversation{}, fast()));
    // Wrong size: centre-cropped and resized; wrong channel count: refused.
    auto fitted = bundle_->prepareImage(torch::zeros({1, 16, 12}));
    QCOMPARE(fitted.sizes().vec(), (std::vector<int64_t>{3, 8, 8}));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, bundle_->prepareImage(torch::zeros({2, 8, 8})));
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, bundle_->prepareImage(torch::zeros({8, 8})));
    const auto junk = dir_ + "/junk.png";
    std::ofstream(junk) << "not a png at all";
    QVERIFY_THROWS_EXCEPTION(tfs::DataError, bundle_->loadImageFile(junk));
    QVERIFY_THROWS_EXCEPTION(tfs::IoError, bundle_->loadImageFile(dir_ + "/missing.png"));
  }
};

QTEST_GUILESS_MAIN(TestGenerateGenerator)
#include "test_generate_generator.moc"
