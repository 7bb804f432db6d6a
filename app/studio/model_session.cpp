#include "app/studio/model_session.h"

#include "app/studio/background.h"

#include "app/studio/generation_queue.h"
#include "core/base/error.h"
#include "core/generate/model_bundle.h"

namespace tfs::studio {

ModelSession::ModelSession(QObject* parent, GenerationQueue* sharedQueue)
    : QObject(parent),
      queue_(sharedQueue ? sharedQueue : new GenerationQueue(this)),
      ownsQueue_(sharedQueue == nullptr) {}

ModelSession::~ModelSession() {
  joinLoader();
}

void ModelSession::joinLoader() {
  if (loader_.joinable()) loader_.join();
}

QString ModelSession::shippedRunDir(ModelUse use) {
  return QString::fromStdString(shippedModelFor(use));
}

bool ModelSession::loadShipped(ModelUse use) {
  const QString dir = shippedRunDir(use);
  return !dir.isEmpty() && loadRun(dir);
}

bool ModelSession::loadRun(const QString& runDir) {
  if (loading_) return false;
  joinLoader();
  loading_ = true;
  if (ownsQueue_) queue_->setHeld(true);
  Q_EMIT loadStarted(runDir);
  const std::string dir = runDir.toStdString();
  loader_ = std::thread([this, dir, runDir] {
    std::shared_ptr<ModelBundle> bundle;
    QString error;
    try {
      bundle = ModelBundle::load(dir);
    } catch (const std::exception& e) {
      error = errorMessage(e);
    }
    // The session outlives the thread (the destructor joins), so `this` is safe to post to.
    postToUi(this, [this, bundle, error, runDir] {
      loading_ = false;
      if (bundle) {
        setBundle(bundle, runDir);
      } else {
        if (ownsQueue_) queue_->setHeld(false);
        Q_EMIT loadFailed(runDir, error);
      }
    });
  });
  return true;
}

void ModelSession::setBundle(std::shared_ptr<ModelBundle> bundle, const QString& runDir) {
  bundle_ = std::move(bundle);
  name_ = bundle_ ? QString::fromStdString(bundle_->modelName()) : QString();
  runDir_ = runDir.isEmpty() && bundle_ ? QString::fromStdString(bundle_->runDir()) : runDir;
  imageSize_ = bundle_ ? static_cast<int>(bundle_->config().imageSize) : 0;
  trainSteps_ = bundle_ ? static_cast<int>(bundle_->config().diffusionSteps) : 1000;
  if (ownsQueue_) {
    queue_->setBundle(bundle_);
    queue_->setHeld(false);
  }
  Q_EMIT modelChanged(name_, runDir_);
}

std::shared_ptr<ModelBundle> ModelSession::bundle() const {
  return bundle_;
}

}  // namespace tfs::studio
