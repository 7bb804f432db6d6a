#!/usr/bin/env bash
# Copies what inference needs from a trained run into resources/models/NAME: config.json,
# tokenizer.model, vae.safetensors (latent models), the EMA weights of the newest complete
# checkpoint (as checkpoints/step-N/ema.safetensors + DONE + latest), and the run's metrics;
# keeps the destination's MODEL_CARD.md and expected/.
# Usage: scripts/ship_model.sh runs/fmnist-demo [fmnist-demo]
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=${1:?usage: scripts/ship_model.sh RUN_DIR [NAME]}
NAME=${2:-$(basename "$RUN")}
CKPT=$(cat "$RUN/checkpoints/latest")
[ -f "$RUN/checkpoints/$CKPT/DONE" ] || { echo "error: $RUN/checkpoints/$CKPT is not complete" >&2; exit 1; }
DEST=resources/models/$NAME
rm -rf "$DEST.tmp" && mkdir -p "$DEST.tmp/checkpoints/$CKPT"
cp "$RUN/config.json" "$RUN/tokenizer.model" "$RUN/metrics.jsonl" "$DEST.tmp/"
[ -f "$RUN/vae.safetensors" ] && cp "$RUN/vae.safetensors" "$DEST.tmp/"
WEIGHTS=ema.safetensors
[ -f "$RUN/checkpoints/$CKPT/$WEIGHTS" ] || WEIGHTS=model.safetensors
cp "$RUN/checkpoints/$CKPT/$WEIGHTS" "$RUN/checkpoints/$CKPT/DONE" "$DEST.tmp/checkpoints/$CKPT/"
echo "$CKPT" > "$DEST.tmp/checkpoints/latest"
# What is written by hand stays: the model card (update its numbers after re-shipping) and the
# expected outputs the shipped-model tests compare with.
for keep in MODEL_CARD.md expected; do
  if [ -e "$DEST/$keep" ]; then cp -r "$DEST/$keep" "$DEST.tmp/"; fi
done
rm -rf "$DEST" && mv "$DEST.tmp" "$DEST"
du -sh "$DEST"
