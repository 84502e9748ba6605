#!/usr/bin/env bash
# Times commits on real news, for the step table of BENCHMARKS.md: each
# commit is built in a temporary worktree, then the builds are run in turn
# (ROUNDS rounds, default 5, interleaved so that the machine's load falls on
# all alike) with --threads 1 over the PolNeAR article texts and the
# saved-page text dumps (6.28 MB); prints each commit's best and mean CPU
# time (user + system).
# Usage: scripts/speed_commits.sh COMMIT... [DATA_DIR via NEWSSCAN_DATA, ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${NEWSSCAN_DATA:-../shared/data}
ROUNDS=${ROUNDS:-5}
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
mkdir -p "$WORK/bin"
commits=()
for name in "$@"; do
  # Builds are kept by commit, so a branch name is resolved first.
  c=$(git rev-parse --short "$name^{commit}")
  [ -x "$WORK/bin/$c" ] || {
    tree="$WORK/tree-$c"
    [ -d "$tree" ] || git worktree add -f -q "$tree" "$c"
    (cd "$tree" && cargo build --release --quiet --target-dir "$PWD/../target")
    cp "$WORK/target/release/newsscan" "$WORK/bin/$c"
    git worktree remove --force "$tree"
  }
  # A commit named twice is timed once.
  [[ " ${commits[*]-} " == *" $c "* ]] || commits+=("$c")
done
times="$WORK/times"
: > "$times"
for _ in $(seq "$ROUNDS"); do
  for c in "${commits[@]}"; do
    { /usr/bin/time -f "$c %U %S" "$WORK/bin/$c" analyze -q --threads 1 "$CORPUS" > /dev/null; } 2>> "$times"
  done
done
for c in "${commits[@]}"; do
  awk -v c="$c" -v b="$bytes" '$1 == c { t = $2 + $3; s += t; n++; if (!m || t < m) m = t }
    END { printf "%s: best %.2f s CPU (%.2f MB/s), mean %.2f s over %d runs\n", c, m, b / 1e6 / m, s / n, n }' "$times"
done
