#!/usr/bin/env bash
# The conditioning ablation over the models train.sh wrote: the same prompts, sampling and piece seeds for every model.
#   bash data/conditioning/ablate.sh STYLE_MODEL.json [WORK_DIR] [SAMPLES] [OUT_NAME] [ABLATE OPTION...]
# e.g. ablate.sh /tmp/style.json runs/cond-base 20 ablation-lenient --style-of-unparsed
# STYLE_MODEL.json: style classifiers from `notagen classify --corpus CORPUS --save FILE` (label accuracy, style score).
# Writes WORK_DIR/OUT_NAME/results.csv (OUT_NAME defaults to ablation) (one row per model and prompt) and the pieces under WORK_DIR/OUT_NAME/models/.
# Rerun to resume: finished cells are skipped.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
style="$(realpath "${1:?usage: ablate.sh STYLE_MODEL.json [WORK_DIR] [SAMPLES] [OUT_NAME] [ABLATE OPTION...]}")"
work="$(realpath -m "${2:-$repo/runs/conditioning}")"
samples="${3:-20}"
out="${4:-ablation}"
shift $(( $# >= 4 ? 4 : $# ))
models=()
for v in none prompt-lines embeddings adapters attention-bias all; do
  [ -f "$work/models/$v/config.json" ] && models+=(--model "$work/models/$v")
done
[ ${#models[@]} -gt 0 ] || { echo "no trained models under $work (run train.sh first)" >&2; exit 2; }
dotnet "$work/cli/notagen.dll" ablate "${models[@]}" \
  --prompt "Romantic/Schubert, Franz/Art Song" --prompt "Classical/Haydn, Joseph/Chamber" \
  --samples-per-cell "$samples" --seed 20261124 --max-patches 600 --threads 2 \
  --style-model "$style" --out "$work/$out" "$@"
