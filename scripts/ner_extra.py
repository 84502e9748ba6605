#!/usr/bin/env python3
"""Scores the entity recognizer on the extra annotated corpora of
../shared/data/ner-extra (UNER's PUD, news and Wikipedia sentences, and
EWT's development split, web text; GUM's non-news genres), which annotate
persons, organizations and places but no misc: misc predictions are left
out, and spans are compared exactly, kind included, as conlleval counts.

Usage: python3 scripts/ner_extra.py [--data ../shared/data] [--bin target/release/newsscan] [--model FILE]
Standard library only.
"""
import argparse
import collections
import os
import subprocess
import tempfile

CORPORA = ("uner_en_pud.conll", "uner_en_ewt.dev.conll", "gum_nonnews.conll")
KINDS = ("PER", "ORG", "LOC")


def spans(tags):
    """(start, end, kind) of the BIO or BILOU tags of one sentence."""
    out, start, kind = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        t = t.replace("S-", "B-").replace("L-", "I-").replace("U-", "B-").replace("E-", "I-")
        if t == "O" or t.startswith("B-") or t[2:] != kind:
            if start is not None:
                out.add((start, i, kind))
            start, kind = (i, t[2:]) if t != "O" else (None, None)
    return out


def score(path):
    gold, pred, offset = set(), set(), 0
    g, p = [], []

    def flush():
        nonlocal offset, g, p
        gold.update((a + offset, b + offset, k) for a, b, k in spans(g))
        pred.update((a + offset, b + offset, k) for a, b, k in spans(p) if k != "MISC")
        offset += len(g) + 1
        g, p = [], []

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            cols = line.split()
            if not cols:
                flush()
                continue
            g.append(cols[-2])
            p.append(cols[-1])
    flush()
    rows = []
    for kind in KINDS + (None,):
        gg = {s for s in gold if kind is None or s[2] == kind}
        pp = {s for s in pred if kind is None or s[2] == kind}
        ok = len(gg & pp)
        prec = ok / len(pp) if pp else 0.0
        rec = ok / len(gg) if gg else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append((kind or "all", prec, rec, f1, len(gg)))
    return rows


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(here, "..", "shared", "data"))
    ap.add_argument("--bin", default=os.path.join(here, "target", "release", "newsscan"))
    ap.add_argument("--model", help="an entity model file instead of the built-in one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name in CORPORA:
            out = os.path.join(tmp, name + ".out")
            gold = os.path.join(args.data, "ner-extra", "annotated", name)
            model = ["--model", args.model] if args.model else []
            subprocess.run([args.bin, "eval", "-q", "--gold", gold, "--output", out] + model,
                           check=True, stdout=subprocess.DEVNULL)
            print("==", name, "(misc predictions left out)")
            for kind, prec, rec, f1, n in score(out):
                print(f"{kind:4} P {100 * prec:6.2f} R {100 * rec:6.2f} F1 {100 * f1:6.2f}  gold {n}")


if __name__ == "__main__":
    main()
