#!/usr/bin/env bash
# Folder conversion MusicXML → ABC, `notagen convert` against NotaGen's own converter (W.G. Vree's xml2abc.py, as
# NotaGen's data/1_batch_xml2abc.py runs it: `python xml2abc.py -d 8 -c 6 -x FILE`, one process per file, JOBS at a
# time), whole processes timed, same files, side by side in one run. Also xml2abc.py given all files in JOBS processes
# (its -o mode, no per-file interpreter start): the stricter baseline. notagen runs before and after the Python
# runs and its mean is used, so a change of machine load during the run is shared out.
#   bash bench/convert-vs-xml2abc.sh IN_DIR XML2ABC_PY [JOBS] [OUT_DIR]
# xml2abc.py is not in this repository (LGPL): NotaGen's data/xml2abc.py (ElectricAlexis/NotaGen @ 4553cd7).
# (NOTAGEN_NO_BUILD=1 skips the build when the CLI is already built.)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
in="$(cd "$1" && pwd)"
xml2abc="$(realpath "$2")"
jobs="${3:-$(nproc)}"
out="${4:-$(mktemp -d)}"
mkdir -p "$out"
[ "${NOTAGEN_NO_BUILD:-0}" = 1 ] || dotnet build "$repo/src/NotaGen.Cli" -c Release -v q >/dev/null
mapfile -d '' files < <(find "$in" -type f \( -name '*.mxl' -o -name '*.xml' -o -name '*.musicxml' \) -print0 | sort -z)
echo "${#files[@]} files in $in, $jobs jobs, $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

printf '%s\0' "${files[@]}" > "$out/files.list"
export repo in out jobs xml2abc

# Runs a shell function in its own bash, prints "NAME wall_s cpu_s" (cpu: user + sys of it and its children).
timed() {
  local name="$1" start end cpu
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$out/time.$name" bash -c "$2" >/dev/null 2>&1 || true
  cpu=$(tail -1 "$out/time.$name" | awk '{print $1 + $2}')
  end=$(date +%s.%N)
  echo "$name $(echo "$end - $start" | bc) $cpu"
}

per_file() { # NotaGen's way: one interpreter per file
  mkdir -p "$out/xml2abc-per-file"
  xargs -0 -P "$jobs" -I{} sh -c \
    'python3 "$1" -d 8 -c 6 -x "$2" > "$3/$(basename "${2%.*}").abc" 2>/dev/null || true' _ "$xml2abc" {} "$out/xml2abc-per-file" < "$out/files.list"
}
one_process() { # all files to xml2abc's -o folder, split over JOBS interpreters
  mkdir -p "$out/xml2abc-batch"
  local count per
  count=$(tr -cd '\0' < "$out/files.list" | wc -c)
  per=$(( (count + jobs - 1) / jobs ))
  xargs -0 -P "$jobs" -n "$per" python3 "$xml2abc" -d 8 -c 6 -x -o "$out/xml2abc-batch" < "$out/files.list" || true
}
ours() { rm -rf "$out/notagen"; dotnet "$repo/src/NotaGen.Cli/bin/Release/net10.0/notagen.dll" convert "$in" "$out/notagen" --to abc --jobs "$jobs"; }
export -f per_file one_process ours

{
  timed notagen-1 ours
  timed xml2abc-per-file per_file
  timed xml2abc-one-process one_process
  timed notagen-2 ours
} | tee "$out/times.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '{wall[$1] = $2; cpu[$1] = $3}
  END {
    w = (wall["notagen-1"] + wall["notagen-2"]) / 2; c = (cpu["notagen-1"] + cpu["notagen-2"]) / 2
    printf "notagen (mean of 2): wall %.2f s, cpu %.2f s\n", w, c
    printf "xml2abc.py per file (NotaGen'"'"'s batch script): wall %.2f s (%.1fx notagen), cpu %.2f s (%.1fx)\n", wall["xml2abc-per-file"], wall["xml2abc-per-file"] / w, cpu["xml2abc-per-file"], cpu["xml2abc-per-file"] / c
    printf "xml2abc.py one process per job: wall %.2f s (%.1fx notagen), cpu %.2f s (%.1fx)\n", wall["xml2abc-one-process"], wall["xml2abc-one-process"] / w, cpu["xml2abc-one-process"], cpu["xml2abc-one-process"] / c
  }' "$out/times.txt"
echo "outputs under $out"
