#!/usr/bin/env bash
# Formats every C++ file of the project with the root .clang-format.
set -euo pipefail
cd "$(dirname "$0")/.."
find core widgets app tests -name '*.h' -o -name '*.cpp' | xargs clang-format -i --style=file
