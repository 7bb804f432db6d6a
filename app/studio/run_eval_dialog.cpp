#include "app/studio/run_eval_dialog.h"

#include "app/studio/background.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <fstream>

#include "core/base/error.h"
#include "core/data/fashion_mnist.h"
#include "core/eval/caption_accuracy.h"
#include "core/eval/image_quality.h"
#include "core/eval/shipped_classifier.h"
#include "core/generate/model_bundle.h"

namespace tfs::studio {

namespace {

QString percent(double v) {
  return QStringLiteral("%1 %").arg(100.0 * v, 0, 'f', 1);
}

}  // namespace

RunEvalDialog::RunEvalDialog(const QString& runDir, QWidget* parent)
    : QDialog(parent), runDir_(runDir) {
  setObjectName(QStringLiteral("runEvalDialog"));
  setWindowTitle(tr("Evaluate %1").arg(QDir(runDir).dirName()));
  auto* layout = new QVBoxLayout(this);
  auto* what = new QLabel(
      tr("Caption accuracy on Fashion-MNIST test images, and text-to-image samples scored in the "
         "shipped classifier's feature space: a Fréchet distance that is <b>not COCO FID</b>, "
         "and how often a sample is classified as the class it was asked for."),
      this);
  what->setWordWrap(true);
  layout->addWidget(what);
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("Images:"), this));
  images_ = new QSpinBox(this);
  images_->setObjectName(QStringLiteral("evalImages"));
  images_->setRange(10, 5000);
  images_->setValue(100);
  images_->setToolTip(tr("Test images captioned, and text-to-image samples generated"));
  row->addWidget(images_);
  row->addStretch(1);
  startButton_ = new QPushButton(tr("&Evaluate"), this);
  startButton_->setObjectName(QStringLiteral("evalStart"));
  cancelButton_ = new QPushButton(tr("Cancel"), this);
  cancelButton_->setEnabled(false);
  row->addWidget(startButton_);
  row->addWidget(cancelButton_);
  layout->addLayout(row);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  layout->addWidget(progress_);
  status_ = new QLabel(this);
  layout->addWidget(status_);
  error_ = new QLabel(this);
  error_->setObjectName(QStringLiteral("evalError"));
  error_->setWordWrap(true);
  error_->setStyleSheet(QStringLiteral("color: #c0392b"));
  error_->hide();
  layout->addWidget(error_);
  table_ = new QTableWidget(0, 2, this);
  table_->setObjectName(QStringLiteral("evalTable"));
  table_->setHorizontalHeaderLabels({tr("Measure"), tr("Value")});
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  layout->addWidget(table_, 1);
  resize(560, 420);

  connect(startButton_, &QPushButton::clicked, this, &RunEvalDialog::start);
  connect(cancelButton_, &QPushButton::clicked, this, &RunEvalDialog::cancel);
  connect(this, &RunEvalDialog::progressed, this, [this](int done, int total, const QString& w) {
    progress_->setRange(0, std::max(1, total));
    progress_->setValue(done);
    status_->setText(tr("%1: %2 of %3").arg(w).arg(done).arg(total));
  });
  connect(this, &RunEvalDialog::resultRow, this, [this](const QString& m, const QString& v) {
    const int r = table_->rowCount();
    table_->insertRow(r);
    table_->setItem(r, 0, new QTableWidgetItem(m));
    table_->setItem(r, 1, new QTableWidgetItem(v));
  });
  connect(this, &RunEvalDialog::failed, this, [this](const QString& message) {
    errorText_ = message;
    error_->setText(message);
    error_->show();
  });
  connect(this, &RunEvalDialog::workerFinished, this, [this] {
    finished_ = true;
    join();
    startButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    status_->setText(errorText_.isEmpty() ? tr("Done") : tr("Stopped"));
    Q_EMIT done();
  });
}

RunEvalDialog::~RunEvalDialog() {
  cancel_ = true;
  join();
}

void RunEvalDialog::setImages(int n) {
  images_->setValue(n);
}

QString RunEvalDialog::errorText() const {
  return errorText_;
}

void RunEvalDialog::join() {
  if (worker_.joinable()) worker_.join();
}

void RunEvalDialog::cancel() {
  cancel_ = true;
}

void RunEvalDialog::start() {
  if (worker_.joinable() && !finished_) return;
  join();
  finished_ = false;
  cancel_ = false;
  table_->setRowCount(0);
  errorText_.clear();
  error_->hide();
  startButton_->setEnabled(false);
  cancelButton_->setEnabled(true);
  worker_ = std::thread([this, dir = runDir_, n = images_->value()] { work(dir, n); });
}

void RunEvalDialog::work(const QString& runDir, int n) {
  // Signals from this thread reach the dialog queued (it lives on the UI thread).
  try {
    auto bundle = ModelBundle::load(runDir.toStdString());
    const auto& mc = bundle->config();
    Generator gen(bundle);
    GenerateOptions go;
    go.image.previewEvery = 0;
    auto checkCancel = [this] {
      if (cancel_) throw Cancelled("evaluation cancelled");
    };
    nlohmann::json out = {{"run", runDir.toStdString()}, {"images", n}};

    auto test = loadFashionMnist("test", 2000);
    if (mc.imageSize != 28 || mc.imageChannels != 1) {
      // Captions are scored against Fashion-MNIST classes; bring the images to the model's shape.
      test.images = torch::nn::functional::interpolate(
          test.images, torch::nn::functional::InterpolateFuncOptions()
                           .size(std::vector<int64_t>{mc.imageSize, mc.imageSize})
                           .mode(torch::kBilinear)
                           .align_corners(false));
      if (mc.imageChannels == 3) test.images = test.images.expand({-1, 3, -1, -1}).contiguous();
    }
    CaptionEvalOptions co;
    co.n = n;
    co.generate = go;
    co.classOf = fashionMnistClassFromCaption;
    co.onItem = [&](int64_t done, int64_t total) {
      checkCancel();
      Q_EMIT progressed(int(done), int(total), tr("Captions"));
    };
    auto caps = evaluateCaptions(gen, test, fashionMnistClassNames(), co);
    out["captionAccuracy"] = caps.accuracy.value();
    Q_EMIT resultRow(tr("Caption names the class (chance 10 %)"), percent(caps.accuracy.value()));

    const auto classifierPath = shippedClassifierPath();
    if (classifierPath.empty()) {
      Q_EMIT resultRow(tr("Fréchet distance"), tr("no shipped classifier"));
    } else {
      auto classifier = loadFeatureClassifier(classifierPath);
      auto real = loadFashionMnist("test", 2000);
      ImageQualityOptions qo;
      qo.n = n;
      qo.realImages = 2000;
      qo.generate = go;
      qo.prompt = [](int64_t c, uint64_t v) { return fashionMnistCaption(c, v); };
      qo.onImage = [&](int64_t done, int64_t total) {
        checkCancel();
        Q_EMIT progressed(int(done), int(total), tr("Text-to-image samples"));
      };
      auto q = evaluateImageQuality(gen, classifier, real, qo);
      out["imageQuality"] = q.toJson();
      Q_EMIT resultRow(tr("Fréchet distance, classifier features (not COCO FID)"),
                       QString::number(q.frechet, 'f', 2));
      Q_EMIT resultRow(tr("  its floor at this sample size"),
                       QString::number(q.frechetRealHalves, 'f', 2));
      Q_EMIT resultRow(tr("Samples classified as the asked class"), percent(q.classAccuracy));
    }
    std::ofstream((runDir + QStringLiteral("/eval.json")).toStdString()) << out.dump(2) << "\n";
  } catch (const Cancelled&) {
    Q_EMIT failed(tr("Cancelled."));
  } catch (const std::exception& e) {
    Q_EMIT failed(errorMessage(e));
  }
  Q_EMIT workerFinished();
}

}  // namespace tfs::studio
