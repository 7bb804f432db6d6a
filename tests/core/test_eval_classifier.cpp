// The Fashion-MNIST feature classifier learns, saves, loads and gives Fréchet features.
#include <torch/torch.h>
#include <QtTest>

#include <chrono>
#include <filesystem>

#include "core/base/error.h"
#include "core/eval/classifier_trainer.h"
#include "core/eval/feature_classifier.h"
#include "core/eval/frechet.h"
#include "core/eval/labelled_images.h"
#include "tests/support/test_support.h"

class TestEvalClassifier : public QObject {
  Q_OBJECT
  std::string dir_;
  tfs::LabelledImages train_, test_;

 private Q_SLOTS:
  void initTestCase() {
    torch::manual_seed(0);
    dir_ = (tfs::test::tempRoot() + QStringLiteral("/eval_classifier")).toStdString();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    train_ = tfs::loadFashionMnist("train", 4000);
    test_ = tfs::loadFashionMnist("test", 1000);
    QCOMPARE(train_.images.sizes(), (torch::IntArrayRef{4000, 1, 28, 28}));
    QVERIFY(train_.images.min().item<float>() >= -1.0f);
    QVERIFY(train_.images.max().item<float>() <= 1.0f);
    QCOMPARE(train_.labels.max().item<int64_t>(), int64_t(9));
  }

  void trainsAboveSeventyPercentQuickly() {
    tfs::FeatureClassifier model(tfs::FeatureClassifierConfig{});
    const double before = tfs::classifierAccuracy(model, test_.images, test_.labels);
    tfs::ClassifierTrainOptions o;
    o.steps = 250;
    o.batchSize = 64;
    int64_t calls = 0;
    o.onStep = [&](int64_t, double) { ++calls; };
    const auto r = tfs::trainFeatureClassifier(model, train_, o);
    QCOMPARE(calls, int64_t(250));
    const double after = tfs::classifierAccuracy(model, test_.images, test_.labels);
    qInfo("test accuracy %.3f -> %.3f after %lld steps in %.1f s (loss %.3f)", before, after,
          (long long)r.steps, r.seconds, r.finalLoss);
    QVERIFY2(after > 0.70, qPrintable(QString::number(after)));
    QVERIFY(r.finalLoss < 1.0);

    const std::string path = dir_ + "/clf.safetensors";
    tfs::saveFeatureClassifier(model, path, {{"testAccuracy", after}});
    QVERIFY(std::filesystem::file_size(path) < 1024 * 1024);
    auto loaded = tfs::loadFeatureClassifier(path);
    QCOMPARE(QString::fromStdString(loaded->config().extractorName()),
             QStringLiteral("fmnist-classifier"));
    const auto few = test_.images.slice(0, 0, 64);
    QVERIFY(torch::equal(tfs::classifierPredict(loaded, few), tfs::classifierPredict(model, few)));

    // Penultimate features: real-vs-real is closer than real-vs-noise.
    const auto fa = tfs::classifierFeatures(loaded, test_.images.slice(0, 0, 500));
    const auto fb = tfs::classifierFeatures(loaded, test_.images.slice(0, 500, 1000));
    const auto noise = torch::rand({500, 1, 28, 28}) * 2 - 1;
    const auto fn = tfs::classifierFeatures(loaded, noise);
    QCOMPARE(fa.sizes(), (torch::IntArrayRef{500, 128}));
    const double realReal = tfs::frechetDistance(fa, fb);
    const double realNoise = tfs::frechetDistance(fa, fn);
    qInfo("Fréchet real/real %.3f, real/noise %.3f", realReal, realNoise);
    QVERIFY(realNoise > 5 * realReal);

    // Generated images may be RGB and larger: adapted, same classes.
    const auto rgb =
        torch::nn::functional::interpolate(few, torch::nn::functional::InterpolateFuncOptions()
                                                    .size(std::vector<int64_t>{64, 64})
                                                    .mode(torch::kBilinear)
                                                    .align_corners(false))
            .expand({64, 3, 64, 64});
    const double agree = tfs::classifierPredict(loaded, rgb)
                             .eq(tfs::classifierPredict(loaded, few))
                             .to(torch::kFloat64)
                             .mean()
                             .item<double>();
    QVERIFY2(agree > 0.8, qPrintable(QString::number(agree)));
  }

  void wrongFilesAndConfigsAreClearErrors() {
    tfs::FeatureClassifierConfig bad;
    bad.channels = 2;
    QVERIFY_THROWS_EXCEPTION(tfs::ConfigError, tfs::FeatureClassifier{bad});
    QVERIFY_THROWS_EXCEPTION(tfs::ConfigError,
                             tfs::FeatureClassifierConfig::fromJson({{"imageSiz", 28}}));
    QVERIFY_THROWS_EXCEPTION(tfs::Error, tfs::loadFeatureClassifier(dir_ + "/missing.safetensors"));
  }
};

QTEST_GUILESS_MAIN(TestEvalClassifier)
#include "test_eval_classifier.moc"
