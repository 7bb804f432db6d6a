#!/usr/bin/env bash
# Sets everything up, then starts the studio — or, with no display, runs the CLI demo instead.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
BUILD_DIR=${TFS_BUILD_DIR:-build}
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$BUILD_DIR/bin/transfusion-studio" "$@"
fi
echo "No display (DISPLAY and WAYLAND_DISPLAY are unset): running the CLI demo instead of the studio."
exec "$BUILD_DIR/bin/transfusion" info
