#include "core/eval/shipped_classifier.h"

#include "core/base/error.h"
#include "core/base/resources.h"

namespace tfs {

std::string shippedClassifierPath(const std::string& name) {
  return findShippedResource(name + ".safetensors");
}

std::string classifierPathOrShipped(const std::string& given) {
  if (!given.empty()) return given;
  auto p = shippedClassifierPath();
  if (p.empty())
    throw UsageError(
        "no classifier given and the shipped one "
        "(resources/models/fmnist-classifier.safetensors) "
        "is missing: train one on fmnist:train (the classifier trainer) and name its file",
        "classifier");
  return p;
}

}  // namespace tfs
