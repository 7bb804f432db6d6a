#include <fstream>
#include <iostream>
#include <memory>

#include "app/cli/command.h"
#include "app/cli/eval_cli.h"
#include "app/cli/generation_cli.h"
#include "core/base/error.h"
#include "core/data/data_spec.h"
#include "core/data/fashion_mnist.h"
#include "core/eval/caption_accuracy.h"
#include "core/eval/cider.h"
#include "core/eval/classifier_trainer.h"
#include "core/eval/conversation_eval.h"
#include "core/eval/generation_eval.h"
#include "core/eval/image_quality.h"
#include "core/eval/shipped_classifier.h"
#include "core/eval/text_perplexity.h"
#include "core/eval/text_table.h"

namespace {

using tfs::fmtNumber;
using tfs::TextTable;

struct EvalArgs {
  tfs::cli::GenArgs gen;
  bool json = false;
  // perplexity
  std::string text;
  int64_t documents = 1000;
  // cider
  std::string refs, cands, out;
  bool noTokenize = false;
  // train-classifier
  std::string data, classifierData, test, outFile;
  int64_t steps = 3000, batch = 128;
  double lr = 2e-3;
  // fid / caption-accuracy / shapes / edit
  std::string classifier, realData = "fmnist:test";
  int64_t n = 0, real = 2000, perCategory = 10, imagesPerPrompt = 4;
  uint64_t evalSeed = 0;
  // conversation
  int64_t conversations = 5, draws = 4, questions = 10;
};

void printJsonOrTable(bool json, const nlohmann::json& j, const std::string& table) {
  if (json)
    std::cout << j.dump(2) << "\n";
  else
    std::cout << table;
}

// Labelled images of a spec ("fmnist:test") at the given size; only Fashion-MNIST names classes.
tfs::LabelledImages labelledData(const std::string& spec, int64_t imageSize, int64_t channels,
                                 int64_t limit) {
  const auto ds = tfs::parseDataSpec(spec);
  if (ds.kind != "fmnist")
    throw tfs::UsageError("\"" + spec +
                          "\" has no class names this command knows; use fmnist:train or "
                          "fmnist:test");
  tfs::SourceOptions so;
  so.imageSize = imageSize;
  so.channels = channels;
  auto src = tfs::makeExampleSource(ds, so);
  return tfs::collectLabelledImages(*src, limit);
}

int runPerplexity(const EvalArgs& a) {
  if (a.text.empty()) throw tfs::UsageError("give --text SPEC (text:PATH, fortunes or wordnet)");
  if (!tfs::parseDataSpec(a.text).isText())
    throw tfs::UsageError("--text wants a text spec (text:PATH, fortunes, wordnet), got \"" +
                          a.text + "\"");
  auto bundle = tfs::cli::loadBundle(a.gen);
  if (!bundle->tokenizer())
    throw tfs::CheckpointError("the run " + bundle->runDir() +
                               " has no tokenizer.model; perplexity needs the run's tokenizer");
  tfs::SourceOptions so;
  auto src = tfs::makeExampleSource(a.text, so);
  tfs::cli::StderrProgress progress("scoring documents");
  tfs::TextPerplexityOptions o;
  o.maxDocuments = a.documents;
  o.onBatch = [&](int64_t d) { progress.update(d, a.documents > 0 ? a.documents : d); };
  const auto r = tfs::textPerplexity(bundle->model(), *bundle->tokenizer(), *src, o);
  progress.finish();
  auto j = r.toJson();
  j["run"] = bundle->runDir();
  j["text"] = a.text;
  TextTable t({"perplexity", "nats/token", "tokens", "documents", "truncated"});
  t.add({fmtNumber(r.perplexity, 3), fmtNumber(r.nllPerToken, 4), std::to_string(r.tokens),
         std::to_string(r.documents), std::to_string(r.truncated)});
  printJsonOrTable(a.json, j,
                   "perplexity of " + a.text + " under " + bundle->modelName() + " (" +
                       bundle->runDir() + ")\n" + t.render() +
                       "per token of the run's own tokenizer: compare only runs that share it\n");
  return 0;
}

int runCider(const EvalArgs& a) {
  const auto refs = tfs::loadCaptionsJson(a.refs);
  const auto cands = tfs::loadCaptionsJson(a.cands);
  tfs::CiderOptions o;
  o.tokenize = !a.noTokenize;
  const auto r = tfs::ciderD(refs, cands, o);
  auto j = tfs::toJson(r);
  if (!a.out.empty()) {
    std::ofstream f(a.out);
    if (!f) throw tfs::IoError("cannot write '" + a.out + "'; check the folder exists");
    f << j["items"].dump(2) << "\n";
  }
  TextTable t({"metric", "score", "items"});
  t.add({"CIDEr-D", fmtNumber(r.score, 4), std::to_string(r.perItem.size())});
  std::string text = t.render();
  if (r.perItem.size() <= 20) {
    TextTable items({"id", "CIDEr-D"});
    for (const auto& [id, s] : r.perItem) items.add({id, fmtNumber(s, 4)});
    text += "\n" + items.render();
  }
  if (!a.out.empty()) text += "per-item scores written to " + a.out + "\n";
  printJsonOrTable(a.json, j, text);
  return 0;
}

int runTrainClassifier(const EvalArgs& a) {
  if (a.outFile.empty()) throw tfs::UsageError("give --out FILE.safetensors");
  tfs::FeatureClassifierConfig cfg;
  cfg.classNames = tfs::fashionMnistClassNames();
  cfg.dataset = tfs::parseDataSpec(a.classifierData).kind;
  auto train = labelledData(a.classifierData, cfg.imageSize, cfg.channels, 0);
  std::cerr << "training the " << cfg.extractorName() << " on " << train.size() << " images of "
            << a.classifierData << " for " << a.steps << " steps" << std::endl;
  torch::manual_seed(a.evalSeed);
  tfs::FeatureClassifier model(cfg);
  tfs::ClassifierTrainOptions o;
  o.steps = a.steps;
  o.batchSize = a.batch;
  o.lr = a.lr;
  o.seed = a.evalSeed;
  tfs::cli::StderrProgress progress("classifier steps");
  o.onStep = [&](int64_t s, double) { progress.update(s + 1, a.steps); };
  const auto r = tfs::trainFeatureClassifier(model, train, o);
  progress.finish();
  nlohmann::json j = {{"data", a.classifierData},  {"steps", r.steps},
                      {"final_loss", r.finalLoss}, {"seconds", r.seconds},
                      {"out", a.outFile},          {"extractor", cfg.extractorName()}};
  const std::string testSpec = a.test.empty() ? cfg.dataset + ":test" : a.test;
  auto test = labelledData(testSpec, cfg.imageSize, cfg.channels, 0);
  const double testAcc = tfs::classifierAccuracy(model, test.images, test.labels);
  j["test"] = testSpec;
  j["test_accuracy"] = testAcc;
  j["threads"] = at::get_num_threads();
  tfs::saveFeatureClassifier(
      model, a.outFile,
      {{"train_data", a.classifierData},
       {"steps", r.steps},
       {"test_accuracy", testAcc},
       {"command", "transfusion eval train-classifier --data " + a.classifierData + " --steps " +
                       std::to_string(a.steps) + " --seed " + std::to_string(a.evalSeed)}});
  TextTable t({"classifier", "steps", "final loss", "test accuracy", "seconds"});
  t.add({cfg.extractorName(), std::to_string(r.steps), fmtNumber(r.finalLoss, 4),
         fmtNumber(testAcc, 4) + " (" + testSpec + ")", fmtNumber(r.seconds, 0)});
  printJsonOrTable(a.json, j, t.render() + "saved to " + a.outFile + "\n");
  return 0;
}

tfs::GenerateOptions evalGenerateOptions(const EvalArgs& a,
                                         tfs::ModelUse use = tfs::ModelUse::Chat) {
  auto g = tfs::cli::generateOptions(a.gen, use);
  g.image.previewEvery = 0;
  return g;
}

int runFid(const EvalArgs& a) {
  const std::string classifierPath = tfs::classifierPathOrShipped(a.classifier);
  auto classifier = tfs::loadFeatureClassifier(classifierPath);
  auto bundle = tfs::cli::loadBundle(a.gen);
  const auto& cc = classifier->config();
  if (cc.dataset != "fmnist")
    throw tfs::UsageError("the classifier was trained on \"" + cc.dataset +
                          "\"; text-to-image prompts exist only for fmnist");
  auto real = labelledData(a.realData, cc.imageSize, cc.channels, a.real);
  tfs::Generator gen(bundle);
  tfs::ImageQualityOptions o;
  o.n = a.n > 0 ? a.n : 500;
  o.realImages = a.real;
  o.generate = evalGenerateOptions(a);
  o.prompt = [](int64_t c, uint64_t v) { return tfs::fashionMnistCaption(c, v); };
  tfs::cli::StderrProgress progress("text-to-image samples");
  o.onImage = [&](int64_t d, int64_t t) { progress.update(d, t); };
  const auto r = tfs::evaluateImageQuality(gen, classifier, real, o);
  progress.finish();
  auto j = r.toJson();
  j["run"] = bundle->runDir();
  j["classifier"] = classifierPath;
  j["sampler"] = o.generate.image.sampler;
  j["steps"] = o.generate.image.steps;
  j["cfg"] = o.generate.image.cfgScale;
  TextTable t({"measure", "value"});
  t.add({"Fréchet distance, generated vs real", fmtNumber(r.frechet, 3)});
  t.add({"  floor: n real vs the other real images", fmtNumber(r.frechetRealHalves, 3)});
  t.add({"class accuracy of text-to-image samples", fmtNumber(r.classAccuracy, 4)});
  t.add({"classifier accuracy on the real images", fmtNumber(r.realAccuracy, 4)});
  t.add({"generated / real images", std::to_string(r.generated) + " / " + std::to_string(r.real)});
  std::string text = "NOT COCO FID: " + r.label + "\nmodel " + bundle->modelName() + " (" +
                     bundle->runDir() + "), " + o.generate.image.sampler + " " +
                     std::to_string(o.generate.image.steps) + " steps, CFG " +
                     fmtNumber(o.generate.image.cfgScale, 1) + "\n" + t.render();
  TextTable pc({"class", "T2I accuracy"});
  for (size_t c = 0; c < r.perClassAccuracy.size(); ++c)
    pc.add({c < cc.classNames.size() ? cc.classNames[c] : std::to_string(c),
            fmtNumber(r.perClassAccuracy[c], 3)});
  printJsonOrTable(a.json, j, text + "\n" + pc.render());
  return 0;
}

int runCaptionAccuracy(const EvalArgs& a) {
  auto bundle = tfs::cli::loadBundle(a.gen);
  const auto& mc = bundle->config();
  const std::string spec = a.data.empty() ? "fmnist:test" : a.data;
  const int64_t n = a.n > 0 ? a.n : 200;
  auto data = labelledData(spec, mc.imageSize, mc.imageChannels, n);
  tfs::Generator gen(bundle);
  tfs::CaptionEvalOptions o;
  o.n = n;
  o.generate = evalGenerateOptions(a);
  o.classOf = tfs::fashionMnistClassFromCaption;
  tfs::cli::StderrProgress progress("captions");
  o.onItem = [&](int64_t d, int64_t t) { progress.update(d, t); };
  const auto r = tfs::evaluateCaptions(gen, data, tfs::fashionMnistClassNames(), o);
  progress.finish();
  auto j = r.toJson();
  j["run"] = bundle->runDir();
  j["data"] = spec;
  TextTable t({"class", "accuracy"});
  const auto& names = tfs::fashionMnistClassNames();
  for (size_t c = 0; c < names.size(); ++c)
    t.add({names[c], fmtNumber(r.accuracy.classAccuracy(int64_t(c)), 3)});
  t.add({"overall", fmtNumber(r.accuracy.value(), 4)});
  std::string text = "caption accuracy (class named in the caption) of " + bundle->modelName() +
                     " on " + std::to_string(r.accuracy.total()) + " images of " + spec + "\n" +
                     t.render() + std::to_string(r.accuracy.unnamed()) +
                     " captions named no class\n";
  TextTable ex({"label", "caption"});
  for (const auto& [label, caption] : r.examples) ex.add({names[size_t(label)], caption});
  printJsonOrTable(a.json, j, text + "\n" + ex.render());
  return 0;
}

int runConversation(const EvalArgs& a) {
  const std::string classifierPath = tfs::classifierPathOrShipped(a.classifier);
  auto classifier = tfs::loadFeatureClassifier(classifierPath);
  auto bundle = tfs::cli::loadBundle(a.gen);
  const auto& mc = bundle->config();
  auto test =
      labelledData(a.data.empty() ? "fmnist:test" : a.data, mc.imageSize, mc.imageChannels, 2000);
  tfs::Generator gen(bundle);
  tfs::ConversationEvalOptions o;
  o.conversations = a.conversations;
  o.draws = a.draws;
  o.questions = a.questions;
  o.generate = evalGenerateOptions(a);
  o.seed = a.evalSeed;
  tfs::cli::StderrProgress progress("conversation turns");
  o.onTurn = [&](int64_t d, int64_t t) { progress.update(d, t); };
  const auto r = tfs::evaluateConversations(
      gen, classifier, test, tfs::fashionMnistClassNames(), tfs::fashionMnistClassFromCaption,
      [](int64_t label) { return tfs::fashionMnistCaption(label, 1); }, o);
  progress.finish();
  auto j = r.toJson();
  j["run"] = bundle->runDir();
  j["classifier"] = classifierPath;
  TextTable t({"measure", "value"});
  t.add({"/draw turns showing the asked class (" + std::to_string(o.draws) + " per chat)",
         std::to_string(r.drawCorrect) + " / " + std::to_string(r.drawTurns) + " = " +
             fmtNumber(100 * r.drawAccuracy(), 1) + " %"});
  t.add({"  drawn images that are mostly noise", std::to_string(r.drawNoise)});
  t.add({"  draw turns without an image", std::to_string(r.drawNoImage)});
  t.add({"'what is this?' replies naming the class (" + std::to_string(o.questions) + " per chat)",
         std::to_string(r.askCorrect) + " / " + std::to_string(r.askTurns) + " = " +
             fmtNumber(100 * r.askAccuracy(), 1) + " %"});
  t.add({"  empty replies", std::to_string(r.askEmpty)});
  t.add({"messages dropped to fit the context", std::to_string(r.droppedMessages)});
  std::string per;
  for (size_t i = 0; i < r.drawPerConversation.size(); ++i)
    per += (i ? ", " : "") + fmtNumber(r.drawPerConversation[i] * o.draws, 0) + "/" +
           std::to_string(o.draws);
  t.add({"draws right, per conversation", per});
  per.clear();
  for (size_t i = 0; i < r.askPerConversation.size(); ++i)
    per += (i ? ", " : "") + fmtNumber(r.askPerConversation[i] * o.questions, 0) + "/" +
           std::to_string(o.questions);
  t.add({"answers right, per conversation", per});
  std::string text = "scripted conversations with " + bundle->modelName() + " (" +
                     bundle->runDir() + "), " + std::to_string(o.conversations) +
                     " of each kind; images judged by " + classifierPath + "\n" + t.render() +
                     "\nfirst conversations:\n";
  for (const auto& line : r.transcript) text += "  " + line + "\n";
  printJsonOrTable(a.json, j, text);
  return 0;
}

int runShapes(const EvalArgs& a) {
  auto bundle = tfs::cli::loadBundle(a.gen);
  tfs::requireShapesModel(*bundle, "ShapesEval");
  const auto prompts = tfs::makeShapesPrompts(int(a.perCategory), a.evalSeed + 7919,
                                              int(bundle->config().imageSize));
  tfs::Generator gen(bundle);
  tfs::cli::StderrProgress progress("ShapesEval images");
  const auto r = tfs::runShapesEval(gen, prompts, a.imagesPerPrompt, evalGenerateOptions(a),
                                    [&](int64_t d, int64_t t) { progress.update(d, t); });
  progress.finish();
  auto j = r.toJson();
  j["run"] = bundle->runDir();
  TextTable t({"category", "images", "accuracy"});
  for (const auto& [cat, acc] : r.categoryAccuracy)
    t.add({cat, std::to_string(r.categoryCount.at(cat)), fmtNumber(acc, 3)});
  t.add({"overall (mean of categories)", std::to_string(r.images), fmtNumber(r.overall, 4)});
  TextTable c({"check", "accuracy"});
  for (const auto& [k, v] : r.checkAccuracy) c.add({k, fmtNumber(v, 3)});
  printJsonOrTable(a.json, j,
                   "ShapesEval (GenEval-style, exact scene analysis) of " + bundle->modelName() +
                       "\n" + t.render() + "\n" + c.render());
  return 0;
}

int runEvalEdit(const EvalArgs& a) {
  auto bundle = tfs::cli::loadBundle(a.gen, tfs::ModelUse::Edit);
  tfs::requireShapesModel(*bundle, "editing accuracy");
  tfs::Generator gen(bundle);
  std::vector<std::string> failures;
  const int64_t n = a.n > 0 ? a.n : 100;
  const uint64_t seed = tfs::heldOutEditSeed(a.evalSeed);
  tfs::cli::StderrProgress progress("edits");
  const auto r = tfs::runEditEval(gen, seed, n, evalGenerateOptions(a, tfs::ModelUse::Edit),
                                  &failures, [&](int64_t d, int64_t t) { progress.update(d, t); });
  progress.finish();
  auto j = r.toJson();
  j["run"] = bundle->runDir();
  j["failures"] = failures;
  TextTable t({"edits", "correct", "accuracy", "PSNR of the unedited part (dB)"});
  t.add({std::to_string(r.total), std::to_string(r.correct), fmtNumber(r.value(), 4),
         fmtNumber(r.keptPsnr(), 3)});
  std::string text = "editing accuracy of " + bundle->modelName() +
                     " on held-out shapes-edit "
                     "triplets\n" +
                     t.render();
  TextTable ops({"edit", "correct", "of"});
  for (const auto& [op, ct] : r.perOp)
    ops.add({op, std::to_string(ct.first), std::to_string(ct.second)});
  text += ops.render();
  for (const auto& f : failures) text += "  wrong: " + f + "\n";
  printJsonOrTable(a.json, j, text);
  return 0;
}

tfs::cli::Run setupEval(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto a = std::make_shared<EvalArgs>();
  auto* e = app.add_subcommand("eval",
                               "Evaluate a model: perplexity, CIDEr-D, Fréchet distance, "
                               "caption accuracy, ShapesEval, editing accuracy");
  e->require_subcommand(1, 1);
  auto json = [&](CLI::App* c) { c->add_flag("--json", a->json, "Print JSON instead of a table"); };

  auto* ppl = e->add_subcommand("perplexity", "Perplexity of held-out text under a run's model");
  tfs::cli::addModelOptions(ppl, a->gen);
  ppl->add_option("--text", a->text, "Text spec: text:PATH, fortunes, wordnet")->required();
  ppl->add_option("--documents", a->documents, "Lines scored (0 = all)")->capture_default_str();
  json(ppl);

  auto* cider = e->add_subcommand("cider",
                                  "CIDEr-D of candidate captions against references "
                                  "(COCO-style JSON)");
  cider->add_option("--refs", a->refs, "References: {id: [captions…]} or COCO annotations")
      ->required();
  cider->add_option("--cands", a->cands, "Candidates: {id: [caption]} or COCO results list")
      ->required();
  cider->add_option("--out", a->out, "Write per-item scores {id: score} to this JSON file");
  cider->add_flag("--no-tokenize", a->noTokenize, "Text is already PTB-tokenised lower case");
  json(cider);

  auto* tc = e->add_subcommand("train-classifier",
                               "Train the CNN whose features the Fréchet distance uses");
  tc->add_option("--data", a->classifierData, "Labelled training data")
      ->default_val("fmnist:train");
  tc->add_option("--test", a->test, "Labelled test data (default: the data set's test split)");
  tc->add_option("--out", a->outFile, "Weights file to write (.safetensors)")->required();
  tc->add_option("--steps", a->steps, "Optimiser steps")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(1), int64_t(1) << 30));
  tc->add_option("--batch", a->batch, "Batch size")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(1), int64_t(1) << 16));
  tc->add_option("--lr", a->lr, "Adam learning rate (cosine-decayed)")->capture_default_str();
  tc->add_option("--seed", a->evalSeed, "Seed")->capture_default_str();
  json(tc);

  auto* fid = e->add_subcommand("fid",
                                "Fréchet distance in a trained classifier's feature "
                                "space + class accuracy of text-to-image samples (NOT "
                                "COCO FID)");
  tfs::cli::addModelOptions(fid, a->gen);
  tfs::cli::addImageOptions(fid, a->gen);
  fid->add_option("--classifier", a->classifier,
                  "Feature classifier weights (default: the shipped fmnist-classifier)");
  fid->add_option("--n", a->n, "Generated images, spread over the classes (default 500)");
  fid->add_option("--real", a->real, "Real test images for the reference statistics")
      ->capture_default_str();
  fid->add_option("--real-data", a->realData, "Real labelled images")->capture_default_str();
  json(fid);

  auto* cap = e->add_subcommand("caption-accuracy",
                                "Caption labelled images; right when the caption names the class");
  tfs::cli::addModelOptions(cap, a->gen);
  tfs::cli::addTextOptions(cap, a->gen);
  cap->add_option("--data", a->data, "Labelled images (default fmnist:test)");
  cap->add_option("--n", a->n, "Images captioned (default 200)");
  json(cap);

  auto* conv = e->add_subcommand("conversation",
                                 "Scripted multi-turn chats: /draw requests judged by the "
                                 "classifier, 'what is this?' about attached test images");
  tfs::cli::addModelOptions(conv, a->gen);
  tfs::cli::addImageOptions(conv, a->gen);
  tfs::cli::addTextOptions(conv, a->gen);
  conv->add_option("--classifier", a->classifier,
                   "Feature classifier weights (default: the shipped fmnist-classifier)");
  conv->add_option("--data", a->data, "Labelled images to ask about (default fmnist:test)");
  conv->add_option("--conversations", a->conversations, "Conversations of each kind (seeds)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(1), int64_t(1000)));
  conv->add_option("--draws", a->draws, "/draw turns per conversation (different classes)")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(0), int64_t(10)));
  conv->add_option("--questions", a->questions, "Attached images asked about per conversation")
      ->capture_default_str()
      ->check(CLI::Range(int64_t(0), int64_t(1000)));
  conv->add_option("--eval-seed", a->evalSeed, "Seed of the scripts (classes, test images)")
      ->capture_default_str();
  json(conv);

  auto* shapes = e->add_subcommand("shapes",
                                   "ShapesEval: GenEval-style exact checks of shapes "
                                   "scenes, per category and overall");
  tfs::cli::addModelOptions(shapes, a->gen);
  tfs::cli::addImageOptions(shapes, a->gen);
  shapes->add_option("--per-category", a->perCategory, "Prompts per category")
      ->capture_default_str();
  shapes->add_option("--images-per-prompt", a->imagesPerPrompt, "Images per prompt")
      ->capture_default_str();
  shapes->add_option("--prompt-seed", a->evalSeed, "Seed of the prompt set")->capture_default_str();
  json(shapes);

  auto* edit = e->add_subcommand("edit", "Editing accuracy on held-out shapes-edit triplets");
  tfs::cli::addModelOptions(edit, a->gen);
  tfs::cli::addImageOptions(edit, a->gen);
  tfs::cli::addEditOptions(edit, a->gen);
  edit->add_option("--n", a->n, "Triplets (default 100)");
  edit->add_option("--triplet-seed", a->evalSeed, "Seed of the held-out triplets")
      ->capture_default_str();
  json(edit);

  e->footer(
      "Examples:\n  transfusion eval cider --refs refs.json --cands cands.json --out items.json\n"
      "  transfusion eval train-classifier --data fmnist:train --out "
      "fmnist-classifier.safetensors\n"
      "  transfusion eval fid --run runs/fmnist --classifier fmnist-classifier.safetensors --n "
      "500\n"
      "  transfusion eval conversation --run resources/models/fmnist-chat --conversations 5");
  return [a, ppl, cider, tc, fid, cap, conv, shapes, edit] {
    if (ppl->parsed()) return runPerplexity(*a);
    if (cider->parsed()) return runCider(*a);
    if (tc->parsed()) return runTrainClassifier(*a);
    if (fid->parsed()) return runFid(*a);
    if (cap->parsed()) return runCaptionAccuracy(*a);
    if (conv->parsed()) return runConversation(*a);
    if (shapes->parsed()) return runShapes(*a);
    if (edit->parsed()) return runEvalEdit(*a);
    return 2;
  };
}

const bool registeredEval = tfs::cli::registerCommand("eval", 70, setupEval);

}  // namespace
