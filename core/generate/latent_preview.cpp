#include "core/generate/latent_preview.h"

#include "core/base/error.h"

namespace tfs {

LatentPreview::LatentPreview(torch::Tensor weight, torch::Tensor bias)
    : weight_(weight.to(torch::kCPU, torch::kFloat32)),
      bias_(bias.to(torch::kCPU, torch::kFloat32)) {
  if (weight_.dim() != 2 || weight_.size(0) != 3 || bias_.numel() != 3)
    throw Error("latent preview: weight must be [3, C] and bias [3]");
}

LatentPreview LatentPreview::identity(int64_t channels) {
  torch::Tensor w;
  if (channels == 1) {
    w = torch::ones({3, 1});
  } else {
    w = torch::zeros({3, channels});
    for (int64_t c = 0; c < std::min<int64_t>(3, channels); ++c) w[c][c] = 1.0;
  }
  return LatentPreview(w, torch::zeros({3}));
}

LatentPreview LatentPreview::fit(const std::function<torch::Tensor(const torch::Tensor&)>& decode,
                                 int64_t latentChannels, int64_t factor, int64_t latentSize,
                                 uint64_t seed) {
  torch::NoGradGuard ng;
  auto gen = at::detail::createCPUGenerator(seed);
  const int64_t n = 4, s = std::max<int64_t>(4, std::min<int64_t>(latentSize, 16));
  auto z = at::randn({n, latentChannels, s, s}, gen, torch::kFloat32);
  auto img = decode(z).to(torch::kCPU, torch::kFloat32);
  if (img.size(1) == 1) img = img.expand({-1, 3, -1, -1});
  auto rgb = torch::avg_pool2d(img.narrow(1, 0, 3), factor);  // [n, 3, s, s]
  auto a = torch::cat(
      {z.permute({0, 2, 3, 1}).reshape({-1, latentChannels}), torch::ones({n * s * s, 1})},
      1);                                               // [M, C+1]
  auto y = rgb.permute({0, 2, 3, 1}).reshape({-1, 3});  // [M, 3]
  // Ridge-regularised normal equations: small, exact enough, and available in every LibTorch.
  auto ata = a.t().mm(a) + 1e-3 * torch::eye(latentChannels + 1);
  auto sol = torch::linalg_solve(ata, a.t().mm(y));  // [C+1, 3]
  return LatentPreview(sol.narrow(0, 0, latentChannels).t().contiguous(),
                       sol[latentChannels].contiguous());
}

torch::Tensor LatentPreview::toRgb(const torch::Tensor& latent) const {
  auto z = latent.detach().to(torch::kCPU, torch::kFloat32);
  if (z.dim() == 4) z = z[0];
  if (z.size(0) != weight_.size(1))
    throw Error("latent preview: latent has " + std::to_string(z.size(0)) +
                " channels, the projection expects " + std::to_string(weight_.size(1)));
  auto rgb = torch::einsum("oc,chw->hwo", {weight_, z}) + bias_;  // [h, w, 3] in ~[-1, 1]
  return ((rgb.clamp(-1.0, 1.0) + 1.0) * 127.5).round().to(torch::kUInt8).contiguous();
}

}  // namespace tfs
