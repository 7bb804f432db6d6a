#!/usr/bin/env bash
# Formats every C++ source of the project with the root .clang-format. The file list is the one the
# clang_format test checks (tests/check_format.cmake): C++ only, never these scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cmake -DSOURCE_DIR="$PWD" -DMODE=fix -P tests/check_format.cmake
