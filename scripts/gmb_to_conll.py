#!/usr/bin/env python3
"""Converts the GMB NER extract (../shared/data/gmb/ner_dataset.csv) to the
CoNLL format `newsscan train` reads, mapped to newsscan's tag set.

Mapping: per -> PER, org -> ORG, geo -> LOC, gpe -> LOC for proper nouns
and MISC for nationality adjectives and plurals (Iraqi, Americans), eve and
art -> MISC, tim and nat -> O. Titles that GMB keeps inside person names
(President Bush, Mr. Smith) are moved out of the name, as in CoNLL-2003.

Every tenth sentence goes to the development file and is never trained on.
GMB has no document boundaries; a -DOCSTART- line is written every 15
sentences so document-level features see short runs of related sentences.

Usage: python3 scripts/gmb_to_conll.py CSV TRAIN_OUT DEV_OUT
"""
import csv
import sys

TITLES = {
    "president", "mr", "mrs", "ms", "miss", "dr", "prime", "minister", "secretary", "general", "gen",
    "senator", "sen", "king", "queen", "pope", "chancellor", "governor", "gov", "mayor", "judge", "lt",
    "colonel", "col", "captain", "capt", "sergeant", "sgt", "rev", "reverend", "sheikh", "ayatollah",
    "prince", "princess", "sir", "lord", "lady", "vice", "foreign", "defense", "defence", "interior",
    "finance", "state", "deputy", "chief", "commander", "cardinal", "archbishop", "bishop", "father",
    "representative", "rep", "congressman", "congresswoman", "ambassador", "envoy", "premier",
    "emperor", "dalai", "crown", "first", "former", "u.s.", "justice", "attorney", "spokesman",
    "spokeswoman", "leader", "opposition", "rebel", "military", "army", "police", "officer",
    "lieutenant", "major", "maj", "admiral", "adm", "brigadier", "field", "marshal", "sultan",
    "emir", "shah", "imam", "mullah", "rabbi", "pastor", "professor", "prof", "dame", "madame",
    "monsieur", "senior", "supreme", "grand", "ayatollah", "sheik", "secretary-general", "director",
}

DEMONYM_POS = {"JJ", "NNPS", "NNS"}


def flush(sentence, out):
    """Writes one sentence with mapped IOB2 tags."""
    words = [w for w, _, _ in sentence]
    kinds = []
    for word, pos, tag in sentence:
        if tag == "O":
            kinds.append(("O", None))
            continue
        prefix, kind = tag.split("-", 1)
        mapped = {
            "per": "PER", "org": "ORG", "geo": "LOC", "eve": "MISC", "art": "MISC",
        }.get(kind)
        if kind == "gpe":
            mapped = "MISC" if pos in DEMONYM_POS else "LOC"
        kinds.append((prefix, mapped))
    # Rebuild spans, then strip leading titles from person spans.
    spans = []
    i = 0
    while i < len(words):
        prefix, kind = kinds[i]
        if kind is None:
            i += 1
            continue
        j = i + 1
        while j < len(words) and kinds[j][0] == "I" and kinds[j][1] == kind:
            j += 1
        spans.append([i, j, kind])
        i = j
    tags = ["O"] * len(words)
    for start, end, kind in spans:
        if kind == "PER":
            while start < end - 1 and words[start].lower().strip(".") in TITLES:
                start += 1
            if words[start].lower().strip(".") in TITLES or not words[start][:1].isupper():
                continue
        tags[start] = "B-" + kind
        for k in range(start + 1, end):
            tags[k] = "I-" + kind
    for word, tag in zip(words, tags):
        out.write(f"{word} {tag}\n")
    out.write("\n")


def main():
    src, train_path, dev_path = sys.argv[1:4]
    sentences = []
    with open(src, encoding="cp1252", errors="replace", newline="") as f:
        rows = csv.reader(f)
        next(rows)
        current = []
        for row in rows:
            if len(row) < 4:
                continue
            marker, word, pos, tag = row[0], row[1], row[2], row[3]
            if marker.startswith("Sentence:") and current:
                sentences.append(current)
                current = []
            if word:
                current.append((word, pos, tag))
        if current:
            sentences.append(current)
    with open(train_path, "w", encoding="utf-8", newline="\n") as train, open(dev_path, "w", encoding="utf-8", newline="\n") as dev:
        n_train = n_dev = 0
        for n, sentence in enumerate(sentences):
            out = dev if n % 10 == 9 else train
            count = n_dev if out is dev else n_train
            if count % 15 == 0:
                out.write("-DOCSTART- O\n\n")
            flush(sentence, out)
            if out is dev:
                n_dev += 1
            else:
                n_train += 1
    print(f"{n_train} training and {n_dev} development sentences", file=sys.stderr)


if __name__ == "__main__":
    main()
