#!/usr/bin/env bash
# Rebuilds the committed entity data from the public data in ../shared/data:
#   data/gazetteers.txt  (scripts/build_gazetteers.py)
#   data/model.bin       (newsscan train, CoNLL-2003 train + GMB as auxiliary data;
#                         word clusters also from the PolNeAR article texts and
#                         the page dumps, as unlabeled running text)
# and prints the development scores. The result is the same byte for byte on
# every run. Usage: scripts/build-model.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data}
WORK=target/model-build
mkdir -p "$WORK"

python3 scripts/build_gazetteers.py "$DATA" data/gazetteers.txt
python3 scripts/gmb_to_conll.py "$DATA/gmb/ner_dataset.csv" "$WORK/gmb.train" "$WORK/gmb.dev"

# The trainer computes gazetteer features with the lists embedded in the
# binary, so build after the lists are written.
cargo build --release --quiet
./target/release/newsscan train \
    --train "$DATA/conll2003/eng.train" \
    --aux "$WORK/gmb.train" --aux-weight 0.3 \
    --dev "$DATA/conll2003/eng.testa" \
    --unlabeled "$DATA/polnear/data/train/text" "$DATA/polnear/data/dev/text" "$DATA/pages/text-html2text" \
    --clusters 64,256,1024 --epochs 12 --prune 0.5 --seed 1 \
    -o data/model.bin

# Embed the new model and score it.
cargo build --release --quiet
echo "== CoNLL-2003 development set (eng.testa)"
./target/release/newsscan eval --gold "$DATA/conll2003/eng.testa"
echo "== GMB held-out tenth (other newswire, other conventions)"
./target/release/newsscan eval --gold "$WORK/gmb.dev"
ls -l data/model.bin data/gazetteers.txt
