#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli/command.h"
#include "core/base/error.h"
#include "core/model/attention_mask.h"
#include "core/model/mixed_sequence.h"

namespace {

struct MaskOptions {
  std::string layout;
  bool causalOnly = false;
  std::string out;
};

tfs::cli::Run setupMask(CLI::App& app, tfs::cli::GlobalOptions&) {
  auto opts = std::make_shared<MaskOptions>();
  auto* sub = app.add_subcommand(
      "mask",
      "Write the Transfusion attention mask of a sequence layout as CSV.\n"
      "Output: pure 0/1 CSV without header row or column; row i is query position i, column j is\n"
      "key position j, 1 = may attend. text:N is N text tokens; image:P is BOI, P patches, EOI;\n"
      "'|' starts a new packed document. Example: --layout \"text:5,image:4,text:3\" (14 rows).");
  sub->add_option("--layout", opts->layout, "Layout, e.g. \"text:5,image:4,text:3\"")->required();
  sub->add_flag("--causal-only", opts->causalOnly,
                "Plain causal attention (no bidirectional attention inside images)");
  sub->add_option("--out", opts->out, "Write the CSV to FILE instead of stdout");
  return [opts]() {
    auto layout = tfs::parseLayout(opts->layout);
    auto ids = [](const std::vector<int64_t>& v) {
      return torch::tensor(v, torch::kLong).unsqueeze(0);
    };
    auto mask =
        tfs::transfusionMask(ids(layout.docIds), ids(layout.imageIndex), !opts->causalOnly)[0]
            .contiguous();
    const int64_t L = mask.size(0);
    const bool* m = mask.data_ptr<bool>();
    std::string csv;
    csv.reserve(size_t(L * L * 2));
    for (int64_t q = 0; q < L; ++q) {
      for (int64_t k = 0; k < L; ++k) {
        csv += m[q * L + k] ? '1' : '0';
        csv += k + 1 < L ? ',' : '\n';
      }
    }
    if (opts->out.empty()) {
      std::cout << csv;
      return 0;
    }
    std::ofstream f(opts->out, std::ios::binary);
    if (!f || !(f << csv) || !f.flush())
      throw tfs::IoError("cannot write the mask to '" + opts->out +
                         "'; check the folder exists and is writable");
    return 0;
  };
}

const bool registeredMask = tfs::cli::registerCommand("mask", 30, setupMask);

}  // namespace
