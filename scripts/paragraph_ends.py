#!/usr/bin/env python3
"""Counts the saved pages of ../shared/data/pages whose first and last body
paragraphs newsscan gets right: the first six words of `paragraphs[0]` (the
last six of the last paragraph) are those of the published body's first
(last) paragraph, compared as `scripts/train_blocks.py` compares them.

Usage: python3 scripts/paragraph_ends.py [--data ../shared/data] [--bin target/release/newsscan]
Standard library only.
"""
import argparse
import json
import os
import subprocess

from train_blocks import ROOT, closing, opening, paragraphs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default=os.path.join(ROOT, '..', 'shared', 'data'))
    ap.add_argument('--bin', default=os.path.join(ROOT, 'target', 'release', 'newsscan'))
    args = ap.parse_args()
    pages = os.path.join(args.data, 'pages')
    truth = {}
    with open(os.path.join(pages, 'ground-truth.jsonl'), encoding='utf-8') as fh:
        for line in fh:
            r = json.loads(line)
            truth[r['id']] = paragraphs(r['articleBody'], '\n')
    for variant in ('text-html2text', 'text-inscriptis', 'html'):
        folder = os.path.join(pages, variant)
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
        out = subprocess.run([args.bin, 'analyze', '-q'] + files, capture_output=True, text=True).stdout
        first = last = n = 0
        for line in out.splitlines():
            r = json.loads(line)
            ours = [p['text'] for p in r.get('paragraphs', [])]
            theirs = truth[os.path.basename(r['path']).split('.')[0]]
            n += 1
            if ours and theirs:
                first += opening(ours[0]) == opening(theirs[0])
                last += closing(ours[-1]) == closing(theirs[-1])
        print(f'{variant:16} first paragraph right on {first}, last on {last} of {n} pages')


if __name__ == '__main__':
    main()
