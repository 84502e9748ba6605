#!/usr/bin/env python3
"""Learns which quoted stretches are quotes: data/quote-keep.tsv.

    scripts/train_quote_keep.py [--data ../shared/data] [--bin target/release/newsscan]

Every pair of quotation marks newsscan finds is a candidate, described by the
features `newsscan quote-features` prints (length, shape, the word before it,
where its attribution was found, the speaker's kind...). A candidate is a
quote when it overlaps an annotated quote of PolNeAR's train split by half
its length (the rule of ../shared/tools/quotes/quotes.py, whose gold
alignment this script imports). Logistic regression with L2, by full-batch
gradient descent from zero, so the weights are the same on every run; the
threshold is the one that keeps the most quotes at 96.5% precision on train.
The dev split is only reported. Standard library only.
"""
import argparse
import collections
import json
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def candidates(binary, folder):
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith('.txt'))
    out = subprocess.run([binary, 'quote-features'] + files, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines()]


def labelled(Q, binary, data, split):
    files, texts, gold, _ = Q.load_gold(split)
    by_path = {os.path.realpath(f): f for f in files}
    rows = []
    for c in candidates(binary, os.path.join(data, 'polnear', 'data', split, 'text')):
        f = by_path[os.path.realpath(c['path'])]
        s, e = Q.trim_span(texts[f], c['start'], c['end'])
        p = {'start': s, 'end': e}
        hit = e > s and any(Q.matches(g, p)[0] for g in gold[f])
        rows.append((c['features'], 1 if hit else 0))
    return rows, sum(len(g) for g in gold.values())


def train(rows, iterations=2000, rate=0.5, l2=1e-3):
    names = sorted({f for fs, _ in rows for f in fs})
    index = {f: i for i, f in enumerate(names)}
    xs = [[index[f] for f in fs] for fs, _ in rows]
    ys = [y for _, y in rows]
    w = [0.0] * len(names)
    b = 0.0
    n = len(rows)
    for _ in range(iterations):
        gw = [0.0] * len(names)
        gb = 0.0
        for x, y in zip(xs, ys):
            z = b + sum(w[i] for i in x)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            d = p - y
            gb += d
            for i in x:
                gw[i] += d
        b -= rate * gb / n
        for i in range(len(w)):
            w[i] -= rate * (gw[i] / n + l2 * w[i])
    return dict(zip(names, w)), b


def scores(rows, weights, bias):
    return [bias + sum(weights.get(f, 0.0) for f in fs) for fs, _ in rows]


def threshold(rows, weights, bias, precision=0.965):
    ranked = sorted(zip(scores(rows, weights, bias), (y for _, y in rows)), reverse=True)
    best, tp = None, 0
    for k, (s, y) in enumerate(ranked, 1):
        tp += y
        if tp / k >= precision:
            best = s
    return best if best is not None else 0.0


def report(name, rows, weights, bias, n_gold):
    kept = [(s > 0, y) for s, (_, y) in zip(scores(rows, weights, bias), rows)]
    tp = sum(1 for k, y in kept if k and y)
    n_kept = sum(1 for k, _ in kept if k)
    print(f'{name}: {len(rows)} candidates, {sum(y for _, y in rows)} quotes; kept {n_kept}, '
          f'precision {100 * tp / max(1, n_kept):.2f}, candidates-quotes kept {100 * tp / max(1, sum(y for _, y in rows)):.2f}, '
          f'gold segments {n_gold}')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default=os.path.join(ROOT, '..', 'shared', 'data'))
    ap.add_argument('--bin', default=os.path.join(ROOT, 'target', 'release', 'newsscan'))
    ap.add_argument('--out', default=os.path.join(ROOT, 'data', 'quote-keep.tsv'))
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(a.data, '..', 'tools', 'quotes'))
    os.environ.setdefault('EVALDATA', os.path.abspath(a.data))
    import quotes as Q  # noqa: E402  (the scorer's own gold alignment)
    train_rows, train_gold = labelled(Q, a.bin, a.data, 'train')
    dev_rows, dev_gold = labelled(Q, a.bin, a.data, 'dev')
    weights, bias = train(train_rows)
    bias -= threshold(train_rows, weights, bias)
    report('train', train_rows, weights, bias, train_gold)
    report('dev', dev_rows, weights, bias, dev_gold)
    with open(a.out, 'w', encoding='utf-8') as fh:
        fh.write('# Weights of the features of quote candidates (see src/quotes/keep.rs), learned by\n')
        fh.write('# scripts/train_quote_keep.py from the train split of PolNeAR; a candidate is a quote\n')
        fh.write('# when bias plus the weights of its features is above zero.\n')
        fh.write(f'bias\t{bias:.4f}\n')
        for f in sorted(weights):
            if abs(weights[f]) >= 1e-4:
                fh.write(f'{f}\t{weights[f]:.4f}\n')
    print(f'wrote {a.out} ({len(weights)} features)')


if __name__ == '__main__':
    main()
