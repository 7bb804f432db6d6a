#pragma once

// TFS_CPU_CLONES before a function of plain float loops: GCC compiles it for AVX-512, AVX2 and the
// baseline x86-64 and picks one when the program loads, by the CPU it runs on (an ifunc), so the
// loops vectorise as wide as this CPU allows and one binary still runs anywhere. Other compilers
// and CPUs: a plain function.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define TFS_CPU_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TFS_CPU_CLONES
#endif
