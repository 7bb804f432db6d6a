#include "app/studio/attention_sequence.h"

#include <ATen/CPUGeneratorImpl.h>

#include <QRegularExpression>
#include <algorithm>

#include "core/base/error.h"
#include "core/generate/model_bundle.h"
#include "core/model/attention_mask.h"
#include "core/model/mixed_sequence.h"

namespace tfs::studio {

namespace {

constexpr int kMaxPositions = 8192;

struct BuiltSequence {
  SequenceLayout layout;
  QStringList labels;  // per position: the token's text, empty elsewhere
};

// A prompt: text with <image> markers; BOS first, as the generator starts a document.
BuiltSequence promptSequence(const AttentionQuery& q, ModelBundle* bundle) {
  const SpecialTokens sp = bundle ? bundle->special() : SpecialTokens{};
  const int64_t patches = bundle ? bundle->config().patchesPerImage() : q.patchesPerImage;
  static const QRegularExpression marker(QStringLiteral("<image>"),
                                         QRegularExpression::CaseInsensitiveOption);
  const QStringList parts = q.text.split(marker);
  BuiltSequence out;
  Document seq;
  seq.patchesPerImage = patches;
  std::vector<int64_t> tokens{sp.bos};
  QStringList pending{QString()};
  auto flushText = [&] {
    seq.addText(tokens);
    out.labels += pending;
    tokens.clear();
    pending.clear();
  };
  for (int i = 0; i < parts.size(); ++i) {
    const QString text = parts[i].trimmed();
    if (!text.isEmpty()) {
      if (bundle && bundle->tokenizer()) {
        for (int64_t id : bundle->encode(text.toStdString())) {
          tokens.push_back(id);
          pending << QString::fromStdString(bundle->piece(id));
        }
      } else {
        for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
          tokens.push_back(sp.eoi + 1);
          pending << word;
        }
      }
    }
    if (i + 1 < parts.size()) {
      flushText();
      seq.addImage(DocImage{}, sp);
      for (int64_t p = 0; p < patches + 2; ++p) out.labels << QString();
    }
  }
  flushText();
  out.layout = seq.layout(sp);
  return out;
}

BuiltSequence buildSequence(const AttentionQuery& q, ModelBundle* bundle) {
  if (q.text.trimmed().isEmpty())
    throw UsageError(q.mode == AttentionQuery::Mode::Layout
                         ? "write a layout such as text:5,image:4,text:3"
                         : "write a prompt; mark images with <image>");
  BuiltSequence out;
  if (q.mode == AttentionQuery::Mode::Layout) {
    out.layout = parseLayout(q.text.toStdString(), bundle ? bundle->special() : SpecialTokens{});
    out.labels = QStringList(int(out.layout.length()));
  } else {
    out = promptSequence(q, bundle);
  }
  if (out.layout.length() > kMaxPositions)
    throw UsageError("the sequence has " + std::to_string(out.layout.length()) +
                     " positions; the view holds at most " + std::to_string(kMaxPositions));
  if (bundle) {
    const int64_t maxLen = bundle->config().maxSeqLen;
    if (out.layout.length() > maxLen)
      throw UsageError("the sequence has " + std::to_string(out.layout.length()) +
                       " positions but the model takes at most " + std::to_string(maxLen) +
                       "; shorten it");
    const int64_t p = bundle->config().patchesPerImage();
    for (const auto& s : out.layout.spans)
      if (s.kind == SequenceSpan::Kind::Patches && s.end - s.begin != p)
        throw UsageError("the model's images have " + std::to_string(p) +
                         " patches; write image:" + std::to_string(p));
  }
  return out;
}

widgets::SegmentKind segmentKind(SequenceSpan::Kind k) {
  using K = SequenceSpan::Kind;
  using W = widgets::SegmentKind;
  switch (k) {
    case K::Bos:
      return W::Bos;
    case K::Text:
      return W::Text;
    case K::Boi:
      return W::Boi;
    case K::Patches:
      return W::ImagePatches;
    case K::Eoi:
      return W::Eoi;
    case K::Eos:
      return W::Eos;
    case K::Pad:
      return W::Pad;
  }
  return W::Text;
}

torch::Tensor ids(const std::vector<int64_t>& v) {
  return torch::tensor(v, torch::kLong).unsqueeze(0);
}

}  // namespace

struct AttentionModel::Impl {
  std::shared_ptr<ModelBundle> bundle;
  QString runDir;
  AttentionQuery cachedQuery;
  std::vector<torch::Tensor> probs;  // per layer [H, n, n], float32 on the CPU

  void forward(const AttentionQuery& q) {
    if (!probs.empty() && cachedQuery.sameSequence(q)) return;
    probs.clear();
    const BuiltSequence built = buildSequence(q, bundle.get());
    const ModelConfig& cfg = bundle->config();
    Batch b = batchFromLayouts({built.layout});
    int64_t images = 0;
    for (auto i : built.layout.imageIndex) images = std::max(images, i + 1);
    torch::NoGradGuard noGrad;
    auto& model = bundle->model();
    model->eval();
    const auto device = bundle->device();
    torch::Tensor noisy;
    if (images > 0) {
      // Fixed noise, independent of the global RNG a training run may be using.
      auto gen = at::detail::createCPUGenerator(1234);
      const int64_t s = cfg.latentSize();
      auto noise = torch::randn({images, cfg.latentChannels, s, s}, gen, torch::kFloat);
      const int64_t t = q.timestep < 0 ? cfg.diffusionSteps - 1
                                       : std::min<int64_t>(q.timestep, cfg.diffusionSteps - 1);
      b.latents = torch::zeros_like(noise);
      b.noise = noise;
      b.timesteps = torch::full({images}, t, torch::kLong);
      b = b.to(device);
      noisy = model->schedule().qSample(b.latents, b.noise, b.timesteps).to(bundle->dtype());
    } else {
      b = b.to(device);
    }
    ImageEncoding enc;
    torch::Tensor patchIndex;
    auto x = model->embedBatch(b, noisy, &enc, &patchIndex);
    auto mask = transfusionMask(b.docIds, b.imageIds, !q.causalOnly);
    AttentionCapture cap;
    model->forwardHidden(x, b.positions, mask, nullptr, true, &cap);
    for (auto& p : cap.probs) probs.push_back(p[0].to(torch::kCPU, torch::kFloat).contiguous());
    cachedQuery = q;
  }
};

AttentionModel::AttentionModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AttentionModel::~AttentionModel() = default;

std::shared_ptr<AttentionModel> AttentionModel::load(const QString& runDir) {
  auto impl = std::make_unique<Impl>();
  LoadOptions o;
  o.device = "cpu";
  impl->bundle = ModelBundle::load(runDir.toStdString(), o);
  impl->runDir = runDir;
  return std::shared_ptr<AttentionModel>(new AttentionModel(std::move(impl)));
}

QString AttentionModel::name() const {
  return QString::fromStdString(impl_->bundle->modelName());
}
QString AttentionModel::runDir() const {
  return impl_->runDir;
}
int AttentionModel::layers() const {
  return static_cast<int>(impl_->bundle->config().nLayers);
}
int AttentionModel::heads() const {
  return static_cast<int>(impl_->bundle->config().nHeads);
}
int AttentionModel::patchesPerImage() const {
  return static_cast<int>(impl_->bundle->config().patchesPerImage());
}
int AttentionModel::diffusionSteps() const {
  return static_cast<int>(impl_->bundle->config().diffusionSteps);
}

std::vector<float> AttentionModel::weights(const AttentionQuery& query, int layer, int head) {
  impl_->forward(query);
  auto& probs = impl_->probs;
  if (probs.empty()) return {};
  torch::Tensor sel =
      layer >= 0 && layer < int(probs.size()) ? probs[size_t(layer)] : torch::stack(probs).mean(0);
  sel = head >= 0 && head < sel.size(0) ? sel[head] : sel.mean(0);
  sel = sel.contiguous();
  const float* p = sel.data_ptr<float>();
  return std::vector<float>(p, p + sel.numel());
}

AttentionLayout buildAttentionLayout(const AttentionQuery& query, const AttentionModel* model) {
  ModelBundle* bundle = model ? model->impl_->bundle.get() : nullptr;
  const BuiltSequence built = buildSequence(query, bundle);
  const SequenceLayout& l = built.layout;
  AttentionLayout out;
  out.n = static_cast<int>(l.length());
  const auto mask =
      transfusionMask(ids(l.docIds), ids(l.imageIndex), !query.causalOnly)[0].contiguous();
  out.mask =
      QByteArray(reinterpret_cast<const char*>(mask.data_ptr<bool>()), qsizetype(out.n) * out.n);
  for (const auto& s : l.spans) {
    widgets::MaskSegment seg;
    seg.start = static_cast<int>(s.begin);
    seg.length = static_cast<int>(s.end - s.begin);
    seg.kind = segmentKind(s.kind);
    if (s.imageIndex >= 0) seg.label = QStringLiteral("image %1").arg(s.imageIndex + 1);
    if (s.kind == SequenceSpan::Kind::Text) {
      QStringList words;
      for (int64_t i = s.begin; i < s.end && words.size() < 8; ++i)
        if (!built.labels.value(int(i)).isEmpty()) words << built.labels.value(int(i));
      seg.label = words.join(QLatin1Char(' '));
    }
    out.segments.push_back(seg);
    out.images = std::max(out.images, static_cast<int>(s.imageIndex + 1));
    out.documents = std::max(out.documents, static_cast<int>(s.document + 1));
  }
  out.tokenLabels = built.labels;
  return out;
}

}  // namespace tfs::studio
