#!/usr/bin/env bash
# Trains one model per style-conditioning mechanism with the same preset, budget, seed and data (the JSON files here),
# exports each as a model directory, then a conditioning ablation can compare them:
#   bash data/conditioning/train.sh CORPUS.jsonl [WORK_DIR] [VARIANT...]
# CORPUS.jsonl: the CC0 corpus as JSON Lines (data/models/default/train.sh shows how to build it).
# WORK_DIR defaults to ./runs/conditioning; VARIANTs default to every *.json here, trained one after another.
# Each variant writes WORK_DIR/VARIANT/{run,model,train.log}; a variant whose model directory exists is skipped.
# The CLI is copied to WORK_DIR/cli first, so rebuilding the repository does not disturb a running batch.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="$(realpath "${1:?usage: train.sh CORPUS.jsonl [WORK_DIR] [VARIANT...]}")"
work="$(realpath -m "${2:-$repo/runs/conditioning}")"
shift $(( $# >= 2 ? 2 : 1 ))
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
  for f in "$here"/*.json; do variants+=("$(basename "$f" .json)"); done
fi

built="$repo/src/NotaGen.Cli/bin/Release/net10.0"
[ -f "$built/notagen.dll" ] || dotnet build "$repo/src/NotaGen.Cli" -c Release
mkdir -p "$work"
rm -rf "$work/cli" && cp -r "$built" "$work/cli"
notagen() { dotnet "$work/cli/notagen.dll" "$@"; }

for v in "${variants[@]}"; do
  config="$here/$v.json"
  [ -f "$config" ] || { echo "no such variant: $config" >&2; exit 2; }
  if [ -f "$work/$v/model/config.json" ]; then echo "$v: model exists, skipped"; continue; fi
  mkdir -p "$work/$v"
  start=$(date +%s)
  echo "$v: training from $config ($(date -u +%H:%M:%S) UTC)"
  notagen train --config "$config" --data "$corpus" --output "$work/$v/run" > "$work/$v/train.log" 2>&1
  notagen model export --checkpoint "$work/$v/run/best.ckpt" --data "$corpus" --out "$work/$v/model" >> "$work/$v/train.log" 2>&1
  echo "$v: done in $(( $(date +%s) - start )) s"
done
