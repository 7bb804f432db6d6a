#include "core/data/webdataset.h"

#include <archive.h>
#include <archive_entry.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "core/base/error.h"
#include "core/data/utf8.h"

namespace tfs {
namespace fs = std::filesystem;

namespace {

constexpr int64_t kMaxMemberBytes = 256ll << 20;

std::vector<std::string> expandBraces(const std::string& s) {
  const size_t open = s.find('{');
  if (open == std::string::npos) return {s};
  const size_t close = s.find('}', open);
  if (close == std::string::npos)
    throw UsageError("shard pattern '" + s + "' has a '{' without a closing '}'");
  const std::string body = s.substr(open + 1, close - open - 1);
  const std::string head = s.substr(0, open);
  std::vector<std::string> choices;
  const size_t dots = body.find("..");
  if (dots != std::string::npos) {
    const std::string a = body.substr(0, dots), b = body.substr(dots + 2);
    auto digits = [](const std::string& x) {
      return !x.empty() && std::all_of(x.begin(), x.end(), ::isdigit);
    };
    if (!digits(a) || !digits(b))
      throw UsageError("shard range '{" + body + "}' must be two numbers like {000..009}");
    const long lo = std::stol(a), hi = std::stol(b);
    if (hi < lo || hi - lo > 1'000'000)
      throw UsageError("shard range '{" + body + "}' is empty or too long");
    const size_t width = a.size();
    for (long v = lo; v <= hi; ++v) {
      std::string n = std::to_string(v);
      if (n.size() < width) n.insert(0, width - n.size(), '0');
      choices.push_back(n);
    }
  } else {
    size_t start = 0;
    while (true) {
      size_t comma = body.find(',', start);
      choices.push_back(body.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  std::vector<std::string> ordered;
  auto tails = expandBraces(s.substr(close + 1));
  for (const auto& c : choices)
    for (const auto& tail : tails) ordered.push_back(head + c + tail);
  return ordered;
}

}  // namespace

std::vector<std::string> expandShardPattern(const std::string& pattern) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t sep = pattern.find("::", start);
    std::string part = pattern.substr(start, sep == std::string::npos ? sep : sep - start);
    std::error_code ec;
    if (!part.empty() && fs::is_directory(part, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::directory_iterator(part, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 4 && (name.substr(name.size() - 4) == ".tar" ||
                                (name.size() > 7 && name.substr(name.size() - 7) == ".tar.gz")))
          found.push_back(entry.path().string());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (!part.empty()) {
      auto expanded = expandBraces(part);
      out.insert(out.end(), expanded.begin(), expanded.end());
    }
    if (sep == std::string::npos) break;
    start = sep + 2;
  }
  if (out.empty()) throw UsageError("shard pattern '" + pattern + "' names no shards");
  return out;
}

WebDatasetSource::WebDatasetSource(const std::string& pattern, SourceOptions opts,
                                   MissingCaption missing)
    : pattern_(pattern), opts_(opts), missing_(missing), shards_(expandShardPattern(pattern)) {
  reset(opts_.seed);
}

WebDatasetSource::~WebDatasetSource() {
  closeShard();
}

void WebDatasetSource::reset(uint64_t seed) {
  opts_.seed = seed;
  closeShard();
  shardIndex_ = 0;
  pending_ = Pending{};
}

void WebDatasetSource::closeShard() {
  if (archive_) {
    archive_read_free(archive_);
    archive_ = nullptr;
  }
}

bool WebDatasetSource::openNextShard() {
  while (shardIndex_ < shards_.size()) {
    const std::string path = shards_[shardIndex_++];
    shardName_ = fs::path(path).filename().string();
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      skip("missing shard", path, "shard does not exist (check the pattern)");
      continue;
    }
    archive_ = archive_read_new();
    archive_read_support_format_tar(archive_);
    archive_read_support_filter_all(archive_);
    if (archive_read_open_filename(archive_, path.c_str(), 1 << 16) != ARCHIVE_OK) {
      skip("unreadable shard", path,
           std::string("cannot open as a tar archive (") + archive_error_string(archive_) + ")");
      closeShard();
      continue;
    }
    return true;
  }
  return false;
}

std::optional<Example> WebDatasetSource::finish(Pending& p) {
  if (!p.any) return std::nullopt;
  Pending done = std::move(p);
  p = Pending{};
  const std::string where = shardName_ + " sample " + done.key;
  if (done.dropped) return std::nullopt;  // already counted
  if (done.image.empty() && done.imageName.empty()) {
    skip("no image", where, "record has no .jpg/.png image member");
    return std::nullopt;
  }
  if (!done.captionError.empty()) {
    skip("bad caption", where, done.captionError);
    return std::nullopt;
  }
  if (!done.caption && missing_ == MissingCaption::Skip) {
    skip("missing caption", where, "record has no .txt or .json caption");
    return std::nullopt;
  }
  auto image =
      loadImageOrSkip(done.imageName, &done.image, opts_, skipped_,
                      shardName_ + " member " + fs::path(done.imageName).filename().string());
  if (!image.defined()) return std::nullopt;
  Example e;
  e.id = shardName_ + "/" + done.key;
  e.text = done.caption.value_or("");
  e.image = image;
  return e;
}

std::optional<Example> WebDatasetSource::next() {
  while (true) {
    if (!archive_) {
      if (auto e = finish(pending_)) return e;
      if (!openNextShard()) return std::nullopt;
    }
    archive_entry* entry = nullptr;
    const int r = archive_read_next_header(archive_, &entry);
    if (r == ARCHIVE_EOF) {
      auto e = finish(pending_);
      closeShard();
      if (e) return e;
      continue;
    }
    if (r < ARCHIVE_WARN) {
      pending_ = Pending{};
      skip("truncated shard", shardName_,
           std::string("damaged or truncated tar (") + archive_error_string(archive_) +
               "); the rest of this shard is skipped");
      closeShard();
      continue;
    }
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    const std::string path = archive_entry_pathname(entry) ? archive_entry_pathname(entry) : "";
    const fs::path fp(path);
    const std::string fileName = fp.filename().string();
    const size_t dot = fileName.find('.');
    if (dot == std::string::npos || dot == 0) continue;
    const std::string key =
        (fp.has_parent_path() ? fp.parent_path().string() + "/" : std::string()) +
        fileName.substr(0, dot);
    const std::string ext = asciiLower(fileName.substr(dot + 1));

    const int64_t size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
    std::vector<uint8_t> data;
    bool tooLarge = size > kMaxMemberBytes;
    bool failed = false;
    if (!tooLarge) {
      data.reserve(size_t(std::max<int64_t>(0, size)));
      uint8_t buf[1 << 16];
      while (true) {
        la_ssize_t n = archive_read_data(archive_, buf, sizeof(buf));
        if (n == 0) break;
        if (n < 0) {
          failed = true;
          break;
        }
        data.insert(data.end(), buf, buf + n);
        if (int64_t(data.size()) > kMaxMemberBytes) {
          tooLarge = true;
          break;
        }
      }
    }
    if (failed) {
      pending_ = Pending{};
      skip("truncated shard", shardName_ + " member " + fileName,
           std::string("damaged or truncated tar (") + archive_error_string(archive_) +
               "); the rest of this shard is skipped");
      closeShard();
      continue;
    }
    std::optional<Example> finished;
    if (pending_.any && pending_.key != key) finished = finish(pending_);
    pending_.any = true;
    pending_.key = key;
    if (tooLarge) {
      skip("member too large", shardName_ + " member " + fileName, "larger than 256 MB");
      pending_.dropped = true;
    } else if (ext == "jpg" || ext == "jpeg" || ext == "png" || ext == "bmp" || ext == "webp" ||
               ext == "gif") {
      pending_.imageName = path;
      pending_.image = std::move(data);
    } else if (ext == "txt" || ext == "caption") {
      std::string t(data.begin(), data.end());
      if (!isValidUtf8(t))
        pending_.captionError = fileName + " is not valid UTF-8";
      else
        pending_.caption = trim(t);
    } else if (ext == "json") {
      try {
        auto j = nlohmann::json::parse(data.begin(), data.end());
        for (const char* k : {"caption", "text"}) {
          if (j.is_object() && j.contains(k) && j[k].is_string()) {
            pending_.caption = trim(j[k].get<std::string>());
            break;
          }
        }
      } catch (const std::exception& ex) {
        pending_.captionError = fileName + " is not valid JSON (" + ex.what() + ")";
      }
    }
    if (finished) return finished;
  }
}

std::string WebDatasetSource::describe() const {
  return "WebDataset " + pattern_ + " (" + std::to_string(shards_.size()) + " shards)";
}

}  // namespace tfs
