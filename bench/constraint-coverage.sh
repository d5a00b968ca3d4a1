#!/usr/bin/env bash
# How far the structure constraint's language is from NotaGen's training data: every xml2abc output of the shared
# corpus (golden/xml2abc/corpus), put in NotaGen's training form by the project's NotaGenFormat code, fed character by
# character through the automaton (no model). Prints the share of pieces and of bars accepted and the first refused
# construct by kind, with an example of each (CorpusCoverageTests, run over the whole corpus instead of every tenth file).
#   bash bench/constraint-coverage.sh [REPORT_FILE]
# (NOTAGEN_NO_BUILD=1 skips the build when the test project is already built.)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
report="${1:-$repo/runs/constraint-coverage.txt}"
mkdir -p "$(dirname "$report")"
[ "${NOTAGEN_NO_BUILD:-0}" = 1 ] || dotnet build "$repo/tests/NotaGen.Modeling.Tests" -c Release -v q >/dev/null
NOTAGEN_COVERAGE_ALL=1 NOTAGEN_COVERAGE_OUT="$(realpath "$report")" dotnet test "$repo/tests/NotaGen.Modeling.Tests" -c Release --no-build \
  --filter "FullyQualifiedName~CorpusCoverageTests" >/dev/null
cat "$report"
