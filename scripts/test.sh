#!/usr/bin/env bash
# Sets everything up, builds, and runs every test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
BUILD_DIR=${TFS_BUILD_DIR:-build}
cd "$BUILD_DIR"
exec ctest --output-on-failure -j "${TFS_TEST_JOBS:-2}" "$@"
