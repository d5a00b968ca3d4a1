#!/usr/bin/env bash
# The conditioning ablation's models: one unconditioned base (base.json), then one fine-tune of it per style-conditioning
# mechanism (variants/*.json: same preset, budget, seed and data; only the style switches differ):
#   bash data/conditioning/train.sh CORPUS.jsonl [WORK_DIR] [VARIANT...]
# CORPUS.jsonl: the CC0 corpus as JSON Lines (data/models/default/train.sh shows how to build it).
# WORK_DIR defaults to ./runs/conditioning; VARIANTs default to every variants/*.json, trained one after another.
# Writes WORK_DIR/base/{run,train.log}, WORK_DIR/VARIANT/{run,train.log} and each model folder WORK_DIR/models/VARIANT
# (the folder name is what `notagen ablate --model` calls the model). Finished steps are skipped on a rerun.
# The CLI is copied to WORK_DIR/cli first, so rebuilding the repository does not disturb a running batch.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
corpus="$(realpath "${1:?usage: train.sh CORPUS.jsonl [WORK_DIR] [VARIANT...]}")"
work="$(realpath -m "${2:-$repo/runs/conditioning}")"
shift $(( $# >= 2 ? 2 : 1 ))
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
  for f in "$here"/variants/*.json; do variants+=("$(basename "$f" .json)"); done
fi

built="$repo/src/NotaGen.Cli/bin/Release/net10.0"
[ -f "$built/notagen.dll" ] || dotnet build "$repo/src/NotaGen.Cli" -c Release
mkdir -p "$work/models"
rm -rf "$work/cli" && cp -r "$built" "$work/cli"
notagen() { dotnet "$work/cli/notagen.dll" "$@"; }

# train NAME CONFIG [train options...]: one run, timed, logged to WORK_DIR/NAME/train.log.
train() {
  local name="$1" config="$2"; shift 2
  mkdir -p "$work/$name"
  local start; start=$(date +%s)
  echo "$name: training from $config ($(date -u +%H:%M:%S) UTC)"
  notagen train --config "$config" --data "$corpus" --output "$work/$name/run" "$@" > "$work/$name/train.log" 2>&1
  echo "$name: trained in $(( $(date +%s) - start )) s"
}

base="$work/base/run/best.ckpt"
if [ -f "$work/base/done" ]; then echo "base: trained before, skipped"; else train base "$here/base.json"; touch "$work/base/done"; fi
for v in "${variants[@]}"; do
  config="$here/variants/$v.json"
  [ -f "$config" ] || { echo "no such variant: $config" >&2; exit 2; }
  if [ -f "$work/models/$v/config.json" ]; then echo "$v: model exists, skipped"; continue; fi
  train "$v" "$config" --init-from "$base"
  notagen model export --checkpoint "$work/$v/run/best.ckpt" --data "$corpus" --out "$work/models/$v" >> "$work/$v/train.log" 2>&1
  echo "$v: exported to $work/models/$v"
done
