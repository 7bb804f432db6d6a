#include "core/eval/frechet.h"

#include "core/base/error.h"

namespace tfs {
namespace {

// √S for a symmetric PSD matrix.
torch::Tensor sqrtPsd(const torch::Tensor& s) {
  auto [vals, vecs] = torch::linalg::eigh(s, "L");
  return vecs.matmul(torch::diag(vals.clamp_min(0).sqrt())).matmul(vecs.transpose(0, 1));
}

}  // namespace

GaussianStats fitGaussian(const torch::Tensor& features) {
  if (!features.defined() || features.dim() != 2 || features.size(0) < 2)
    throw DataError(
        "a Fréchet distance needs a feature matrix [N, D] with N >= 2 samples; give "
        "more images");
  auto x = features.detach().to(torch::kCPU, torch::kFloat64);
  GaussianStats g;
  g.count = x.size(0);
  g.mean = x.mean(0);
  auto c = x - g.mean;
  g.cov = c.transpose(0, 1).matmul(c) / static_cast<double>(g.count - 1);
  return g;
}

double frechetDistance(const GaussianStats& a, const GaussianStats& b) {
  if (a.mean.numel() != b.mean.numel())
    throw DataError("Fréchet distance between features of different sizes (" +
                    std::to_string(a.mean.numel()) + " vs " + std::to_string(b.mean.numel()) +
                    "); use the same extractor for both sets");
  const auto diff = a.mean - b.mean;
  const auto s1 = sqrtPsd(a.cov);
  auto m = s1.matmul(b.cov).matmul(s1);
  m = (m + m.transpose(0, 1)) / 2;  // symmetric in exact arithmetic; remove rounding asymmetry
  const auto eig = torch::linalg::eigvalsh(m, "L");
  const double trSqrt = eig.clamp_min(0).sqrt().sum().item<double>();
  const double d = diff.dot(diff).item<double>() + a.cov.trace().item<double>() +
                   b.cov.trace().item<double>() - 2.0 * trSqrt;
  return std::max(0.0, d);
}

double frechetDistance(const torch::Tensor& featuresA, const torch::Tensor& featuresB) {
  return frechetDistance(fitGaussian(featuresA), fitGaussian(featuresB));
}

std::string frechetLabel(const std::string& extractor) {
  return "Fréchet distance on " + extractor + " features (not COCO FID)";
}

}  // namespace tfs
