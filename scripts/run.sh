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
CLI="$BUILD_DIR/bin/transfusion"
OUT=${TFS_DEMO_OUT:-out/demo}
MODEL=resources/models/fmnist-demo
if [ ! -f "$MODEL/config.json" ]; then
  echo "The shipped demo model is missing ($MODEL); train one with:" >&2
  echo "  $CLI train --preset fmnist-demo --data fmnist:train --text fortunes --run runs/fmnist-demo" >&2
  exit 1
fi
mkdir -p "$OUT"
"$CLI" info --no-gemm

echo
echo "== text → image with the shipped model (DPM-Solver++ 2M, 20 steps, CFG 3)"
for prompt in "a photo of a sneaker" "a photo of a pair of trousers" "a photo of a bag"; do
  "$CLI" generate --prompt "$prompt" --n 2 --seed 1 --out "$OUT" --quiet
done

echo
echo "== image → text: captions of the images just made"
"$CLI" caption "$OUT"/*.png

echo
echo "== a short chat (typed into 'transfusion chat' from a script)"
printf '%s\n' "/draw a photo of a sneaker" "/save $OUT/chat" "/quit" |
  "$CLI" chat --out "$OUT/chat"

echo
echo "Images (with their parameters in the PNG) are in $OUT/; the chat (conversation.json + images) in $OUT/chat/."
echo "Next: '$CLI chat' to talk to the model, '$CLI --help' for every command."
