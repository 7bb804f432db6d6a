#include "app/studio/generation_queue.h"

#include "app/studio/background.h"

#include <algorithm>

#include "app/studio/generation_image.h"
#include "core/base/error.h"
#include "core/generate/generator.h"
#include "core/generate/image_output.h"
#include "core/generate/png_params.h"

namespace tfs::studio {

QString jobKindName(JobKind kind) {
  switch (kind) {
    case JobKind::TextToImage:
      return QStringLiteral("generate");
    case JobKind::Reply:
      return QStringLiteral("chat");
    case JobKind::Edit:
      return QStringLiteral("edit");
    case JobKind::Caption:
      return QStringLiteral("caption");
  }
  return {};
}

namespace {

// Turns the generator's events (worker thread) into the queue's signals (UI thread).
class QueueObserver : public GenerationObserver {
 public:
  QueueObserver(GenerationQueue* queue, const GenerationJob& job, ModelBundle& bundle)
      : queue_(queue), job_(job), bundle_(bundle), alphaBar_(bundle.alphaBar()) {}

  void onToken(const TokenEvent& e) override {
    // The event carries the whole current text run; pass on only what is new, and only whole
    // UTF-8 characters (a byte token may carry half of one).
    ++tokens_;
    if (e.text.rfind(run_, 0) != 0) run_.clear();
    size_t end = e.text.size();
    for (size_t back = 1; back <= 3 && back <= end; ++back) {
      const auto c = static_cast<unsigned char>(e.text[end - back]);
      if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
      const size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      if (need > back) end -= back;  // the lead byte's sequence is not complete yet
      break;
    }
    if (end <= run_.size()) return;
    std::string delta = e.text.substr(run_.size(), end - run_.size());
    run_ = e.text.substr(0, end);
    const QString id = job_.id, text = QString::fromStdString(delta);
    const double fraction =
        std::min(0.99, double(tokens_) / double(std::max<int64_t>(1, job_.options.text.maxTokens)));
    postToUi(queue_, [q = queue_, id, text, fraction] {
      Q_EMIT q->tokenArrived(id, text);
      Q_EMIT q->progressChanged(id, fraction);
    });
  }

  void onStep(const DenoiseStepEvent& e) override {
    StepUpdate s;
    s.image = static_cast<int>(e.image);
    s.step = static_cast<int>(e.step);
    s.steps = static_cast<int>(e.steps);
    s.t = static_cast<int>(e.t);
    if (e.t >= 0 && e.t < static_cast<int64_t>(alphaBar_.size())) s.alphaBar = alphaBar_[e.t];
    s.xt = previewToImage(e.xtPreview);
    s.x0 = previewToImage(e.x0Preview);
    s.decoded = tensorToImage(e.decoded);
    s.seconds = e.seconds;
    const double within = double(e.step + 1) / double(std::max<int64_t>(1, e.steps));
    const double fraction =
        job_.kind == JobKind::TextToImage
            ? (double(e.image) + within) / double(std::max<int64_t>(1, job_.count))
            : within;
    postToUi(queue_, [q = queue_, id = job_.id, s, fraction] {
      Q_EMIT q->stepDone(id, s);
      Q_EMIT q->progressChanged(id, fraction);
    });
  }

  void onImage(const ImageDoneEvent& e) override {
    run_.clear();
    ImageUpdate u;
    u.image = static_cast<int>(e.image);
    u.skipped = e.skipped || !e.result.image.defined();
    u.seed = e.result.seed;
    if (!u.skipped) {
      u.pixels = tensorToImage(e.result.image);
      auto p = imageParams(bundle_, job_.prompt, job_.options, e.result.seed,
                           jobKindName(job_.kind).toStdString());
      p.input = job_.inputPath;
      u.parameters = QString::fromStdString(formatParameters(p));
    }
    postToUi(queue_, [q = queue_, id = job_.id, u] { Q_EMIT q->imageDone(id, u); });
  }

 private:
  GenerationQueue* queue_;
  const GenerationJob& job_;
  ModelBundle& bundle_;
  std::vector<double> alphaBar_;
  std::string run_;
  int64_t tokens_ = 0;
};

}  // namespace

GenerationQueue::GenerationQueue(QObject* parent) : QObject(parent) {
  qRegisterMetaType<GenerationJob>();
  qRegisterMetaType<StepUpdate>();
  qRegisterMetaType<ImageUpdate>();
  qRegisterMetaType<JobOutcome>();
  worker_ = std::thread([this] { workerLoop(); });
}

GenerationQueue::~GenerationQueue() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    shutdown_ = true;
    if (cancel_) cancel_->stopNow();
  }
  wake_.notify_all();
  worker_.join();
}

void GenerationQueue::setBundle(std::shared_ptr<ModelBundle> bundle) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    bundle_ = std::move(bundle);
  }
  wake_.notify_all();
}

std::shared_ptr<ModelBundle> GenerationQueue::bundle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bundle_;
}

void GenerationQueue::setHeld(bool held) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    held_ = held;
  }
  wake_.notify_all();
}

QString GenerationQueue::submit(GenerationJob job) {
  QString id, kind, label;
  GenerationJob announced;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (job.id.isEmpty()) job.id = QString::number(nextId_++);
    if (job.label.isEmpty()) job.label = QString::fromStdString(job.prompt);
    id = job.id;
    kind = jobKindName(job.kind);
    label = job.label;
    announced = job;
    pending_.push_back(std::move(job));
  }
  // Announced before the worker's first event for it, which is posted and so arrives later.
  Q_EMIT jobSubmitted(announced);
  Q_EMIT jobQueued(id, kind, label);
  wake_.notify_all();
  return id;
}

bool GenerationQueue::cancel(const QString& id) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = std::find_if(pending_.begin(), pending_.end(), [&](auto& j) { return j.id == id; });
    if (it != pending_.end()) {
      pending_.erase(it);
      JobOutcome o;
      o.cancelled = true;
      o.reason = QStringLiteral("cancelled");
      postToUi(this, [this, id, o] { Q_EMIT jobFinished(id, o); });
      return true;
    }
  }
  return stopNow(id);
}

bool GenerationQueue::stopNow(const QString& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (running_ != id || !cancel_) return false;
  cancel_->stopNow();
  return true;
}

bool GenerationQueue::stopAfterImage(const QString& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (running_ != id || !cancel_) return false;
  cancel_->stopAfterImage();
  return true;
}

bool GenerationQueue::skipImage(const QString& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (running_ != id || !cancel_) return false;
  cancel_->skipImage();
  return true;
}

void GenerationQueue::setOrder(const QStringList& ids) {
  QStringList now;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // Stable: jobs named in ids come first in that order, the others keep theirs behind them.
    std::stable_sort(pending_.begin(), pending_.end(), [&](const auto& a, const auto& b) {
      auto rank = [&](const QString& id) {
        const auto i = ids.indexOf(id);
        return i < 0 ? ids.size() : i;
      };
      return rank(a.id) < rank(b.id);
    });
    for (const auto& j : pending_) now << j.id;
  }
  Q_EMIT orderChanged(now);
}

bool GenerationQueue::moveJob(const QString& id, int queuedIndex) {
  QStringList ids = queuedIds();
  const int from = ids.indexOf(id);
  if (from < 0) return false;
  ids.move(from, std::clamp(queuedIndex, 0, int(ids.size()) - 1));
  setOrder(ids);
  return true;
}

QStringList GenerationQueue::queuedIds() const {
  std::lock_guard<std::mutex> lock(mutex_);
  QStringList ids;
  for (const auto& j : pending_) ids << j.id;
  return ids;
}

QString GenerationQueue::runningId() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return running_;
}

bool GenerationQueue::isIdle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return running_.isEmpty() && pending_.empty();
}

void GenerationQueue::workerLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return shutdown_ || (!pending_.empty() && !held_); });
    if (shutdown_) return;
    GenerationJob job = std::move(pending_.front());
    pending_.pop_front();
    auto bundle = job.bundle ? job.bundle : bundle_;
    cancel_ = std::make_shared<CancelToken>();
    auto cancel = cancel_;
    running_ = job.id;
    lock.unlock();
    const QString id = job.id;
    postToUi(this, [this, id] { Q_EMIT jobStarted(id); });
    execute(job, bundle, *cancel);
    lock.lock();
    running_.clear();
    cancel_.reset();
  }
}

void GenerationQueue::execute(GenerationJob& job, const std::shared_ptr<ModelBundle>& bundle,
                              CancelToken& cancel) {
  const QString id = job.id;
  try {
    if (!bundle)
      throw UsageError(
          tr("No model is loaded: open a model run with File ▸ Open Model…").toStdString());
    Generator gen(bundle);
    QueueObserver observer(this, job, *bundle);
    GenerationResult r;
    switch (job.kind) {
      case JobKind::TextToImage:
        r = gen.textToImage(job.prompt, job.count, job.options, &observer, &cancel);
        break;
      case JobKind::Reply:
        for (auto& m : job.conversation.messages)
          for (auto& part : m.parts)
            if (part.isImage()) part.image = bundle->prepareImage(part.image);
        r = gen.reply(job.conversation, job.options, job.forceImage, &observer, &cancel);
        break;
      case JobKind::Edit:
        r = gen.edit(bundle->prepareImage(job.input, "the image to edit"), job.prompt, job.options,
                     &observer, &cancel);
        break;
      case JobKind::Caption:
        r = gen.caption(bundle->prepareImage(job.input), job.options, &observer, &cancel);
        break;
    }
    JobOutcome o;
    o.text = QString::fromStdString(r.text);
    o.reason = QString::fromStdString(finishReasonName(r.reason));
    o.images = static_cast<int>(r.images.size());
    o.skipped = static_cast<int>(r.skippedImages);
    o.seconds = r.seconds;
    o.cancelled = r.reason == FinishReason::Cancelled;
    o.notice = QString::fromStdString(r.notice);
    for (const auto& w : r.warnings) o.warnings << QString::fromStdString(w);
    postToUi(this, [this, id, o] {
      // A stopped job keeps the progress it reached (it did not finish).
      if (!o.cancelled) Q_EMIT progressChanged(id, 1.0);
      Q_EMIT jobFinished(id, o);
    });
  } catch (const Cancelled&) {
    JobOutcome o;
    o.cancelled = true;
    o.reason = QStringLiteral("cancelled");
    postToUi(this, [this, id, o] { Q_EMIT jobFinished(id, o); });
  } catch (const std::exception& e) {
    const QString message = errorMessage(e);
    postToUi(this, [this, id, message] { Q_EMIT jobFailed(id, message); });
  }
}

}  // namespace tfs::studio
