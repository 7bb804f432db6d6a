#pragma once

#include <torch/torch.h>

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <memory>
#include <string>

#include "core/data/conversation.h"
#include "core/generate/generation_request.h"

namespace tfs {
class ModelBundle;
}

namespace tfs::studio {

enum class JobKind { TextToImage, Reply, Edit, Caption };
QString jobKindName(JobKind kind);  // "generate", "chat", "edit", "caption" (the Jobs list's kind)

// One request for the engine, as the pages submit it to the GenerationQueue.
struct GenerationJob {
  QString id;  // the queue assigns one when empty
  JobKind kind = JobKind::TextToImage;
  QString label;       // what the Jobs list shows
  std::string prompt;  // text-to-image prompt, edit instruction, or the chat turn's text
  int64_t count = 1;   // text-to-image: images with seeds seed, seed + 1, …
  GenerateOptions options;
  Conversation conversation;  // reply: everything said so far
  bool forceImage = false;    // reply: the model answers with an image
  torch::Tensor input;        // edit / caption: [C, H, W] in [-1, 1]
  std::string inputPath;      // edit: recorded in the result's parameters
  // The model to run with; empty: the queue's (the Edit workspace has a model of its own).
  std::shared_ptr<ModelBundle> bundle;
};

// One denoising step, already converted to pixels on the worker.
struct StepUpdate {
  int image = 0, step = 0, steps = 0;
  int t = 0;              // training timestep evaluated
  double alphaBar = 0.0;  // ᾱ_t: the signal's share at this step
  QImage xt, x0;          // previews (null when not due)
  QImage decoded;         // full decode of x̂0 (null when not due)
  double seconds = 0.0;
};

struct ImageUpdate {
  int image = 0;
  QImage pixels;  // null when skipped
  bool skipped = false;
  quint64 seed = 0;
  QString parameters;  // A1111-style text the PNG will carry (tfs::formatParameters)
};

struct JobOutcome {
  QString text;    // all text the model wrote
  QString reason;  // tfs::finishReasonName, or "cancelled" for a job that never started
  int images = 0, skipped = 0;
  double seconds = 0.0;
  bool cancelled = false;
  QString notice;        // the context policy dropped the oldest turns (reply jobs)
  QStringList warnings;  // an empty reply, an image that is mostly noise
};

}  // namespace tfs::studio

Q_DECLARE_METATYPE(tfs::studio::GenerationJob)
Q_DECLARE_METATYPE(tfs::studio::StepUpdate)
Q_DECLARE_METATYPE(tfs::studio::ImageUpdate)
Q_DECLARE_METATYPE(tfs::studio::JobOutcome)
