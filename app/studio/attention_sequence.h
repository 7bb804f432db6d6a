#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "widgets/mask_view.h"

namespace tfs::studio {

// A sequence to inspect: a layout as `transfusion mask --layout` takes it ("text:5,image:4|text:3")
// or a prompt whose images are written <image>.
struct AttentionQuery {
  enum class Mode { Layout, Prompt };
  Mode mode = Mode::Layout;
  QString text;
  bool causalOnly = false;   // the paper's ablation: no bidirectional attention inside images
  int patchesPerImage = 16;  // for <image> in a prompt when no model is loaded
  int timestep = -1;         // noise step of the images the model sees; -1 = the last (pure noise)

  bool sameSequence(const AttentionQuery& o) const {
    return mode == o.mode && text == o.text && causalOnly == o.causalOnly &&
           patchesPerImage == o.patchesPerImage && timestep == o.timestep;
  }
};

// The sequence's mask with its segments labelled, ready for widgets::MaskView.
struct AttentionLayout {
  int n = 0;
  QByteArray mask;  // n × n, row = query, 1 = may attend
  std::vector<widgets::MaskSegment> segments;
  QStringList tokenLabels;
  int documents = 0;
  int images = 0;
};

// A trained model opened for reading its attention (torch stays behind this header). Not
// thread-safe: one worker at a time.
class AttentionModel {
 public:
  // Loads a run folder (newest checkpoint, EMA weights); throws tfs::Error saying what is missing.
  static std::shared_ptr<AttentionModel> load(const QString& runDir);
  ~AttentionModel();

  QString name() const;
  QString runDir() const;
  int layers() const;
  int heads() const;
  int patchesPerImage() const;
  int diffusionSteps() const;

  // Row-major n × n attention probabilities of `layer` (-1 = mean of all layers) and `head`
  // (-1 = mean of the heads) for the query's sequence; the forward pass is cached per sequence.
  std::vector<float> weights(const AttentionQuery& query, int layer, int head);

 private:
  struct Impl;
  explicit AttentionModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend AttentionLayout buildAttentionLayout(const AttentionQuery&, const AttentionModel*);
};

// Parses the query (with the model's tokenizer and patch count when one is given) and computes the
// Transfusion mask. Throws tfs::Error (UsageError for a bad layout) with what to write instead.
AttentionLayout buildAttentionLayout(const AttentionQuery& query, const AttentionModel* model);

}  // namespace tfs::studio
