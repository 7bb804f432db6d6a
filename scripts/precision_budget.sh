#!/usr/bin/env bash
# The fixed-budget precision check of the README's Measured section: fmnist-demo from scratch in
# bf16 and in fp32 (one thread each, one after the other), 800 steps, then resumed to 2000, with
# the loss curves in OUT/fmnist-demo-P/metrics.jsonl and eval (Fréchet distance, text-to-image
# class accuracy, captions) at 2000 steps. About 20 min (bf16) + 50 min (fp32) on one core here.
# Usage: scripts/precision_budget.sh [OUT]   (default runs/budget)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-runs/budget}
T="${TFS_BUILD_DIR:-build}/bin/transfusion --threads 1"
export OMP_WAIT_POLICY=PASSIVE
mkdir -p "$OUT"
for P in bf16 fp32; do
  R="$OUT/fmnist-demo-$P"
  rm -rf "$R"
  $T train --preset fmnist-demo --data fmnist:train --text fortunes --run "$R" --steps 800 \
    --set precision=$P --set sampleEvery=100000 > "$OUT/train-$P.log" 2>&1
  $T train --run "$R" --resume --steps 2000 > "$OUT/train2k-$P.log" 2>&1
  $T eval fid --run "$R" --n 200 --quiet > "$OUT/fid-$P.txt" 2>&1
  $T eval caption-accuracy --run "$R" --n 300 > "$OUT/cap-$P.txt" 2>&1
done
grep -H -E "Fréchet distance, gen|class accuracy of" "$OUT"/fid-*.txt
grep -H overall "$OUT"/cap-*.txt
