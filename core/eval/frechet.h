#pragma once

#include <torch/torch.h>

#include <string>

namespace tfs {

// A Gaussian fitted to a feature set, in float64 on the CPU.
struct GaussianStats {
  torch::Tensor mean;  // [D]
  torch::Tensor cov;   // [D, D], unbiased (N − 1) like numpy.cov
  int64_t count = 0;
};

// features [N, D] with N >= 2, any device and dtype. Throws DataError otherwise.
GaussianStats fitGaussian(const torch::Tensor& features);

// ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr √(√Σ₁ Σ₂ √Σ₁): the symmetric form of tr √(Σ₁Σ₂), computed with
// two symmetric eigendecompositions in float64 (tiny negative eigenvalues from rounding → 0).
double frechetDistance(const GaussianStats& a, const GaussianStats& b);
double frechetDistance(const torch::Tensor& featuresA, const torch::Tensor& featuresB);

// What the number is, for every output that prints it:
// "Fréchet distance on <extractor> features (not COCO FID)".
std::string frechetLabel(const std::string& extractor);

}  // namespace tfs
