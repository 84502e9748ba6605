#!/usr/bin/env python3
"""Counts the saved pages of ../shared/data/pages whose first and last body
paragraphs newsscan gets right: the first six words of `paragraphs[0]` (the
last six of the last paragraph) are those of the published body's first
(last) paragraph, compared as `scripts/train_blocks.py` compares them. For
the text dumps, also the pages whose headline has exactly the words of the
title the page's HTML states (newsscan's headline for the HTML page).

Usage: python3 scripts/paragraph_ends.py [--data ../shared/data] [--bin target/release/newsscan]
Standard library only.
"""
import argparse
import json
import os
import subprocess

from train_blocks import ROOT, WORD, closing, opening, paragraphs


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
    stated = {}
    for variant in ('html', 'text-html2text', 'text-inscriptis'):
        folder = os.path.join(pages, variant)
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
        out = subprocess.run([args.bin, 'analyze', '-q'] + files, capture_output=True, text=True).stdout
        first = last = n = titled = 0
        for line in out.splitlines():
            r = json.loads(line)
            pid = os.path.basename(r['path']).split('.')[0]
            ours = [p['text'] for p in r.get('paragraphs', [])]
            theirs = truth[pid]
            words = WORD.findall((r.get('headline') or '').lower())
            if variant == 'html':
                stated[pid] = words
            else:
                titled += bool(words) and words == stated.get(pid)
            n += 1
            if ours and theirs:
                first += opening(ours[0]) == opening(theirs[0])
                last += closing(ours[-1]) == closing(theirs[-1])
        titles = '' if variant == 'html' else f', headline the stated title on {titled}'
        print(f'{variant:16} first paragraph right on {first}, last on {last}{titles} of {n} pages')


if __name__ == '__main__':
    main()
