#pragma once

#include <cstddef>
#include <cstdint>

namespace tfs {

// LibTorch's CPU allocator returns every tensor's memory to malloc, which hands blocks above its
// mmap threshold back to the kernel: each training step then faults in its large activations
// (attention scores, FFN hiddens) page by page again. Measured on fmnist-chat (4 × 512 positions,
// one thread): 2.8 s a step, 5.4 s of system time in 5 steps. This allocator keeps freed blocks of
// 256 KiB and more in size classes (1/8 of a power of two apart) for the next step, up to a cap,
// and passes small ones through. Installed once per process by initThreads() unless
// TFS_CPU_CACHE=0; device-agnostic code is unaffected (CUDA has its own caching allocator).
struct CpuCacheStats {
  int64_t hits = 0, misses = 0;
  int64_t cachedBytes = 0;  // held for reuse now
  int64_t liveBytes = 0;    // handed out and not yet freed (large blocks only)
};

// Returns false when it was already installed or TFS_CPU_CACHE=0 turned it off.
bool installCachingCpuAllocator(size_t maxCachedBytes = size_t(4) << 30);
bool cachingCpuAllocatorInstalled();
CpuCacheStats cpuCacheStats();
// Gives every cached block back to the system (e.g. after a benchmark arm).
void emptyCpuCache();
// The size class a request of n bytes is served from (exposed for the tests).
size_t cpuCacheSizeClass(size_t n);

}  // namespace tfs
