#!/usr/bin/env bash
# Re-makes the shipped editing model, resources/models/shapes-edit, exactly as it was made: the
# shapes-edit preset (32x32 RGB pixels, 4x4 patches; 70 % editing triplets, 30 % shapes captions)
# trained from scratch, then shipped. Resumes an interrupted run.
# Usage: scripts/make_edit_model.sh [RUN_DIR] [extra `train` flags, e.g. --steps 6000]
# Environment: TFS_BUILD_DIR (default build).
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=${TFS_BUILD_DIR:-build}/bin/transfusion
RUN=${1:-runs/shapes-edit}
shift || true
if [ -f "$RUN/config.json" ]; then
  "$CLI" train --run "$RUN" --resume "$@"
else
  "$CLI" train --preset shapes-edit --data shapes --data shapes-edit --run "$RUN" "$@"
fi
scripts/ship_model.sh "$RUN" shapes-edit
