#!/usr/bin/env bash
# Re-makes the shipped chat model, resources/models/fmnist-chat, exactly as it was made: the
# fmnist-chat preset (512 positions; dialogues, interleaved pairs, single pairs, a little text)
# started from the shipped fmnist-demo's weights, then shipped. Resumes an interrupted run.
# Usage: scripts/make_chat_model.sh [RUN_DIR] [extra `train` flags, e.g. --steps 6000]
# Environment: TFS_BUILD_DIR (default build), TFS_THREADS (default: all cores).
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=${TFS_BUILD_DIR:-build}/bin/transfusion
RUN=${1:-runs/fmnist-chat}
shift || true
if [ -f "$RUN/config.json" ]; then
  "$CLI" train --run "$RUN" --resume "$@"
else
  "$CLI" train --preset fmnist-chat --init-from resources/models/fmnist-demo \
    --data fmnist:train --text fortunes --run "$RUN" "$@"
fi
scripts/ship_model.sh "$RUN" fmnist-chat
