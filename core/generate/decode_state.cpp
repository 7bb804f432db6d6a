#include "core/generate/decode_state.h"

#include <algorithm>

#include "core/base/error.h"
#include "core/model/attention_mask.h"

namespace tfs {

DecodeState::DecodeState(TransfusionModel model, int64_t rows, bool useCache)
    : model_(std::move(model)),
      rows_(rows),
      useCache_(useCache),
      nextPos_(static_cast<size_t>(rows), 0) {
  auto dev = model_->lmHead->weight.device();
  auto opts = torch::TensorOptions().dtype(torch::kInt64).device(dev);
  kDoc_ = torch::empty({rows, 0}, opts);
  kImg_ = torch::empty({rows, 0}, opts);
  kPos_ = torch::empty({rows, 0}, opts);
}

torch::Tensor DecodeState::meta(int64_t value, int64_t len) const {
  return torch::full({rows_, len}, value, kDoc_.options());
}

torch::Tensor DecodeState::run(const torch::Tensor& x, int64_t imageId, bool commit) {
  if (x.size(0) != rows_)
    throw Error("decode state has " + std::to_string(rows_) + " rows, input has " +
                std::to_string(x.size(0)));
  const int64_t L = x.size(1);
  if (length_ + L > model_->config().maxSeqLen)
    throw UsageError("the conversation needs " + std::to_string(length_ + L) +
                     " positions but the model handles at most " +
                     std::to_string(model_->config().maxSeqLen) +
                     ": shorten the prompt or start a new conversation");
  auto ar = torch::arange(L, kDoc_.options()).unsqueeze(0);
  auto next = torch::tensor(nextPos_, kDoc_.options()).unsqueeze(1);
  auto qPos = next + ar;  // [B, L]
  auto qDoc = meta(0, L), qImg = meta(imageId, L);
  auto qIndex = (ar + length_).expand({rows_, L});
  auto kDoc = torch::cat({kDoc_, qDoc}, 1), kImg = torch::cat({kImg_, qImg}, 1);
  auto kIndex = torch::arange(length_ + L, kDoc_.options()).unsqueeze(0).expand({rows_, -1});
  const bool bidir = model_->config().bidirectionalImages;
  torch::Tensor hidden;
  if (useCache_) {
    auto mask = transfusionMask(qDoc, qImg, qIndex, kDoc, kImg, kIndex, bidir);
    hidden = model_->forwardHidden(x, qPos, mask, &cache_, commit);
  } else {
    auto all = inputs_.defined() ? torch::cat({inputs_, x.to(inputs_.dtype())}, 1) : x;
    auto pos = torch::cat({kPos_, qPos}, 1);
    auto mask = transfusionMask(kDoc, kImg, kIndex, kDoc, kImg, kIndex, bidir);
    hidden = model_->forwardHidden(all, pos, mask).narrow(1, length_, L);
    if (commit) inputs_ = all.detach();
  }
  if (commit) {
    kDoc_ = kDoc;
    kImg_ = kImg;
    kPos_ = torch::cat({kPos_, qPos}, 1);
    length_ += L;
    for (auto& p : nextPos_) p += L;
  }
  return hidden;
}

torch::Tensor DecodeState::runTokens(const torch::Tensor& tokens, bool commit) {
  return run(model_->embedTokens(tokens.to(kDoc_.device())), -1, commit);
}

void DecodeState::truncate(int64_t len) {
  if (len >= length_) return;
  const int64_t drop = length_ - len;
  cache_.truncate(len);
  if (inputs_.defined()) inputs_ = inputs_.narrow(1, 0, len);
  kDoc_ = kDoc_.narrow(1, 0, len);
  kImg_ = kImg_.narrow(1, 0, len);
  kPos_ = kPos_.narrow(1, 0, len);
  length_ = len;
  for (auto& p : nextPos_) p -= drop;
}

DecodeState DecodeState::repeat(int64_t n) const {
  if (n <= 1) return *this;
  DecodeState s(model_, rows_ * n, useCache_);
  auto rep = [&](const torch::Tensor& t) {
    if (!t.defined()) return t;
    std::vector<int64_t> r(size_t(t.dim()), 1);
    r[0] = n;
    return t.repeat(r);
  };
  s.kDoc_ = rep(kDoc_);
  s.kImg_ = rep(kImg_);
  s.kPos_ = rep(kPos_);
  for (size_t i = 0; i < cache_.keys.size(); ++i) {
    s.cache_.keys.push_back(rep(cache_.keys[i]));
    s.cache_.values.push_back(rep(cache_.values[i]));
  }
  s.inputs_ = rep(inputs_);
  s.length_ = length_;
  s.nextPos_.clear();
  for (int64_t k = 0; k < n; ++k)
    s.nextPos_.insert(s.nextPos_.end(), nextPos_.begin(), nextPos_.end());
  s.nextImageId_ = nextImageId_;
  return s;
}

DecodeState DecodeState::stack(const DecodeState& a, const DecodeState& b) {
  if (a.useCache_ != b.useCache_) throw Error("cannot stack a cached and an uncached state");
  DecodeState s(a.model_, a.rows_ + b.rows_, a.useCache_);
  const int64_t len = std::max(a.length_, b.length_);
  auto padL = [&](const torch::Tensor& t, int64_t have, int64_t dim, double value) {
    if (!t.defined() || have == len) return t;
    auto shape = t.sizes().vec();
    shape[static_cast<size_t>(dim)] = len - have;
    return torch::cat({torch::full(shape, value, t.options()), t}, dim);
  };
  s.kDoc_ = torch::cat({padL(a.kDoc_, a.length_, 1, -1), padL(b.kDoc_, b.length_, 1, -1)}, 0);
  s.kImg_ = torch::cat({padL(a.kImg_, a.length_, 1, -1), padL(b.kImg_, b.length_, 1, -1)}, 0);
  s.kPos_ = torch::cat({padL(a.kPos_, a.length_, 1, 0), padL(b.kPos_, b.length_, 1, 0)}, 0);
  if (a.useCache_) {
    for (size_t i = 0; i < a.cache_.keys.size(); ++i) {
      s.cache_.keys.push_back(torch::cat(
          {padL(a.cache_.keys[i], a.length_, 2, 0), padL(b.cache_.keys[i], b.length_, 2, 0)}, 0));
      s.cache_.values.push_back(torch::cat(
          {padL(a.cache_.values[i], a.length_, 2, 0), padL(b.cache_.values[i], b.length_, 2, 0)},
          0));
    }
  } else {
    s.inputs_ = torch::cat({padL(a.inputs_, a.length_, 1, 0), padL(b.inputs_, b.length_, 1, 0)}, 0);
  }
  s.length_ = len;
  s.nextPos_ = a.nextPos_;
  s.nextPos_.insert(s.nextPos_.end(), b.nextPos_.begin(), b.nextPos_.end());
  s.nextImageId_ = std::max(a.nextImageId_, b.nextImageId_);
  return s;
}

}  // namespace tfs
