#!/usr/bin/env bash
# Times commits on real news, for the step table of BENCHMARKS.md: each
# commit is built in a temporary worktree and run with --threads 1 over the
# PolNeAR article texts and the saved-page text dumps (6.28 MB), best CPU
# time (user + system) of five runs.
# Usage: scripts/speed_commits.sh COMMIT... [DATA_DIR via NEWSSCAN_DATA]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${NEWSSCAN_DATA:-../shared/data}
WORK=target/speed-commits
CORPUS="$WORK/corpus"
if [ ! -d "$CORPUS" ]; then
  mkdir -p "$CORPUS"
  for d in polnear/data/train/text polnear/data/dev/text pages/text-html2text pages/text-inscriptis; do
    mkdir -p "$CORPUS/$d" && cp "$DATA/$d"/*.txt "$CORPUS/$d/"
  done
fi
bytes=$(find "$CORPUS" -name '*.txt' -print0 | xargs -0 cat | wc -c)
echo "corpus: $(find "$CORPUS" -name '*.txt' | wc -l) files, $bytes bytes"
for c in "$@"; do
  tree="$WORK/tree-$c"
  [ -d "$tree" ] || git worktree add -f -q "$tree" "$c"
  (cd "$tree" && cargo build --release --quiet --target-dir "$PWD/../target")
  bin="$WORK/target/release/newsscan"
  best=""
  for _ in 1 2 3 4 5; do
    t=$( { /usr/bin/time -f "%U %S" "$bin" analyze -q --threads 1 "$CORPUS" > /dev/null; } 2>&1 | awk '{print $1 + $2}')
    best=$(awk -v a="$t" -v b="${best:-$t}" 'BEGIN { print (a < b ? a : b) }')
  done
  awk -v c="$c" -v t="$best" -v b="$bytes" 'BEGIN { printf "%s: %.2f s CPU, %.2f MB/s\n", c, t, b / 1e6 / t }'
  git worktree remove --force "$tree"
done
