#pragma once

#include <torch/torch.h>

namespace tfs {

// A packed training (or prompt) batch: B rows of L positions mixing text tokens and image patches.
// This is the contract between the batch builder (train/), the generator (generate/) and the
// model (model/). Image n's patches are the positions where imageIds == n, in raster order.
struct Batch {
  torch::Tensor
      tokens;  // [B, L] int64: token id at text positions (BOI/EOI included); pad id at patches
  torch::Tensor patchMask;  // [B, L] bool: true at image-patch positions
  torch::Tensor
      positions;           // [B, L] int64: RoPE positions, restarting at 0 for each packed document
  torch::Tensor docIds;    // [B, L] int64: document index within its row; -1 at padding
  torch::Tensor imageIds;  // [B, L] int64: index into latents at patch positions; -1 elsewhere
  torch::Tensor lmTargets;  // [B, L] int64: next-token target; -100 where there is no LM loss
  torch::Tensor latents;    // [N, C, h, w] float: clean latents of all N images of the batch
  torch::Tensor noise;  // [N, C, h, w] float: the ε added to each latent (sampled by the builder)
  torch::Tensor timesteps;  // [N] int64: diffusion step per image; 0 for clean conditioning images
  torch::Tensor diffusionWeight;  // [N] float: 1 where the image gets the diffusion loss, else 0
  // [N, 1, h, w] float, optional: weights of the diffusion loss within each image (undefined:
  // uniform); an image's loss is its weighted mean squared error.
  torch::Tensor lossMap;

  int64_t rows() const { return tokens.defined() ? tokens.size(0) : 0; }
  int64_t length() const { return tokens.defined() ? tokens.size(1) : 0; }
  int64_t images() const { return latents.defined() ? latents.size(0) : 0; }
  Batch to(const torch::Device& device) const {
    Batch b;
    auto mv = [&](const torch::Tensor& t) { return t.defined() ? t.to(device) : t; };
    b.tokens = mv(tokens);
    b.patchMask = mv(patchMask);
    b.positions = mv(positions);
    b.docIds = mv(docIds);
    b.imageIds = mv(imageIds);
    b.lmTargets = mv(lmTargets);
    b.latents = mv(latents);
    b.noise = mv(noise);
    b.timesteps = mv(timesteps);
    b.diffusionWeight = mv(diffusionWeight);
    b.lossMap = mv(lossMap);
    return b;
  }
};

}  // namespace tfs
