#include "core/model/safetensors.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <random>

#include "core/base/error.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "safetensors stores little-endian data; this reader assumes a little-endian host"
#endif

namespace tfs {
namespace {

// The reference implementation refuses headers above 100 MB; so do we (a hostile length must not
// make us allocate gigabytes).
constexpr int64_t kMaxHeaderBytes = 100'000'000;

struct DtypeInfo {
  const char* name;
  torch::Dtype dtype;
  int64_t size;
};

const std::vector<DtypeInfo>& dtypeTable() {
  static const std::vector<DtypeInfo> t = {
      {"F64", torch::kFloat64, 8},   {"F32", torch::kFloat32, 4}, {"F16", torch::kFloat16, 2},
      {"BF16", torch::kBFloat16, 2}, {"I64", torch::kInt64, 8},   {"I32", torch::kInt32, 4},
      {"I16", torch::kInt16, 2},     {"I8", torch::kInt8, 1},     {"U8", torch::kUInt8, 1},
      {"BOOL", torch::kBool, 1}};
  return t;
}

const DtypeInfo* findDtype(const std::string& name) {
  for (const auto& d : dtypeTable())
    if (name == d.name) return &d;
  return nullptr;
}

std::string knownDtypes() {
  std::string s;
  for (const auto& d : dtypeTable()) s += (s.empty() ? "" : ", ") + std::string(d.name);
  return s;
}

[[noreturn]] void corrupt(const std::string& path, const std::string& what) {
  throw CheckpointError("'" + path + "' is not a valid safetensors file: " + what +
                        " (the file is truncated, corrupt or not safetensors; re-export or "
                        "re-download it)");
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }

 private:
  int fd_;
};

// Reads exactly n bytes at offset or returns false (EOF or error).
bool preadAll(int fd, void* buf, int64_t n, int64_t offset) {
  auto* p = static_cast<char*>(buf);
  while (n > 0) {
    ssize_t chunk = std::min<int64_t>(n, int64_t(1) << 30);
    ssize_t r = ::pread(fd, p, chunk, offset);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= r;
    offset += r;
  }
  return true;
}

Fd openForRead(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw IoError("cannot open '" + path + "': " + std::strerror(errno) +
                  " (check the path and its permissions)");
  return Fd(fd);
}

int64_t checkedInt(const nlohmann::json& v, const std::string& path, const std::string& tensor,
                   const char* field) {
  if (!v.is_number_integer() ||
      (v.is_number_integer() && !v.is_number_unsigned() && v.get<int64_t>() < 0))
    corrupt(path, "tensor '" + tensor + "': " + field + " must hold non-negative integers");
  if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max()))
    corrupt(path, "tensor '" + tensor + "': " + field + " value is out of range");
  return v.get<int64_t>();
}

SafetensorsHeader parseHeader(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw IoError("cannot stat '" + path + "': " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) corrupt(path, "it is not a regular file");
  SafetensorsHeader h;
  h.fileSize = st.st_size;
  if (h.fileSize < 8)
    corrupt(path,
            "only " + std::to_string(h.fileSize) + " bytes, shorter than the 8-byte header length");
  unsigned char lenBytes[8];
  if (!preadAll(fd, lenBytes, 8, 0)) corrupt(path, "cannot read the header length");
  uint64_t len = 0;
  for (int i = 7; i >= 0; --i) len = (len << 8) | lenBytes[i];
  if (len > uint64_t(h.fileSize - 8))
    corrupt(path, "header length " + std::to_string(len) + " runs past the end of the " +
                      std::to_string(h.fileSize) + "-byte file");
  if (len > uint64_t(kMaxHeaderBytes))
    corrupt(path, "header length " + std::to_string(len) + " exceeds the 100 MB limit");
  if (len < 2) corrupt(path, "header of " + std::to_string(len) + " bytes cannot hold JSON");
  std::string text(len, '\0');
  if (!preadAll(fd, text.data(), int64_t(len), 8)) corrupt(path, "cannot read the header");
  h.dataOffset = 8 + int64_t(len);
  const int64_t dataSize = h.fileSize - h.dataOffset;

  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    corrupt(path, std::string("header is not valid JSON (") + e.what() + ")");
  }
  if (!j.is_object()) corrupt(path, "header is not a JSON object");

  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& name = it.key();
    const auto& v = it.value();
    if (name == "__metadata__") {
      if (!v.is_object()) corrupt(path, "__metadata__ is not an object of strings");
      for (auto m = v.begin(); m != v.end(); ++m) {
        if (!m.value().is_string())
          corrupt(path, "__metadata__ value '" + m.key() + "' is not a string");
        h.metadata[m.key()] = m.value().get<std::string>();
      }
      continue;
    }
    if (!v.is_object()) corrupt(path, "tensor '" + name + "': entry is not an object");
    auto dt = v.find("dtype");
    auto sh = v.find("shape");
    auto off = v.find("data_offsets");
    if (dt == v.end() || sh == v.end() || off == v.end())
      corrupt(path, "tensor '" + name + "': entry lacks dtype, shape or data_offsets");
    if (!dt->is_string()) corrupt(path, "tensor '" + name + "': dtype is not a string");
    SafetensorsEntry e;
    e.name = name;
    e.dtype = dt->get<std::string>();
    const DtypeInfo* info = findDtype(e.dtype);
    if (!info)
      corrupt(path, "tensor '" + name + "': unknown dtype '" + e.dtype +
                        "' (supported: " + knownDtypes() + ")");
    if (!sh->is_array() || sh->size() > 64)
      corrupt(path, "tensor '" + name + "': shape is not an array of at most 64 sizes");
    // numel · itemsize must equal the byte span; computed with overflow checks (hostile sizes).
    uint64_t bytes = uint64_t(info->size);
    bool overflow = false;
    for (const auto& d : *sh) {
      int64_t n = checkedInt(d, path, name, "shape");
      e.shape.push_back(n);
      if (n != 0 && bytes > uint64_t(std::numeric_limits<int64_t>::max()) / uint64_t(n))
        overflow = true;
      else
        bytes *= uint64_t(n);
    }
    if (std::find(e.shape.begin(), e.shape.end(), 0) != e.shape.end()) {
      bytes = 0;
      overflow = false;
    }
    if (!off->is_array() || off->size() != 2)
      corrupt(path, "tensor '" + name + "': data_offsets is not a [begin, end] pair");
    e.begin = checkedInt((*off)[0], path, name, "data_offsets");
    e.end = checkedInt((*off)[1], path, name, "data_offsets");
    if (e.end < e.begin)
      corrupt(path, "tensor '" + name + "': data_offsets end " + std::to_string(e.end) +
                        " is before begin " + std::to_string(e.begin));
    if (e.end > dataSize)
      corrupt(path, "tensor '" + name + "': data_offsets [" + std::to_string(e.begin) + ", " +
                        std::to_string(e.end) + "] run past the " + std::to_string(dataSize) +
                        "-byte data section (truncated file?)");
    if (overflow || bytes != uint64_t(e.end - e.begin))
      corrupt(path,
              "tensor '" + name + "': shape and dtype " + e.dtype + " need " +
                  (overflow ? std::string("an impossible number of") : std::to_string(bytes)) +
                  " bytes but data_offsets span " + std::to_string(e.end - e.begin));
    h.tensors.push_back(std::move(e));
  }

  std::vector<const SafetensorsEntry*> byOffset;
  for (const auto& e : h.tensors)
    if (e.end > e.begin) byOffset.push_back(&e);
  std::sort(byOffset.begin(), byOffset.end(), [](auto* a, auto* b) { return a->begin < b->begin; });
  for (size_t i = 1; i < byOffset.size(); ++i) {
    if (byOffset[i]->begin < byOffset[i - 1]->end)
      corrupt(path, "tensors '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name +
                        "' have overlapping data_offsets");
  }
  std::sort(h.tensors.begin(), h.tensors.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return h;
}

[[noreturn]] void writeFailed(const std::string& path, int err) {
  if (err == ENOSPC || err == EDQUOT)
    throw IoError("disk full while writing '" + path +
                  "': free some space (old checkpoints?) and try again");
  throw IoError("cannot write '" + path + "': " + std::strerror(err));
}

void writeAll(int fd, const void* buf, int64_t n, const std::string& path) {
  const auto* p = static_cast<const char*>(buf);
  while (n > 0) {
    ssize_t chunk = std::min<int64_t>(n, int64_t(1) << 30);
    ssize_t w = ::write(fd, p, chunk);
    if (w < 0 && errno == EINTR) continue;
    // write() returning 0 for a non-zero request only happens when the device is full.
    if (w <= 0) writeFailed(path, w == 0 ? ENOSPC : errno);
    p += w;
    n -= w;
  }
}

}  // namespace

torch::Dtype safetensorsDtype(const std::string& name) {
  const DtypeInfo* d = findDtype(name);
  if (!d)
    throw CheckpointError("unknown safetensors dtype '" + name + "' (supported: " + knownDtypes() +
                          ")");
  return d->dtype;
}

std::string safetensorsDtypeName(torch::Dtype dtype) {
  for (const auto& d : dtypeTable())
    if (d.dtype == dtype) return d.name;
  throw CheckpointError(std::string("dtype ") + c10::toString(dtype) +
                        " cannot be stored in safetensors (convert the tensor to one of " +
                        knownDtypes() + ")");
}

int64_t safetensorsItemSize(const std::string& name) {
  const DtypeInfo* d = findDtype(name);
  if (!d)
    throw CheckpointError("unknown safetensors dtype '" + name + "' (supported: " + knownDtypes() +
                          ")");
  return d->size;
}

SafetensorsHeader readSafetensorsHeader(const std::string& path) {
  Fd fd = openForRead(path);
  return parseHeader(fd.get(), path);
}

std::map<std::string, torch::Tensor> readSafetensors(const std::string& path,
                                                     std::map<std::string, std::string>* meta) {
  Fd fd = openForRead(path);
  SafetensorsHeader h = parseHeader(fd.get(), path);
  std::map<std::string, torch::Tensor> out;
  for (const auto& e : h.tensors) {
    auto t = torch::empty(e.shape, torch::TensorOptions().dtype(safetensorsDtype(e.dtype)));
    int64_t n = e.end - e.begin;
    if (n > 0 && !preadAll(fd.get(), t.data_ptr(), n, h.dataOffset + e.begin))
      corrupt(path, "tensor '" + e.name + "': cannot read its bytes");
    if (t.scalar_type() == torch::kBool && n > 0) {
      // A bool byte other than 0/1 is undefined behaviour in torch; refuse it here.
      const auto* b = reinterpret_cast<const uint8_t*>(t.data_ptr());
      for (int64_t i = 0; i < n; ++i)
        if (b[i] > 1) corrupt(path, "tensor '" + e.name + "': BOOL byte other than 0 or 1");
    }
    out.emplace(e.name, std::move(t));
  }
  if (meta) *meta = h.metadata;
  return out;
}

void writeSafetensors(const std::map<std::string, torch::Tensor>& tensors, const std::string& path,
                      const std::map<std::string, std::string>& meta) {
  nlohmann::json header = nlohmann::json::object();
  std::vector<torch::Tensor> data;
  int64_t offset = 0;
  for (const auto& [name, tensor] : tensors) {
    if (name == "__metadata__")
      throw CheckpointError("a tensor cannot be named '__metadata__' in '" + path + "'");
    if (!tensor.defined())
      throw CheckpointError("tensor '" + name + "' is undefined; cannot write '" + path + "'");
    std::string dtype = safetensorsDtypeName(tensor.scalar_type());
    auto cpu = tensor.detach().to(torch::kCPU).contiguous();
    int64_t bytes = cpu.numel() * cpu.element_size();
    header[name] = {
        {"dtype", dtype}, {"shape", cpu.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
    data.push_back(cpu);
  }
  if (!meta.empty()) header["__metadata__"] = meta;
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');

  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::random_device rd;
  std::string tmp = (dir / ("." + target.filename().string() + ".tmp-" +
                            std::to_string(::getpid()) + "-" + std::to_string(rd())))
                        .string();
  int raw = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (raw < 0) {
    int err = errno;
    if (err == ENOSPC || err == EDQUOT) writeFailed(path, err);
    throw IoError("cannot create '" + tmp + "': " + std::strerror(err) +
                  " (does the folder exist and is it writable?)");
  }
  Fd fd(raw);
  try {
    unsigned char lenBytes[8];
    uint64_t len = text.size();
    for (int i = 0; i < 8; ++i) lenBytes[i] = static_cast<unsigned char>(len >> (8 * i));
    writeAll(fd.get(), lenBytes, 8, path);
    writeAll(fd.get(), text.data(), int64_t(text.size()), path);
    for (const auto& t : data) writeAll(fd.get(), t.data_ptr(), t.numel() * t.element_size(), path);
    if (::fsync(fd.get()) != 0) writeFailed(path, errno);
    if (::close(fd.release()) != 0) writeFailed(path, errno);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
      int err = errno;
      throw IoError("cannot move '" + tmp + "' to '" + path + "': " + std::strerror(err));
    }
  } catch (...) {
    ::unlink(tmp.c_str());
    throw;
  }
  // The rename is durable only once the folder entry is on disk.
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace tfs
