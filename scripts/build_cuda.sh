#!/usr/bin/env bash
# Builds the engine and the `transfusion` CLI (not the studio) against a CUDA LibTorch 2.x: the
# one inside Python's torch on a GPU machine (PLATFORM.md), into build-cuda/. Attention runs
# through at::scaled_dot_product_attention there, bf16 autocast on CUDA, and data parallelism on
# c10d's NCCL group when that LibTorch has it (else Gloo).
#
# The GPU machines have CMake, nvcc and torch but no spdlog / fmt / nlohmann-json / CLI11 /
# SentencePiece / stb / libarchive / Gloo headers: fetch their Debian packages here
# (apt-get download …) and unpack them with dpkg -x into one folder, named by TFS_DEPS_PREFIX.
#   TORCH_PREFIX     LibTorch's CMake prefix (default: torch.utils.cmake_prefix_path)
#   TFS_DEPS_PREFIX  a folder holding usr/include and usr/lib of the unpacked packages
#   TFS_BUILD_DIR    default build-cuda;  TFS_BUILD_TESTS=ON also builds the Qt Test suites
#                    (needs Qt 6 there too)
set -euo pipefail
cd "$(dirname "$0")/.."

TORCH_PREFIX=${TORCH_PREFIX:-$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')}
BUILD_DIR=${TFS_BUILD_DIR:-build-cuda}
prefixes="$TORCH_PREFIX"
extra=()
if [ -n "${TFS_DEPS_PREFIX:-}" ]; then
  prefixes="$prefixes;$TFS_DEPS_PREFIX/usr"
  extra+=("-DCMAKE_INCLUDE_PATH=$TFS_DEPS_PREFIX/usr/include"
          "-DCMAKE_LIBRARY_PATH=$TFS_DEPS_PREFIX/usr/lib/x86_64-linux-gnu")
  export PKG_CONFIG_PATH="$TFS_DEPS_PREFIX/usr/lib/x86_64-linux-gnu/pkgconfig:${PKG_CONFIG_PATH:-}"
fi
nccl=OFF
if python3 -c 'import sys, torch.distributed as d; sys.exit(0 if d.is_nccl_available() else 1)' 2>/dev/null; then
  nccl=ON
fi
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DTFS_BUILD_STUDIO=OFF \
  -DTFS_BUILD_TESTS="${TFS_BUILD_TESTS:-OFF}" -DTFS_WITH_NCCL="$nccl" \
  "-DCMAKE_PREFIX_PATH=$prefixes" "${extra[@]}"
cmake --build "$BUILD_DIR" -j "$(nproc)"
echo "built $BUILD_DIR/bin/transfusion (NCCL: $nccl); check it with:"
echo "  $BUILD_DIR/bin/transfusion info && $BUILD_DIR/bin/transfusion launch --nproc 2 -- train --preset tiny-test --data shapes --device cuda --run /tmp/nccl-check --steps 20"
