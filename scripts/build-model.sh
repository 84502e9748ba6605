#!/usr/bin/env bash
# Rebuilds the committed entity data from the public data in ../shared/data:
#   data/gazetteers.txt  (scripts/build_gazetteers.py)
#   data/model.bin       (newsscan train, CoNLL-2003 train and development + GMB
#                         as auxiliary data, and ner-extra's web and social-media
#                         text as informal auxiliary data, for as many epochs as
#                         the model of train alone scored best on development;
#                         word clusters also from the PolNeAR article texts, as
#                         unlabeled running text. Not from the saved pages: the
#                         clusters would then change with every change to how
#                         pages are read)
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
TRAIN=(--aux "$WORK/gmb.train" --aux-weight 0.3
    --aux-informal "$DATA/ner-extra/annotated/uner_en_ewt.test.conll" "$DATA/ner-extra/annotated/wnut17.train.conll"
        "$DATA/ner-extra/annotated/btc.train.conll"
    --unlabeled "$DATA/polnear/data/train/text" "$DATA/polnear/data/dev/text"
    --clusters 64,256,1024 --prune 0.5 --seed 1)

# First a model of CoNLL-2003 train alone, scored on the development set
# after every epoch: its best epoch gives the number of epochs, and its
# scores are the held-out figures of this recipe.
./target/release/newsscan train --train "$DATA/conll2003/eng.train" "${TRAIN[@]}" \
    --dev "$DATA/conll2003/eng.testa" --epochs 12 -o "$WORK/dev-model.bin" 2>&1 | tee "$WORK/dev-model.log"
EPOCHS=$(awk '/development F1/ { f = $NF + 0; if (f > best) { best = f; e = $2 + 0 } } END { print e }' "$WORK/dev-model.log")
[ -n "$EPOCHS" ] || { echo "build-model: no development scores in $WORK/dev-model.log" >&2; exit 1; }

# The model shipped: the same recipe for that many epochs on train and
# development together (more annotated news; the development set is then
# no longer held out, so its figures come from the model above).
./target/release/newsscan train --train "$DATA/conll2003/eng.train" "$DATA/conll2003/eng.testa" "${TRAIN[@]}" \
    --epochs "$EPOCHS" -o data/model.bin

# Embed the new model and score it.
cargo build --release --quiet
echo "== CoNLL-2003 development set (eng.testa), held out: the model of train alone, epoch $EPOCHS"
./target/release/newsscan eval --model "$WORK/dev-model.bin" --gold "$DATA/conll2003/eng.testa"
echo "== GMB held-out tenth (other newswire, other conventions), the model shipped"
./target/release/newsscan eval --gold "$WORK/gmb.dev"
ls -l data/model.bin data/gazetteers.txt
