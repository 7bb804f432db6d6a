#include "core/base/cpu_allocator.h"

#include <c10/core/CPUAllocator.h>
#include <torch/version.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

namespace tfs {

namespace {

constexpr size_t kMinCached = size_t(256) << 10;

void* allocAligned(size_t n) {
  void* p = nullptr;
  // 64-byte alignment, as LibTorch's own CPU allocator gives (AVX-512 loads).
  if (posix_memalign(&p, 64, n) != 0 || !p) throw std::bad_alloc();
  return p;
}

class CachingCpuAllocator;
CachingCpuAllocator* g_allocator = nullptr;

// The DataPtr's context is the data pointer itself (mkldnn's raw_allocate/raw_deallocate insist
// on it), so block sizes are kept in a side table.
class CachingCpuAllocator final : public c10::Allocator {
 public:
  CachingCpuAllocator(c10::Allocator* base, size_t maxCached) : base_(base), max_(maxCached) {}

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 3)
  c10::DataPtr allocate(size_t n) override {
    return allocateBlock(n);
  }
  void copy_data(void* dest, const void* src, std::size_t count) const override {
    std::memcpy(dest, src, count);
  }
#else
  c10::DataPtr allocate(size_t n) const override {
    return allocateBlock(n);
  }
#endif
  c10::DeleterFnPtr raw_deleter() const override {
    return &CachingCpuAllocator::release;
  }

  c10::DataPtr allocateBlock(size_t n) const {
    if (n < kMinCached) {
      auto d = base_->allocate(n);
      // Re-wrapped so that raw_deallocate (through raw_deleter) reaches the base's deleter.
      void* p = d.get();
      if (p == nullptr || d.get_context() != p) return d;
      d.release_context();
      return {p, p, &CachingCpuAllocator::release, c10::Device(c10::DeviceType::CPU)};
    }
    const size_t size = cpuCacheSizeClass(n);
    void* ptr = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = free_.find(size);
      if (it != free_.end() && !it->second.empty()) {
        ptr = it->second.back();
        it->second.pop_back();
        stats_.cachedBytes -= int64_t(size);
        ++stats_.hits;
      } else {
        ++stats_.misses;
      }
      stats_.liveBytes += int64_t(size);
    }
    if (!ptr) ptr = allocAligned(size);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      live_[ptr] = size;
    }
    return {ptr, ptr, &CachingCpuAllocator::release, c10::Device(c10::DeviceType::CPU)};
  }

  void empty() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [size, blocks] : free_)
      for (void* p : blocks) std::free(p);
    free_.clear();
    stats_.cachedBytes = 0;
  }

  CpuCacheStats stats() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
  }

 private:
  static void release(void* ptr) {
    if (!ptr) return;
    g_allocator->giveBack(ptr);
  }

  void giveBack(void* ptr) const {
    c10::DeleterFnPtr baseDeleter = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = live_.find(ptr);
      if (it == live_.end()) {
        baseDeleter = base_->raw_deleter();
      } else {
        const size_t size = it->second;
        live_.erase(it);
        stats_.liveBytes -= int64_t(size);
        if (size_t(stats_.cachedBytes) + size <= max_) {
          free_[size].push_back(ptr);
          stats_.cachedBytes += int64_t(size);
          return;
        }
      }
    }
    if (baseDeleter)
      baseDeleter(ptr);
    else
      std::free(ptr);
  }

  c10::Allocator* base_;
  size_t max_;
  mutable std::mutex mutex_;
  mutable std::map<size_t, std::vector<void*>> free_;
  mutable std::unordered_map<void*, size_t> live_;
  mutable CpuCacheStats stats_;
};

std::once_flag g_once;

}  // namespace

size_t cpuCacheSizeClass(size_t n) {
  if (n < kMinCached) return n;
  size_t top = size_t(1) << (63 - __builtin_clzll(static_cast<unsigned long long>(n)));
  const size_t step = top / 8;
  return (n + step - 1) / step * step;
}

bool installCachingCpuAllocator(size_t maxCachedBytes) {
  const char* env = std::getenv("TFS_CPU_CACHE");
  if (env && std::strcmp(env, "0") == 0) return false;
  bool installed = false;
  std::call_once(g_once, [&] {
    // Never destroyed: tensors may be freed during static destruction.
    g_allocator = new CachingCpuAllocator(c10::GetCPUAllocator(), maxCachedBytes);
    c10::SetCPUAllocator(g_allocator, /*priority=*/10);
    installed = true;
  });
  return installed;
}

bool cachingCpuAllocatorInstalled() {
  return g_allocator != nullptr && c10::GetCPUAllocator() == g_allocator;
}

CpuCacheStats cpuCacheStats() {
  return g_allocator ? g_allocator->stats() : CpuCacheStats{};
}

void emptyCpuCache() {
  if (g_allocator) g_allocator->empty();
}

}  // namespace tfs
