#include "core/eval/labelled_images.h"

#include "core/base/error.h"
#include "core/data/fashion_mnist.h"

namespace tfs {

LabelledImages collectLabelledImages(ExampleSource& source, int64_t limit) {
  std::vector<torch::Tensor> images;
  std::vector<int64_t> labels;
  while (limit <= 0 || int64_t(images.size()) < limit) {
    auto e = source.next();
    if (!e) break;
    if (!e->image.defined() || e->label < 0) continue;
    images.push_back(e->image);
    labels.push_back(e->label);
  }
  if (images.empty())
    throw DataError(source.describe() +
                    " gave no labelled images; use a source with class labels (fmnist:train)");
  LabelledImages out;
  out.images = torch::stack(images);
  out.labels = torch::tensor(labels, torch::kInt64);
  return out;
}

LabelledImages loadFashionMnist(const std::string& split, int64_t limit, const std::string& dir) {
  SourceOptions o;
  o.imageSize = 28;
  o.channels = 1;
  FashionMnistSource src(dir.empty() ? defaultFashionMnistDir() : dir, split, o);
  return collectLabelledImages(src, limit);
}

}  // namespace tfs
