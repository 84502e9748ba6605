#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md:
#   one-core throughput (cargo bench, 60 MB generated corpus),
#   thread scaling and identical output on 20,000 generated files,
#   peak memory for 2,000 and 20,000 files,
#   entity scores on the CoNLL-2003 development set (if ../shared/data exists),
#   quote scores on the annotated fixtures, start-up time,
#   and with HOSTILE=1 the 200 MB single-line file.
# Usage: [HOSTILE=1] scripts/bench.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-target/bench-corpus}
cargo build --release --quiet
BIN=./target/release/newsscan

echo "== one core, generated 60 MB corpus"
cargo bench --quiet --bench throughput 2>/dev/null | grep -v '^$'

echo "== folders of generated articles"
for n in 2000 20000; do
  [ -d "$WORK/$n" ] || $BIN generate "$WORK/$n" --files "$n"
done
du -sh "$WORK/20000" | sed 's/^/size of 20,000 files: /'
for t in 1 2; do
  /usr/bin/time -f "20000 files, --threads $t: %e s wall, %M KB peak" $BIN analyze --threads "$t" "$WORK/20000" > "$WORK/out-$t.jsonl"
done
cmp "$WORK/out-1.jsonl" "$WORK/out-2.jsonl" && echo "output with 1 and 2 threads: identical"
for n in 2000 20000; do
  /usr/bin/time -f "$n files, --threads 2: %e s wall, %M KB peak" $BIN analyze --threads 2 "$WORK/$n" > /dev/null
done

echo "== start-up on one small file"
/usr/bin/time -f "start-up: %e s wall, %M KB peak" $BIN analyze fixtures/articles/title_first_dump.txt > /dev/null

if [ "${HOSTILE:-0}" = 1 ]; then
  echo "== a 200 MB single-line file (HOSTILE=1)"
  python3 -c "import sys; s='The council met in Harbor City and \"voted\" on Tuesday, Elena Park said. '; sys.stdout.write(s * (200 * 1024 * 1024 // len(s)))" > "$WORK/big.txt"
  /usr/bin/time -f "default limit: %e s wall" $BIN analyze "$WORK/big.txt" > /dev/null || true
  /usr/bin/time -f "--max-file-size 300M: %e s wall, %M KB peak" $BIN analyze --max-file-size 300M "$WORK/big.txt" | wc -c | sed 's/$/ bytes of JSON/'
fi

echo "== quotes (hand-annotated fixtures, then the held-out set)"
$BIN eval --quotes fixtures/quotes/gold.jsonl | head -4
$BIN eval --quotes fixtures/holdout/gold.jsonl | head -4

if [ -f ../shared/data/conll2003/eng.testa ]; then
  echo "== entities, CoNLL-2003 development set (eng.testa)"
  $BIN eval --gold ../shared/data/conll2003/eng.testa
fi
ls -l data/model.bin data/gazetteers.txt
