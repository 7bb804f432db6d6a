#include "core/data/image_folder.h"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/base/error.h"
#include "core/data/image_io.h"
#include "core/data/utf8.h"

namespace tfs {
namespace fs = std::filesystem;

namespace {

void logSkip(SkipStats& stats, const std::string& reason, const std::string& where,
             const std::string& detail) {
  stats.add(reason);
  spdlog::warn("skipping {}: {}", where, detail);
}

}  // namespace

bool isImageFileName(const std::string& name) {
  static const char* const exts[] = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tga",
                                     ".psd", ".hdr", ".pnm",  ".ppm", ".pgm", ".webp"};
  const std::string ext = asciiLower(fs::path(name).extension().string());
  return std::any_of(std::begin(exts), std::end(exts), [&](const char* e) { return ext == e; });
}

torch::Tensor loadImageOrSkip(const std::string& path, const std::vector<uint8_t>* bytes,
                              const SourceOptions& opts, SkipStats& stats,
                              const std::string& where) {
  try {
    if (bytes) return loadImage(bytes->data(), bytes->size(), opts.imageSize, opts.channels, path);
    return loadImageFile(path, opts.imageSize, opts.channels);
  } catch (const DataError& e) {
    std::string msg = e.what();
    // The error names the file already; say only why.
    if (msg.rfind(path + ": ", 0) == 0) msg = msg.substr(path.size() + 2);
    std::string reason = msg.find("too large") != std::string::npos       ? "image too large"
                         : msg.find("not supported") != std::string::npos ? "unsupported format"
                                                                          : "corrupt image";
    logSkip(stats, reason, where, msg);
  } catch (const IoError& e) {
    logSkip(stats, "unreadable file", where, e.what());
  }
  return {};
}

FolderSource::FolderSource(const std::string& root, SourceOptions opts, MissingCaption missing)
    : root_(root), opts_(opts), missing_(missing) {
  std::error_code ec;
  if (!fs::is_directory(root, ec))
    throw IoError("image folder '" + root + "' does not exist or is not a folder");
  for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec),
       end;
       it != end; it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec) && isImageFileName(it->path().filename().string()))
      files_.push_back(it->path());
  }
  std::sort(files_.begin(), files_.end());
  if (files_.empty())
    throw DataError("image folder '" + root + "' holds no image files (.png, .jpg, ...)");
  reset(opts_.seed);
}

void FolderSource::reset(uint64_t seed) {
  opts_.seed = seed;
  index_ = 0;
}

std::optional<Example> FolderSource::next() {
  while (index_ < files_.size()) {
    const fs::path& img = files_[index_++];
    const std::string rel = fs::relative(img, root_).string();
    fs::path captionPath = img;
    captionPath.replace_extension(".txt");
    std::string caption;
    std::error_code ec;
    if (fs::exists(captionPath, ec)) {
      std::ifstream in(captionPath, std::ios::binary);
      caption.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      caption = trim(caption);
      if (!isValidUtf8(caption)) {
        skip("caption not UTF-8", root_ + " " + captionPath.filename().string(),
             "caption is not valid UTF-8; re-save it as UTF-8");
        continue;
      }
    } else if (missing_ == MissingCaption::Skip) {
      skip("missing caption", root_ + " " + rel,
           "no caption file " + captionPath.filename().string() +
               " (write one, or allow empty captions)");
      continue;
    }
    auto image = loadImageOrSkip(img.string(), nullptr, opts_, skipped_, root_ + " " + rel);
    if (!image.defined()) continue;
    Example e;
    e.id = rel;
    e.text = caption;
    e.image = image;
    return e;
  }
  return std::nullopt;
}

std::string FolderSource::describe() const {
  return "image folder " + root_ + " (" + std::to_string(files_.size()) + " images, " +
         (missing_ == MissingCaption::Skip ? "missing captions skipped"
                                           : "missing captions empty") +
         ")";
}

ImageFolderSource::ImageFolderSource(const std::string& root, SourceOptions opts)
    : root_(root), opts_(opts) {
  metadata_ = (fs::path(root) / "metadata.jsonl").string();
  std::error_code ec;
  if (!fs::exists(metadata_, ec))
    throw IoError("'" + metadata_ +
                  "' not found: a Hugging Face imagefolder needs a metadata.jsonl with "
                  "file_name and text per line (use folder:PATH for .txt captions)");
  reset(opts_.seed);
}

void ImageFolderSource::reset(uint64_t seed) {
  opts_.seed = seed;
  in_ = std::ifstream(metadata_, std::ios::binary);
  if (!in_) throw IoError("cannot open '" + metadata_ + "'");
  line_ = 0;
}

std::optional<Example> ImageFolderSource::next() {
  std::string line;
  while (std::getline(in_, line)) {
    ++line_;
    const std::string where = metadata_ + " line " + std::to_string(line_);
    if (trim(line).empty()) continue;
    if (!isValidUtf8(line)) {
      skip("metadata not UTF-8", where, "line is not valid UTF-8");
      continue;
    }
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const std::exception& ex) {
      skip("bad metadata line", where, std::string("not valid JSON (") + ex.what() + ")");
      continue;
    }
    if (!j.is_object() || !j.contains("file_name") || !j["file_name"].is_string()) {
      skip("bad metadata line", where, "no \"file_name\" string field");
      continue;
    }
    std::string text;
    for (const char* key : {"text", "caption"}) {
      if (j.contains(key) && j[key].is_string()) {
        text = j[key].get<std::string>();
        break;
      }
    }
    const std::string name = j["file_name"].get<std::string>();
    const fs::path rel(name);
    bool escapes = rel.is_absolute() || name.empty();
    for (const auto& part : rel) escapes = escapes || part == "..";
    if (escapes) {
      skip("file outside the folder", where,
           "file_name \"" + name + "\" is absolute or climbs out with ..: only files inside " +
               root_ + " are read");
      continue;
    }
    std::error_code fec;
    const auto st = fs::status(fs::path(root_) / rel, fec);
    if (!fec && fs::exists(st) && !fs::is_regular_file(st)) {
      skip("not a regular file", where, "file_name \"" + name + "\" is a folder or device");
      continue;
    }
    auto image = loadImageOrSkip((fs::path(root_) / name).string(), nullptr, opts_, skipped_,
                                 root_ + " " + name);
    if (!image.defined()) continue;
    Example e;
    e.id = name;
    e.text = trim(text);
    e.image = image;
    return e;
  }
  return std::nullopt;
}

std::string ImageFolderSource::describe() const {
  return "imagefolder " + root_ + " (metadata.jsonl)";
}

}  // namespace tfs
