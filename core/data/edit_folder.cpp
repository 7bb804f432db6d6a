#include "core/data/edit_folder.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/base/error.h"
#include "core/data/image_folder.h"
#include "core/data/utf8.h"

namespace tfs {

namespace fs = std::filesystem;

namespace {

// "NAME.input.png" → "NAME"; "" when the file is not an input image.
std::string tripletName(const fs::path& p) {
  if (!isImageFileName(p.filename().string())) return "";
  const auto stem = p.stem().string();  // NAME.input
  const std::string tag = ".input";
  if (stem.size() <= tag.size() || stem.compare(stem.size() - tag.size(), tag.size(), tag) != 0)
    return "";
  return stem.substr(0, stem.size() - tag.size());
}

// The output image beside an input: same NAME, any image extension (the input's first).
fs::path findOutput(const fs::path& input, const std::string& name) {
  const auto dir = input.parent_path();
  auto same = dir / (name + ".output" + input.extension().string());
  if (fs::exists(same)) return same;
  for (const char* ext : {".png", ".jpg", ".jpeg", ".bmp", ".ppm", ".pgm", ".webp"}) {
    auto p = dir / (name + ".output" + ext);
    if (fs::exists(p)) return p;
  }
  return {};
}

}  // namespace

EditFolderSource::EditFolderSource(const std::string& root, SourceOptions opts)
    : root_(root), opts_(opts) {
  std::error_code ec;
  if (!fs::is_directory(root, ec))
    throw IoError("editing folder '" + root + "' does not exist or is not a folder");
  for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && !tripletName(it->path()).empty()) inputs_.push_back(it->path());
  }
  std::sort(inputs_.begin(), inputs_.end());
  if (inputs_.empty())
    throw DataError("editing folder '" + root +
                    "' holds no NAME.input.png files; each triplet is NAME.input.png + "
                    "NAME.output.png + NAME.txt (the instruction)");
}

std::optional<EditExample> EditFolderSource::next() {
  while (index_ < inputs_.size()) {
    const auto input = inputs_[index_++];
    const auto name = tripletName(input);
    const auto where = (input.parent_path() / name).string();
    auto skip = [&](const std::string& reason, const std::string& detail) {
      skipped_.add(reason);
      spdlog::warn("skipping editing triplet {}: {}", where, detail);
    };
    const auto output = findOutput(input, name);
    if (output.empty()) {
      skip("missing output image", "no " + name + ".output.<png|jpg|…> beside the input");
      continue;
    }
    std::ifstream in(input.parent_path() / (name + ".txt"), std::ios::binary);
    if (!in) {
      skip("missing instruction", "no " + name + ".txt with the instruction");
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string instruction = ss.str();
    while (!instruction.empty() && std::isspace(static_cast<unsigned char>(instruction.back())))
      instruction.pop_back();
    if (instruction.empty()) {
      skip("missing instruction", name + ".txt is empty");
      continue;
    }
    if (!isValidUtf8(instruction)) {
      skip("non-UTF-8 text", name + ".txt is not UTF-8 text");
      continue;
    }
    SkipStats local;
    auto a = loadImageOrSkip(input.string(), nullptr, opts_, local, where);
    auto b = a.defined() ? loadImageOrSkip(output.string(), nullptr, opts_, local, where)
                         : torch::Tensor();
    skipped_.merge(local);
    if (!a.defined() || !b.defined()) continue;
    return EditExample{where, a, instruction, b};
  }
  return std::nullopt;
}

void EditFolderSource::reset(uint64_t) {
  index_ = 0;
}

std::string EditFolderSource::describe() const {
  return "editing folder " + root_ + " (" + std::to_string(inputs_.size()) + " triplets)";
}

}  // namespace tfs
