#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md:
#   one-core throughput (cargo bench: 60 MB generated corpus, then real news
#   read from ../shared/data: PolNeAR articles, page dumps, HTML pages),
#   real news as files: one and two threads beside `wc -w`, peak memory,
#   thread scaling and identical output on 20,000 generated files,
#   peak memory for 2,000 and 20,000 files,
#   entity scores on the CoNLL-2003 development set (if ../shared/data exists),
#   quote scores on the annotated fixtures, start-up time,
#   with INSTR=1 the instructions counted by valgrind's callgrind (start-up,
#   and 1,000 of the real files), and with HOSTILE=1 the 200 MB single-line file.
# Usage: [INSTR=1] [HOSTILE=1] scripts/bench.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-target/bench-corpus}
cargo build --release --quiet
BIN=./target/release/newsscan

echo "== one core, generated 60 MB corpus"
cargo bench --quiet --bench throughput 2>/dev/null | grep -v '^$'

DATA=${NEWSSCAN_DATA:-../shared/data}
if [ -d "$DATA/polnear/data/train/text" ]; then
  echo "== real news as files (PolNeAR articles cut into ~1 KB files, five copies)"
  REAL="$WORK/real"
  if [ ! -d "$REAL" ]; then
    python3 - "$DATA" "$REAL" <<'PY'
import glob, os, sys
data, out = sys.argv[1], sys.argv[2]
n = 0
for copy in range(5):
    os.makedirs(f"{out}/{copy}", exist_ok=True)
    for f in sorted(glob.glob(f"{data}/polnear/data/*/text/*.txt")):
        paras = [p for p in open(f, encoding="utf-8").read().split("\n\n") if p.strip()]
        cur, size = [], 0
        for i, p in enumerate(paras):
            cur.append(p)
            size += len(p)
            if size >= 900 or i == len(paras) - 1:
                open(f"{out}/{copy}/{n:06d}.txt", "w", encoding="utf-8").write("\n\n".join(cur) + "\n")
                n += 1
                cur, size = [], 0
PY
  fi
  echo "$(find "$REAL" -name '*.txt' | wc -l) files, $(cat "$REAL"/*/*.txt | wc -c) bytes"
  /usr/bin/time -f "wc -w: %e s wall" sh -c "cat $REAL/*/*.txt | wc -w > /dev/null"
  for t in 1 2; do
    /usr/bin/time -f "--threads $t: %e s wall, %U s user, %M KB peak" $BIN analyze -q --threads "$t" "$REAL" > "$WORK/real-$t.jsonl"
  done
  cmp "$WORK/real-1.jsonl" "$WORK/real-2.jsonl" && echo "output with 1 and 2 threads: identical"
  # Instruction counts do not move with the machine's load, as CPU times
  # do: they tell a change of a few percent apart from noise.
  if [ "${INSTR:-0}" = 1 ] && command -v valgrind > /dev/null; then
    echo "== instructions (callgrind): one small file (start-up), then the first 1,000 files of copy 2"
    mkdir -p "$WORK/real-1000"
    find "$REAL/2" -name '*.txt' | sort | head -1000 | xargs cp -t "$WORK/real-1000"
    for input in fixtures/articles/title_first_dump.txt "$WORK/real-1000"; do
      valgrind --tool=callgrind --callgrind-out-file=/dev/null $BIN analyze -q --threads 1 "$input" 2>&1 >/dev/null \
        | sed -n "s/.*refs: *\([0-9,]*\)/$(basename "$input"): \1 instructions/p"
    done
  fi
fi

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
  # The built-in model is trained on eng.testa too; its held-out figure is
  # that of the model of eng.train alone that scripts/build-model.sh leaves.
  if [ -f target/model-build/dev-model.bin ]; then
    echo "== entities, CoNLL-2003 development set (eng.testa), held out (model of eng.train alone)"
    $BIN eval --model target/model-build/dev-model.bin --gold ../shared/data/conll2003/eng.testa
  else
    echo "== entities: run scripts/build-model.sh for the held-out eng.testa figure (the built-in model is trained on it)"
  fi
fi
ls -l data/model.bin data/gazetteers.txt
