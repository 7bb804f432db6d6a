#include "core/eval/attention_bench.h"

#include <chrono>
#include <sstream>

#include "core/base/error.h"
#include "core/base/precision.h"
#include "core/eval/text_table.h"
#include "core/model/attention.h"
#include "core/model/attention_mask.h"

namespace tfs {

void attentionBenchLayout(int64_t length, int64_t captionTokens, int64_t patchesPerImage,
                          std::vector<int64_t>& docIds, std::vector<int64_t>& imageIds) {
  docIds.assign(size_t(length), 0);
  imageIds.assign(size_t(length), -1);
  int64_t pos = 0, image = 0;
  while (pos < length) {
    pos += captionTokens + 1;  // caption, BOI
    for (int64_t p = 0; p < patchesPerImage && pos < length; ++p, ++pos)
      imageIds[size_t(pos)] = image;
    ++pos;  // EOI
    ++image;
  }
}

namespace {

template <typename F>
double bestOf(int64_t repeats, F&& fn) {
  fn();  // warm-up
  double best = 1e30;
  for (int64_t r = 0; r < std::max<int64_t>(1, repeats); ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    best = std::min(best,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

}  // namespace

nlohmann::json benchAttention(const AttentionBenchOptions& o) {
  if (o.lengths.empty() || o.heads < 1 || o.headDim < 1 || o.patchesPerImage < 1)
    throw UsageError("bench attention needs lengths, heads, head size and patches >= 1");
  torch::manual_seed(o.seed);
  const auto precision = resolvePrecision(o.precision, torch::kCPU);
  AutocastScope autocast(torch::kCPU, precision);
  const int64_t block = defaultAttentionBlockRows(torch::empty({1}));
  nlohmann::json rows = nlohmann::json::array();
  for (int64_t L : o.lengths) {
    if (L < 2) throw UsageError("attention lengths must be >= 2, got " + std::to_string(L));
    std::vector<int64_t> doc, img;
    attentionBenchLayout(L, o.captionTokens, o.patchesPerImage, doc, img);
    const auto docT = torch::tensor(doc, torch::kInt64).view({1, L});
    const auto imgT = torch::tensor(img, torch::kInt64).view({1, L});
    const auto q = torch::randn({1, o.heads, L, o.headDim});
    const auto k = torch::randn({1, o.heads, L, o.headDim});
    const auto v = torch::randn({1, o.heads, L, o.headDim});
    nlohmann::json row = {{"length", L}};
    torch::Tensor masks[2];
    for (int kind = 0; kind < 2; ++kind) {
      const bool bidir = kind == 0;
      const std::string name = bidir ? "transfusion" : "causal";
      torch::Tensor mask;
      double build = bestOf(o.repeats, [&] { mask = transfusionMask(docT, imgT, bidir); });
      masks[kind] = mask;
      double fwd = bestOf(o.repeats, [&] {
        torch::NoGradGuard ng;
        maskedAttention(q, k, v, mask);
      });
      row[name] = {{"mask_ms", build * 1e3},
                   {"forward_ms", fwd * 1e3},
                   {"allowed_fraction", mask.to(torch::kDouble).mean().item<double>()}};
      if (o.backward) {
        auto qg = q.clone().requires_grad_(true), kg = k.clone().requires_grad_(true),
             vg = v.clone().requires_grad_(true);
        double fb = bestOf(o.repeats, [&] {
          maskedAttention(qg, kg, vg, mask).sum().backward();
          qg.mutable_grad().reset();
          kg.mutable_grad().reset();
          vg.mutable_grad().reset();
        });
        row[name]["forward_backward_ms"] = fb * 1e3;
      }
    }
    {
      // The reference beside it: the whole score matrix at once (the obvious implementation).
      double fwd = bestOf(o.repeats, [&] {
        torch::NoGradGuard ng;
        denseAttention(q, k, v, masks[0]);
      });
      row["dense"] = {{"forward_ms", fwd * 1e3}};
      if (o.backward) {
        auto qg = q.clone().requires_grad_(true), kg = k.clone().requires_grad_(true),
             vg = v.clone().requires_grad_(true);
        double fb = bestOf(o.repeats, [&] {
          denseAttention(qg, kg, vg, masks[0]).sum().backward();
          qg.mutable_grad().reset();
          kg.mutable_grad().reset();
          vg.mutable_grad().reset();
        });
        row["dense"]["forward_backward_ms"] = fb * 1e3;
      }
    }
    row["forward_ratio"] =
        row["transfusion"]["forward_ms"].get<double>() / row["causal"]["forward_ms"].get<double>();
    // Positions whose attention differs: patches see later patches of their own image.
    row["extra_allowed_pairs"] = masks[0].logical_and(masks[1].logical_not()).sum().item<int64_t>();
    // 4·H·L²·dh: QKᵀ and AV over the full masked matrix.
    const double flops = 4.0 * double(o.heads) * double(L) * double(L) * double(o.headDim);
    row["forward_gflops_per_s"] =
        flops / (row["transfusion"]["forward_ms"].get<double>() * 1e-3) / 1e9;
    row["dense_forward_gflops_per_s"] =
        flops / (row["dense"]["forward_ms"].get<double>() * 1e-3) / 1e9;
    rows.push_back(row);
  }
  return {{"heads", o.heads},
          {"head_dim", o.headDim},
          {"caption_tokens", o.captionTokens},
          {"patches_per_image", o.patchesPerImage},
          {"threads", at::get_num_threads()},
          {"precision", precisionName(precision)},
          {"block_rows", block},
          {"implementation",
           "maskedAttention: blocked over query blocks of " + std::to_string(block) +
               " rows and the key span each may see (CPU), against denseAttention (whole score "
               "matrix), both " +
               precisionName(precision)},
          {"rows", rows}};
}

std::string formatAttentionBench(const nlohmann::json& r) {
  std::ostringstream s;
  s << "bench attention: " << r["heads"].get<int64_t>() << " heads x "
    << r["head_dim"].get<int64_t>() << ", [" << r["caption_tokens"].get<int64_t>()
    << " caption tokens, BOI, " << r["patches_per_image"].get<int64_t>()
    << " patches, EOI] repeated; " << r["threads"].get<int>() << " threads; "
    << r["implementation"].get<std::string>() << "\n";
  const bool bw = !r["rows"].empty() && r["rows"][0]["causal"].contains("forward_backward_ms");
  std::vector<std::string> head = {"L", "mask ms (tfs/causal)", "fwd ms transfusion",
                                   "fwd ms causal", "ratio"};
  if (bw) {
    head.push_back("fwd+bwd ms transfusion");
    head.push_back("fwd+bwd ms causal");
  }
  head.push_back("dense fwd ms");
  head.push_back("GFLOP/s (dense)");
  const double ceiling = r.value("ceiling_gflops", 0.0);  // of the precision used
  if (ceiling > 0) head.push_back("of " + r.value("precision", std::string("fp32")) + " ceiling");
  TextTable t(head);
  for (const auto& row : r["rows"]) {
    const auto& a = row["transfusion"];
    const auto& c = row["causal"];
    std::vector<std::string> cells = {
        std::to_string(row["length"].get<int64_t>()),
        fmtNumber(a["mask_ms"].get<double>(), 2) + " / " + fmtNumber(c["mask_ms"].get<double>(), 2),
        fmtNumber(a["forward_ms"].get<double>(), 2), fmtNumber(c["forward_ms"].get<double>(), 2),
        fmtNumber(row["forward_ratio"].get<double>(), 2)};
    if (bw) {
      cells.push_back(fmtNumber(a["forward_backward_ms"].get<double>(), 2));
      cells.push_back(fmtNumber(c["forward_backward_ms"].get<double>(), 2));
    }
    cells.push_back(row.contains("dense") ? fmtNumber(row["dense"]["forward_ms"].get<double>(), 2)
                                          : std::string("-"));
    cells.push_back(fmtNumber(row["forward_gflops_per_s"].get<double>(), 1) + " (" +
                    fmtNumber(row.value("dense_forward_gflops_per_s", 0.0), 1) + ")");
    if (ceiling > 0)
      cells.push_back(fmtNumber(100 * row["forward_gflops_per_s"].get<double>() / ceiling, 0) +
                      " %");
    t.add(cells);
  }
  s << t.render()
    << "GFLOP/s counts the full L x L matrix (4·H·L²·dh) for both paths: what the blocked path "
       "skips "
       "(hidden key spans) shows as speed\n";
  return s.str();
}

}  // namespace tfs
