#!/usr/bin/env bash
# Installs what Transfusion Studio needs on Debian 12 (only when something is missing), then
# configures and builds it incrementally into build/. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache git clang-format file dpkg-dev
  libtorch-dev libopenblas0-openmp libgloo-dev
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6svg6
  libqcustomplot-dev libsentencepiece-dev libspdlog-dev libfmt-dev nlohmann-json3-dev libcli11-dev
  libstb-dev libarchive-dev zlib1g-dev libgl-dev
  dataset-fashion-mnist fortunes-min wordnet-base
  xvfb xauth imagemagick shellcheck fonts-noto-cjk
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "== installing ${#missing[@]} Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

BUILD_DIR=${TFS_BUILD_DIR:-build}
JOBS=${TFS_JOBS:-$(nproc)}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
echo "== building ($JOBS jobs) into $BUILD_DIR"
cmake --build "$BUILD_DIR" -j "$JOBS"
