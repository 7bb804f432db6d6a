#pragma once

#include <QDir>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/generate/model_bundle.h"
#include "core/text/tokenizer.h"
#include "tests/support/test_support.h"

namespace tfs::test {

// A randomly initialised tiny-test model with a small trained tokenizer: enough for the studio's
// controllers to run every kind of job in milliseconds.
inline std::shared_ptr<ModelBundle> tinyModel(const QString& suite, int64_t maxSeqLen = 160) {
  const std::string dir = (tempRoot() + QLatin1Char('/') + suite).toStdString();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::vector<std::string> texts;
  const char* colours[] = {"red", "green", "blue", "yellow"};
  const char* kinds[] = {"circle", "square", "triangle"};
  for (int i = 0; i < 120; ++i)
    texts.push_back(std::string("a ") + colours[i % 4] + " " + kinds[i % 3] + " on " +
                    colours[(i / 4) % 4]);
  Tokenizer::TrainOptions o;
  o.vocabSize = 300;
  auto tok = Tokenizer::train(texts, dir + "/tok.model", o);
  auto cfg = preset("tiny-test");
  cfg.vocabSize = tok.vocabSize();
  cfg.maxSeqLen = maxSeqLen;
  return ModelBundle::random(cfg, 1, torch::kCPU, torch::kFloat32, tok);
}

}  // namespace tfs::test
