#!/usr/bin/env bash
# Rebuilds the bundled default model from the CC0 part of the shared corpus, in one command:
#   bash data/models/default/train.sh [SHARED_DIR] [WORK_DIR]
# SHARED_DIR defaults to ../shared beside the repository, WORK_DIR to ./runs/default-model. About 1 hour on 2 CPU cores.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
shared="${1:-$repo/../shared}"
work="${2:-$repo/runs/default-model}"
notagen() { dotnet "$repo/src/NotaGen.Cli/bin/Release/net10.0/notagen.dll" "$@"; }

dotnet build "$repo/src/NotaGen.Cli" -c Release
notagen corpus build --in "$shared/corpus" --out "$work/corpus" --labels "$shared/corpus/index.tsv" --licence cc0 --jobs 2
cat "$work"/corpus/pieces-*.jsonl > "$work/corpus.jsonl"
notagen train --config "$repo/data/models/default/training.json" --data "$work/corpus.jsonl" --output "$work/run"
notagen model export --checkpoint "$work/run/best.ckpt" --data "$work/corpus.jsonl" --out "$repo/data/models/default"
