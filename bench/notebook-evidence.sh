#!/usr/bin/env bash
# The evidence table of the notebooks (issue 20): each repository notebook executed through Jupyter's nbconvert with
# the installed kernel (smoke defaults), its executed size, and what its untrusted view shows: nbconvert's HTML in
# headless Chromium with JavaScript off (tests/NotaGen.Notebooks.Tests/Protocol/untrusted_view.py), images loaded
# and visible (PNG: charts; SVG: engraved scores). Needs a Release build of the CLI, jupyter-nbconvert, chromium,
# abcm2ps, librsvg2-bin and the shared data (NOTAGEN_SHARED or ../shared).
# Usage: bench/notebook-evidence.sh [OUT_DIR] [NOTEBOOK...]   (default: all of notebooks/, into a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
out=${1:-$(mktemp -d /tmp/notagen-notebook-evidence.XXXXXX)}
shift || true
mkdir -p "$out"
export NOTAGEN_SHARED="${NOTAGEN_SHARED:-$(cd .. && pwd)/shared}"
cli=src/NotaGen.Cli/bin/Release/net10.0/notagen.dll
dotnet "$cli" kernel install --prefix "$out/jupyter" >/dev/null
export JUPYTER_PATH="$out/jupyter/share/jupyter"
notebooks=("$@")
[ ${#notebooks[@]} -gt 0 ] || notebooks=(notebooks/*.ipynb)

echo "| notebook | runs under nbconvert | executed size | audio | images loaded / visible (PNG, SVG) | scripts ran | seconds |"
echo "|---|---|---|---|---|---|---|"
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb" .ipynb)
  # Notebook 08 writes its figures into out/figures (untracked), never over the README's figures.
  start=$(date +%s)
  if jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=notagen-csharp \
       --ExecutePreprocessor.timeout=1200 --output-dir "$out" --output "$name.executed" "$nb" >"$out/$name.log" 2>&1; then
    ran=yes
  else
    ran="no (see $out/$name.log)"
  fi
  seconds=$(( $(date +%s) - start ))
  executed="$out/$name.executed.ipynb"
  if [ -f "$executed" ]; then
    size=$(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1])/1e6:.2f} MB')" "$executed")
    audio=$(grep -q 'data:audio/wav' "$executed" && echo yes || echo no)
    jupyter nbconvert --to html --output-dir "$out" --output "$name" "$executed" >>"$out/$name.log" 2>&1
    view=$(python3 "$repo/tests/NotaGen.Notebooks.Tests/Protocol/untrusted_view.py" "$out/$name.html" "$out/$name.png")
    images=$(python3 -c "import json,sys; v=json.loads(sys.argv[1]); print(f\"{v['loaded']}/{v['images']} loaded, {v['visible']} visible ({v['png_visible']} PNG, {v['svg_visible']} SVG)\")" "$view")
    scripts=$(python3 -c "import json,sys; print('yes' if json.loads(sys.argv[1])['scripts_ran'] else 'no')" "$view")
  else
    size="-"; audio="-"; images="-"; scripts="-"
  fi
  echo "| $name | $ran | $size | $audio | $images | $scripts | $seconds |"
done
echo "(executed notebooks, HTML and screenshots in $out)"
