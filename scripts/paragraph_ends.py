#!/usr/bin/env python3
"""Counts the saved pages of ../shared/data/pages whose first and last body
paragraphs newsscan gets right: the first six words of `paragraphs[0]` (the
last six of the last paragraph) are those of the published body's first
(last) paragraph, compared as `scripts/train_blocks.py` compares them. For
the text dumps, also the pages whose headline has exactly the words of the
title the page's HTML states (newsscan's headline for the HTML page), whose date is the day the HTML
states (a day either side allowed: a page prints its local time, the
HTML often UTC), and whose authors include the HTML's first author.

Usage: python3 scripts/paragraph_ends.py [--data ../shared/data] [--bin target/release/newsscan]
Standard library only.
"""
import argparse
import datetime
import json
import os
import re
import subprocess

from train_blocks import ROOT, WORD, closing, opening, paragraphs


MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']


def same_day(stated, printed):
    """Whether a date as a page prints it names the day an ISO date states,
    or the day before or after."""
    m = re.match(r'((?:19|20)\d\d)-(\d\d)-(\d\d)', stated or '')
    if not m or not printed:
        return False
    day = datetime.date(int(m[1]), int(m[2]), int(m[3]))
    for d in (day + datetime.timedelta(days=k) for k in (-1, 0, 1)):
        y, mo, da, mon = d.year, d.month, d.day, MONTHS[d.month - 1]
        forms = [rf'\b{mon}\w*\.?\s+0?{da}(?:st|nd|rd|th)?\b', rf'\b0?{da}(?:st|nd|rd|th)?\s+{mon}',
                 rf'{y}[-.]{mo:02d}[-.]{da:02d}', rf'\b0?{mo}[/.]0?{da}[/.](?:{y}|{y % 100})\b',
                 rf'\b0?{da}[/.]0?{mo}[/.](?:{y}|{y % 100})\b']
        if any(re.search(f, printed, re.I) for f in forms):
            return True
    return False


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
        first = last = n = titled = dated = datable = authored = bylined = 0
        for line in out.splitlines():
            r = json.loads(line)
            pid = os.path.basename(r['path']).split('.')[0]
            ours = [p['text'] for p in r.get('paragraphs', [])]
            theirs = truth[pid]
            words = WORD.findall((r.get('headline') or '').lower())
            if variant == 'html':
                stated[pid] = (words, r.get('date'), [a.lower() for a in r.get('authors', [])])
            else:
                title, date, authors = stated.get(pid, ([], None, []))
                titled += bool(words) and words == title
                if re.match(r'(?:19|20)\d\d-', date or ''):
                    datable += 1
                    dated += same_day(date, r.get('date'))
                if authors:
                    bylined += 1
                    authored += authors[0] in [a.lower() for a in r.get('authors', [])]
            n += 1
            if ours and theirs:
                first += opening(ours[0]) == opening(theirs[0])
                last += closing(ours[-1]) == closing(theirs[-1])
        titles = '' if variant == 'html' else f', headline the stated title on {titled}'
        print(f'{variant:16} first paragraph right on {first}, last on {last}{titles} of {n} pages')
        if variant != 'html':
            print(f'{"":16} date the stated day on {dated} of {datable} pages stating one, '
                  f'the stated first author among the authors on {authored} of {bylined}')


if __name__ == '__main__':
    main()
