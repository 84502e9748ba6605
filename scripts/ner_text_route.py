#!/usr/bin/env python3
"""Scores entities the way a user meets them: each document of a CoNLL file
becomes a plain-text article (one sentence per paragraph, tokens joined by
spaces), `newsscan analyze` reads it, and the mentions of the record's
entities (with their entity's kind) are matched to the gold spans by
character offsets, exact span and kind, as conlleval counts.

Usage: python3 scripts/ner_text_route.py FILE.conll [--bin PATH] [--model M] [--errors N]
"""
import argparse
import collections
import json
import subprocess

KINDS = {"person": "PER", "organization": "ORG", "location": "LOC", "misc": "MISC"}


def read_docs(path):
    docs, sent, doc = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-"):
            if sent:
                doc.append(sent)
                sent = []
            if doc:
                docs.append(doc)
                doc = []
            continue
        if not line.strip():
            if sent:
                doc.append(sent)
                sent = []
            continue
        cols = line.split()
        sent.append((cols[0], cols[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def gold_spans(sent):
    spans, cur = [], None
    for i, (_, tag) in enumerate(sent):
        if tag == "O" or "-" not in tag:
            if cur:
                spans.append(cur)
            cur = None
            continue
        pos, kind = tag.split("-", 1)
        if kind not in ("PER", "ORG", "LOC", "MISC"):
            if cur:
                spans.append(cur)
            cur = None
            continue
        if pos in ("B", "S", "U") or cur is None or cur[2] != kind:
            if cur:
                spans.append(cur)
            cur = [i, i + 1, kind]
        else:
            cur[1] = i + 1
        if pos in ("E", "L", "S", "U"):
            spans.append(cur)
            cur = None
    if cur:
        spans.append(cur)
    return [tuple(s) for s in spans]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("conll")
    ap.add_argument("--bin", default="target/release/newsscan")
    ap.add_argument("--model")
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    docs = read_docs(args.conll)
    lines, layout = [], []
    for d, doc in enumerate(docs):
        text, offsets = "", []
        for s, sent in enumerate(doc):
            if text:
                text += "\n\n"
            for t, (tok, _) in enumerate(sent):
                if t:
                    text += " "
                offsets.append((len(text), len(text) + len(tok), s, t))
                text += tok
        lines.append(json.dumps({"id": str(d), "text": text}))
        layout.append(offsets)
    cmd = [args.bin, "analyze", "--input", "jsonl", "-q"]
    if args.model:
        cmd += ["--model", args.model]
    out = subprocess.run(cmd, input="\n".join(lines) + "\n", capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    errors = []
    for d, line in enumerate(out.splitlines()):
        rec = json.loads(line)
        offsets = layout[d]
        start_of = {o[0]: (o[2], o[3]) for o in offsets}
        end_of = {o[1]: (o[2], o[3]) for o in offsets}
        pred = set()
        for e in rec.get("entities", []):
            kind = KINDS[e["kind"]]
            for m in e["mentions"]:
                a, b = start_of.get(m["start"]), end_of.get(m["end"])
                if a and b and a[0] == b[0]:
                    pred.add((a[0], a[1], b[1] + 1, kind))
                else:
                    pred.add(("x", m["start"], m["end"], kind))  # not on token edges: wrong
        gold = set()
        for s, sent in enumerate(docs[d]):
            for a, b, k in gold_spans(sent):
                gold.add((s, a, b, k))
        for k in ("PER", "ORG", "LOC", "MISC"):
            g = {x for x in gold if x[3] == k}
            p = {x for x in pred if x[3] == k}
            counts[k, "gold"] += len(g)
            counts[k, "pred"] += len(p)
            counts[k, "ok"] += len(g & p)
        for x in pred - gold:
            if x[0] != "x" and len(errors) < 100000:
                words = " ".join(t for t, _ in docs[d][x[0]][x[1]:x[2]])
                gk = [g[3] for g in gold if g[:3] == x[:3]]
                errors.append((words, x[3], gk[0] if gk else "-"))
    def f1(ok, p, g):
        pr = ok / p if p else 0
        rc = ok / g if g else 0
        return 100 * pr, 100 * rc, (200 * pr * rc / (pr + rc) if pr + rc else 0)
    print(f"{args.conll}: {len(docs)} documents")
    tot = collections.Counter()
    for k in ("PER", "ORG", "LOC", "MISC"):
        g, p, ok = counts[k, "gold"], counts[k, "pred"], counts[k, "ok"]
        tot["g"] += g; tot["p"] += p; tot["ok"] += ok
        print("%-5s P %6.2f R %6.2f F1 %6.2f  gold %d" % ((k,) + f1(ok, p, g) + (g,)))
    print("all   P %6.2f R %6.2f F1 %6.2f  gold %d" % (f1(tot["ok"], tot["p"], tot["g"]) + (tot["g"],)))
    if args.errors:
        for (w, k, g), n in collections.Counter(errors).most_common(args.errors):
            print(f"  {n:3d} {w!r} {k} (gold {g})")


if __name__ == "__main__":
    main()
