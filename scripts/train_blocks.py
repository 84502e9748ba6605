#!/usr/bin/env python3
"""Learns which blocks of a saved page are the article: data/block-weights.tsv.

    scripts/train_blocks.py [--data ../shared/data] [--bin target/release/newsscan]
                            [--folds 5] [--repeats 1] [--l2 X] [--write [--headline-only]] [--html]

newsscan prints every block of a text with its features (`analyze --blocks`).
On the saved pages of ../shared/data/pages (both text dumps, html2text and
inscriptis), a block is article text when most of its 4-word shingles are in
the page's published body (`articleBody`); on clean articles (PolNeAR's
train texts) every block is article text, so that clean text keeps every
paragraph. Logistic regression with L2 (TEXT_L2, HTML_L2) by stochastic gradient descent in a
fixed order, so the weights are the same on every run. The body is then the
region of blocks with the largest length-weighted sum of scores above the
line, and blocks inside it scored below the drop line are left out, as
src/layout/page.rs does; the script picks both lines on the training pages.
Last, an edge model (features `e:`, learned from the first and last blocks
of the bodies so selected) trims the blocks at the body's ends that it
scores below its line (menus' last items, share buttons, credits).

The headline's features (`h:`) are read from newsscan's output and depend
on where it finds the body: after the block weights change, build and run
--write once more (the file then stays the same). With --headline-only,
--write keeps the file's block and edge weights and learns the headline's
again: a new headline feature then moves no body.

Without --write it reports the body F1 of the score_pages metric and the
headline by cross-validation over pages (train on the other folds, score
the held-out fold), which estimates the figures on pages nobody tuned for;
--repeats N averages N partitions into folds. Standard
library only.
"""
import argparse
import collections
import json
import math
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORD = re.compile(r'\w+')
CLASSIFIED = ('role=paragraph', 'role=bullet', 'role=heading')
HTML = False  # set by --html: the blocks are an HTML page's


def classified_block(fs):
    """Whether a block may be article text (as src/layout/page.rs and
    src/html/mod.rs decide)."""
    if HTML:
        return 'candidate=false' not in fs
    return any(c in fs for c in CLASSIFIED)


def paragraph_block(fs):
    return 'tag=p' in fs if HTML else 'role=paragraph' in fs


def always_body(fs):
    """Blocks that are body wherever they stand (on HTML pages, all but list
    items, which are summary points before the first paragraph)."""
    return HTML and 'tag=li' not in fs


def shingles(words, n=4):
    return collections.Counter(tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1)) if words[i:i + n])


def run_blocks(binary, paths):
    extra = ['--input', 'html'] if HTML else []
    out = subprocess.run([binary, 'analyze', '-q', '--blocks', '-j', '1'] + extra + paths,
                         capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines()]


def label(block_words, truth_shingles, truth_grams):
    if not block_words:
        return 0
    if len(block_words) < 4:
        return int(tuple(block_words) in truth_grams)
    sh = shingles(block_words)
    hit = sum(min(c, truth_shingles[k]) for k, c in sh.items())
    return int(hit * 2 >= sum(sh.values()))


def context_label(before, block_words, after, truth_shingles, fallback):
    """A short block is article text when it reads on into the published
    body with the words before it or after it (every 4-word shingle across
    that joint is the body's): a subhead between paragraphs does, a share
    button or a credit does not, though their words may occur in the body.
    Text dumps only: held out (`--repeats 3`), body F1 html2text /
    inscriptis 0.910 / 0.905 -> 0.913 / 0.908, first paragraphs right 60 /
    55 -> 56 / 59 of 90, last 43 / 37 -> 43 / 39; on HTML pages body F1
    0.961 -> 0.959 (first 74 -> 77, last 58 -> 61), so not there."""
    joints = []
    if len(before) == 3:
        joints.append(before + block_words)
    if len(after) == 3:
        joints.append(block_words + after)
    if not joints:
        return fallback
    return int(any(all(s in truth_shingles for s in shingles(j)) for j in joints))


def load(args):
    pages = os.path.join(args.data, 'pages')
    truth, url = {}, {}
    with open(os.path.join(pages, 'ground-truth.jsonl'), encoding='utf-8') as fh:
        for line in fh:
            r = json.loads(line)
            truth[r['id']] = r['articleBody']
            url[r['id']] = r['url']
    docs = []  # (group, blocks [(features, label, words, text)], truth text or None)
    urls = {}
    variants = ('html',) if HTML else ('text-html2text', 'text-inscriptis')
    for variant in variants:
        folder = os.path.join(pages, variant)
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(('.txt', '.html.gz')))
        for rec in run_blocks(args.bin, files):
            pid = os.path.basename(rec['path']).split('.')[0]
            tw = WORD.findall(truth[pid])
            ts = shingles(tw)
            grams = set()
            for n in (1, 2, 3):
                grams.update(tuple(tw[i:i + n]) for i in range(len(tw) - n + 1))
            words = [WORD.findall(b['text']) for b in rec['blocks']]
            stream = [w for ws in words for w in ws]
            blocks, at = [], 0
            for b, ws in zip(rec['blocks'], words):
                y = label(ws, ts, grams)
                if 0 < len(ws) < 4 and not HTML:
                    y = context_label(stream[max(0, at - 3):at], ws, stream[at + len(ws):at + len(ws) + 3], ts, y)
                blocks.append((b['features'], y, len(ws), b['text']))
                at += len(ws)
            docs.append((pid, blocks, truth[pid]))
            urls[pid] = url[pid]
    if HTML:
        return docs, urls
    # The headline each page states in its markup (JSON-LD, Open Graph,
    # <h1>), as newsscan reads it from the page's HTML: the label of the
    # text dumps' headline candidates.
    folder = os.path.join(pages, 'html')
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith('.html.gz'))
    out = subprocess.run([args.bin, 'analyze', '-q', '-j', '1'] + files, capture_output=True, text=True, check=True)
    for line in out.stdout.splitlines():
        rec = json.loads(line)
        if rec.get('headline'):
            TITLES[os.path.basename(rec['path']).split('.')[0]] = rec['headline']
    clean = os.path.join(args.data, 'polnear', 'data', 'train', 'text')
    files = sorted(os.path.join(clean, f) for f in os.listdir(clean) if f.endswith('.txt'))[::4]
    for rec in run_blocks(args.bin, files):
        blocks = [(b['features'], 1, len(WORD.findall(b['text'])), b['text']) for b in rec['blocks']]
        docs.append(('clean:' + rec['path'], blocks, None))
    return docs, urls


def block_features(fs):
    """A block's features for the block model: not the headline's (`h:`),
    nor the marks `--blocks` adds to say what newsscan decided
    (`fallback=container`, `edge=trimmed`, `tail=links`, `title=stated`,
    `before=title`, `comments=start`, `note=source`, `after=note`,
    `before=dateline`), which are not measures."""
    return [f for f in fs if not f.startswith(('h:', 'fallback=', 'edge=', 'tail=', 'title=', 'before=', 'comments=',
                                               'note=', 'after='))]


# L2 strength of the block weights, chosen by cross-validation over pages
# (1e-3 to 3e-1 tried). HTML: 3e-2, 0.913 -> 0.924. Text dumps, held-out
# F1 html2text/inscriptis averaged over three fold partitions (--repeats 3):
# 1e-3 0.904/0.900, 3e-3 0.905/0.899, 1e-2 0.909/0.904, 2e-2 0.906/0.901,
# 3e-2 0.904/0.902, 6e-2 0.906/0.902 (`--repeats 3 --l2 X`; with --html:
# 1e-2 0.935, 3e-2 0.939, 1e-1 0.938).
TEXT_L2 = 1e-2
HTML_L2 = 3e-2
EDGE_L2 = 1e-2


def train(docs, epochs=8, l2=None, rate=0.2):
    l2 = l2 if l2 is not None else (HTML_L2 if HTML else TEXT_L2)
    rows = [(block_features(f), y) for _, blocks, _ in docs for f, y, _, _ in blocks if classified_block(f)]
    return logistic(rows, epochs, l2, rate)


def read_weights(path):
    """The weights of a file --write wrote, by feature (lines `@` too)."""
    w = {}
    with open(path, encoding='utf-8') as fh:
        for line in fh:
            if line.startswith('#') or '\t' not in line:
                continue
            f, v = line.rstrip('\n').rsplit('\t', 1)
            w[f] = float(v)
    return w


def logistic(rows, epochs=8, l2=1e-3, rate=0.2, bias='bias'):
    order = list(range(len(rows)))
    random.Random(7).shuffle(order)
    w = collections.defaultdict(float)
    g2 = collections.defaultdict(lambda: 1e-8)
    counts = collections.Counter(f for fs, _ in rows for f in fs)
    for _ in range(epochs):
        for i in order:
            fs, y = rows[i]
            fs = [f for f in fs if counts[f] >= 3]
            z = w[bias] + sum(w[f] for f in fs)
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            g = p - y
            for f in fs + [bias]:
                grad = g + l2 * w[f]
                g2[f] += grad * grad
                w[f] -= rate * grad / math.sqrt(g2[f])
    return {f: v for f, v in w.items() if abs(v) >= 1e-3}


def score(w, fs):
    return w.get('bias', 0.0) + sum(w.get(f, 0.0) for f in block_features(fs))


# Page id -> the headline its HTML states (filled by load for text dumps).
TITLES = {}


def title_words(text):
    return re.findall(r'\w+', text.lower())


def same_title(text, title):
    """Whether a candidate line is the page's stated headline: it holds
    most of the headline's words and little else (a site name after it is
    allowed)."""
    c, t = set(title_words(text)), set(title_words(title))
    common = len(c & t)
    return bool(t) and common >= 0.8 * len(t) and common >= 0.6 * len(c)


def slug_words(u):
    """The words of a page address's most wordy segment (its slug)."""
    parts = [p for p in re.split(r'[/?#]', u.split('://', 1)[-1])[1:] if p]
    best = max(parts, key=lambda p: len(re.findall(r'[a-z]{2,}', p.lower())), default='')
    best = re.sub(r'\.html?$', '', best.lower())
    return {w for w in re.findall(r'[a-z0-9]+', best) if not w.isdigit() or len(w) < 4}


def is_title(text, slug):
    words = set(re.findall(r'[a-z0-9]+', text.lower()))
    return len(words & slug) * 2 >= len(slug)


def headline_pages(docs, urls, slug_labels=False):
    """Per page, its headline candidates with labels: a candidate is the
    title when it is the headline the page's HTML states (see same_title),
    or, for a page without one or with `slug_labels`, when it shares half
    the words of the address's slug (a cruder label: a right headline
    under another slug counts as wrong); clean articles have none (their
    first line is the headline already). Each page comes with its
    candidates' texts and features, which the choice reads (see
    pick_headline)."""
    out = []
    for pid, blocks, truth in docs:
        found = [(fs, t) for fs, _, _, t in blocks if any(f.startswith('h:') for f in fs)]
        cands = [[f for f in fs if f.startswith('h:')] for fs, _ in found]
        if truth is None:
            labels = [0] * len(cands)
        elif pid in TITLES and not slug_labels:
            labels = [int(same_title(t, TITLES[pid])) for _, t in found]
        else:
            slug = slug_words(urls[pid])
            if len([w for w in slug if w.isalpha()]) < 3:
                continue
            labels = [int(is_title(t, slug)) for _, t in found]
        out.append((pid, list(zip(cands, labels)), found))
    return out


def truncated(text):
    """The text before the ellipsis that ends a line cut short, if it is
    (as src/layout/page.rs)."""
    t = text.strip()
    cut = t[:-1] if t.endswith('…') else t[:-3] if t.endswith('...') else None
    if cut is None:
        return None
    cut = cut.rstrip()
    return cut if len(cut.split()) >= 3 else None


def pick_headline(w, cands, found):
    """The index of the candidate newsscan takes for the headline, as
    src/layout/page.rs chooses: the best scored that is no stamp (a date
    or a byline, marked `title=stamp`), or, when that one is a teaser cut
    short, the candidate it cuts."""
    scores = [w.get('h:bias', 0.0) + sum(w.get(f, 0.0) for f in fs) for fs, _ in cands]
    allowed = [i for i in range(len(cands)) if 'title=stamp' not in found[i][0]]
    # Of equal scores the later candidate, as the binary, which reads them last to first.
    best = max(allowed, key=lambda i: (scores[i], i), default=None)
    cut = truncated(found[best][1]) if best is not None else None
    if cut:
        best = next((j for j in range(len(found)) if j != best and found[j][1].strip().startswith(cut)), best)
    return best


def headline_accuracy(w, pages):
    ok = n = 0
    for pid, cands, found in pages:
        if pid.startswith('clean:'):
            continue
        n += 1
        best = pick_headline(w, cands, found)
        ok += best is not None and cands[best][1] == 1
    return ok, n


def best_region(blocks, scores, classified, line):
    best, best_range, s, start = 0.0, (0, 0), 0.0, 0
    for i, (f, _, n, _) in enumerate(blocks):
        if s <= 0:
            s, start = 0.0, i
        s += (scores[i] - line) * math.sqrt(n + 1) if classified[i] else 0.0
        if s > best:
            best, best_range = s, (start, i + 1)
    return best_range


def select(w, blocks, region, drop):
    scores = [score(w, f) for f, _, _, _ in blocks]
    classified = [classified_block(f) for f, _, _, _ in blocks]
    keep = kept_blocks(blocks, scores, classified, region, drop)
    if keep is None:
        # A text of a few blocks is an article, not a page to cut.
        keep = [i for i, c in enumerate(classified) if c]
    elif 'e:bias' in w:
        keep = trim_edges(w, blocks, scores, keep)
    if keep and not HTML and len(keep) < len(blocks):
        keep = end_at_source_note(blocks, keep)
    # src/layout/page.rs then starts the body at a dateline among its first
    # paragraphs, which this leaves out (its pattern is the binary's).
    if HTML:
        # As src/html/mod.rs: a body much shorter than the text of the
        # likely container (`best=true`) gives way to that container's text.
        container = [c and 'best=true' in b[0] and 'tag=li' not in b[0] for b, c in zip(blocks, classified)]
        # A container holding most of the page's text is the page itself.
        best_words = sum(b[2] for b, c in zip(blocks, container) if c)
        page_words = sum(b[2] for b, c in zip(blocks, classified) if c)
        if best_words <= FALLBACK_WIDE * page_words and \
                sum(blocks[i][2] for i in keep) < FALLBACK_SHARE * best_words:
            keep = [i for i, c in enumerate(container) if c]
        # What comes before the block stating the page's title is the
        # page's, when more running text follows it than precedes it.
        title = next((i for i, b in enumerate(blocks) if 'title=stated' in b[0]), None)
        if title is not None:
            stop = [i for i in keep if 'end=stop' in blocks[i][0]]
            if sum(blocks[i][2] for i in stop if i > title) > sum(blocks[i][2] for i in stop if i <= title):
                keep = [i for i in keep if i > title]
    return '\n\n'.join(blocks[i][3] for i in keep)


def lexicon_pattern(name):
    with open(os.path.join(ROOT, 'data', 'lexicon', name + '.txt'), encoding='utf-8') as fh:
        alternatives = [l.strip() for l in fh if l.strip() and not l.startswith('#')]
    return re.compile('(?:%s)' % '|'.join(alternatives), re.I)


SOURCE_NOTE = lexicon_pattern('source-notes')
NOTE_REACH, NOTE_WORDS, NOTE_TAIL = 6, 25, 3


def is_source_note(block):
    fs, _, _, text = block
    opened = text.lstrip(''.join(c for c in set(text) if not c.isalnum()))
    return ('role=paragraph' in fs and len(text.split()) <= NOTE_WORDS and not re.search('[0-9]', text)
            and SOURCE_NOTE.match(opened) is not None)


def end_at_source_note(blocks, keep):
    """The body ended at its source note ("Originally published on ..."),
    as src/layout/page.rs ends it: one among its last NOTE_TAIL paragraphs
    drops the paragraphs after it; else one soon after the body joins it."""
    tail = [i for i in keep if 'role=paragraph' in blocks[i][0]][-NOTE_TAIL:]
    for i in reversed(tail):
        if is_source_note(blocks[i]):
            return [k for k in keep if k <= i or k not in tail]
    for i in range(keep[-1] + 1, min(len(blocks), keep[-1] + 1 + NOTE_REACH)):
        if 'comments=start' in blocks[i][0]:
            break
        if is_source_note(blocks[i]):
            return keep + [i]
    return keep


def kept_blocks(blocks, scores, classified, region, drop):
    """The indices of the body's blocks on a page (None for a text of a few
    blocks, which is all article)."""
    if sum(classified) < 4:
        return None
    # Nothing before the page's first first-level heading (`title=heading`)
    # joins the body, nor anything from the first reader's comment
    # (`comments=start`) on.
    eligible = classified
    title = next((i for i, b in enumerate(blocks) if 'title=heading' in b[0]), None)
    if title is not None and not HTML:
        eligible = [c and i > title for i, c in enumerate(classified)]
    comments = next((i for i, b in enumerate(blocks) if 'comments=start' in b[0]), None)
    if comments is not None and not HTML:
        eligible = [c and i < comments for i, c in enumerate(eligible)]
    best_range = best_region(blocks, scores, eligible, region)
    if best_range[0] == best_range[1]:
        # Nothing above the line: the page's best-scored stretch all the same.
        top = max((s for s, c, b in zip(scores, eligible, blocks) if c and b[2] >= 10), default=None)
        if top is None:
            top = max((s for s, c, b in zip(scores, eligible, blocks) if c and b[2] >= 1), default=None)
        if top is not None:
            best_range = best_region(blocks, scores, eligible, top - 1.0)
            drop = min(drop, top - 3.0)
    return kept(blocks, scores, classified, best_range, drop)


# The edge model: how many blocks at each end of a page's body it may
# trim, and the line below which it trims one (as src/layout/page.rs). The
# lines were picked by cross-validation over pages (`--edge-line X`): text
# dumps, body F1 html2text / inscriptis and first / last paragraphs right
# (of 90 each): without the model (`--edge-line=-1e9`) 0.912 / 0.911, 52 /
# 41 and 56 / 39; -2.0 0.912 / 0.911, 54 / 42 and 57 / 40; -1.5 0.913 /
# 0.910, 56 / 43 and 59 / 39; -1.0 0.911 / 0.910, 58 / 43 and 59 / 39; -0.5
# 0.910 / 0.908, 60 / 43 and 59 / 38. HTML: without 0.963, 71 / 54; -1.0
# 0.965, 74 / 58 (three partitions, `--repeats 3`: 0.961 against 0.960
# without); -0.5 0.966, 77 / 60 (three partitions 0.960); 0.0 0.963, 76 /
# 60.
EDGE_REACH = 3
# A body of fewer blocks has no edge to spare: a short article's last
# paragraph is often a short sentence after a caption. With 5 rather than 3,
# held out: text dumps the same, HTML last paragraphs 58 -> 57 of 90.
EDGE_MIN_BODY = 5
TEXT_EDGE_LINE = -1.5
HTML_EDGE_LINE = -1.0


def score_bucket(x):
    for t in (-2, -1, 0, 1, 2, 3):
        if x < t:
            return '<%d' % t
    return '3+'


def edge_features(blocks, scores, body, j, side):
    """The features of the body's block j as its first or last block still
    kept: its own features seen from that side, its score, how far in from
    the edge it stands, whether it has letters, and the score of the block
    inside it."""
    i = body[j]
    fs = ['e:%s:%s' % (side, f) for f in block_features(blocks[i][0])]
    inner = body[j + 1] if side == 'first' else body[j - 1]
    from_edge = j if side == 'first' else len(body) - 1 - j
    fs += ['e:score=' + score_bucket(scores[i]), 'e:%s:k=%d' % (side, min(from_edge, EDGE_REACH)),
           'e:%s:letters=%s' % (side, str(any(c.isalpha() for c in blocks[i][3])).lower()),
           'e:inner=' + score_bucket(scores[inner])]
    return fs


def edge_score(w, fs):
    return w.get('e:bias', 0.0) + sum(w.get(f, 0.0) for f in fs)


def trim_edges(w, blocks, scores, body):
    """The body without the blocks at its ends that the edge model scores
    below its line (at most EDGE_REACH a side; two blocks always stay, and
    a body of fewer than EDGE_MIN_BODY blocks stays whole)."""
    line = w.get('@edge', 0.0)
    lo, hi = 0, len(body)
    if hi < EDGE_MIN_BODY:
        return body
    for _ in range(EDGE_REACH):
        if hi - lo <= 2 or edge_score(w, edge_features(blocks, scores, body, lo, 'first')) >= line:
            break
        lo += 1
    for _ in range(EDGE_REACH):
        if hi - lo <= 2 or edge_score(w, edge_features(blocks, scores, body, hi - 1, 'last')) >= line:
            break
        hi -= 1
    return body[lo:hi]


def train_edges(w, docs, region, drop):
    """Edge weights from the ends of the bodies the block weights select on
    the saved pages: each of the first and last EDGE_REACH blocks, labelled
    by where the published body starts and ends among them (see body_ends),
    else as a block is (article text or not: a short block's label says
    only whether its words occur in the body, which a share count's or a
    credit's may)."""
    rows = []
    for _, blocks, truth in docs:
        if truth is None:
            continue
        scores = [score(w, f) for f, _, _, _ in blocks]
        body = kept_blocks(blocks, scores, [classified_block(f) for f, _, _, _ in blocks], region, drop)
        if not body or len(body) < EDGE_MIN_BODY:
            continue
        start, end = body_ends(blocks, body, truth)
        for j in range(min(EDGE_REACH, len(body) - 1)):
            y = blocks[body[j]][1] if start is None else int(j >= start)
            rows.append((edge_features(blocks, scores, body, j, 'first'), y))
        for j in range(len(body) - 1, max(len(body) - 1 - EDGE_REACH, 0), -1):
            y = blocks[body[j]][1] if end is None else int(j <= end)
            rows.append((edge_features(blocks, scores, body, j, 'last'), y))
    edges = logistic(rows, l2=EDGE_L2, bias='e:bias')
    edges['@edge'] = HTML_EDGE_LINE if HTML else TEXT_EDGE_LINE
    return edges


def opening(text):
    """A paragraph's first six words, lower-cased: what tells it apart."""
    return WORD.findall(text.lower())[:6]


def closing(text):
    """A paragraph's last six words, lower-cased."""
    return WORD.findall(text.lower())[-6:]


def paragraphs(text, sep):
    return [p for p in text.split(sep) if WORD.search(p)]


def body_ends(blocks, body, truth):
    """Where the published body's first and last paragraphs stand among the
    selected body's blocks near its ends (by opening and closing), or
    None."""
    paras = paragraphs(truth, '\n')
    start = next((j for j in range(min(EDGE_REACH + 1, len(body)))
                  if opening(blocks[body[j]][3]) == opening(paras[0])), None)
    end = next((j for j in range(len(body) - 1, max(len(body) - 2 - EDGE_REACH, -1), -1)
                if closing(blocks[body[j]][3]) == closing(paras[-1])), None)
    return start, end


def fit(docs):
    """Block weights, the region's lines and the edge weights, learned on
    docs."""
    w = train(docs)
    region, drop = lines(w, docs)
    w.update(train_edges(w, docs, region, drop))
    return w, region, drop


# Share of the likely container's words below which an HTML body gives way
# to the container, as FALLBACK_SHARE in src/html/mod.rs. Held-out body F1
# by `--html --fallback-share X`: 0 (no fallback) 0.932, 0.2 0.939, 0.35
# and 0.5 0.937; differences this small are within what one page changes.
FALLBACK_SHARE = 0.35
# Share of the page's words above which the likely container is the page
# itself and no fallback, as FALLBACK_WIDE in src/html/mod.rs. Held-out body
# F1 (`--html --repeats 3`): without this guard 0.939; 0.5 to 0.85 all
# 0.942; 0.95 0.939.
FALLBACK_WIDE = 0.75


def kept(blocks, scores, classified, best_range, drop):
    """The indices of the region's blocks that are body text."""
    keep, started = [], False
    page_cut = any(c and not best_range[0] <= i < best_range[1] for i, c in enumerate(classified))
    for i, b in enumerate(blocks):
        if classified[i] and best_range[0] <= i < best_range[1] and scores[i] >= drop:
            # Bullets and subheads before the first paragraph stay apart,
            # and after it join the body only on a page.
            paragraph = paragraph_block(b[0])
            started |= paragraph
            if paragraph or (started and page_cut) or always_body(b[0]):
                keep.append(i)
    return keep


def page_f1(docs, predict):
    ps, rs = [], []
    for pid, blocks, truth in docs:
        if truth is None:
            continue
        t, p = shingles(WORD.findall(truth)), shingles(WORD.findall(predict(blocks)))
        tp = sum(min(t[k], p[k]) for k in t.keys() & p.keys())
        fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
        s = tp + fp + fn
        if not s:
            continue
        tp, fp, fn = tp / s, fp / s, fn / s
        if tp + fp > 0:
            ps.append(tp / (tp + fp) if fp or fn else 1.0)
        if tp + fn > 0:
            rs.append(tp / (tp + fn) if fp or fn else 1.0)
    P, R = sum(ps) / len(ps), sum(rs) / len(rs)
    return 2 * P * R / (P + R), P, R


def edge_paragraphs(docs, predict):
    """On how many pages the body's first and last paragraphs are the
    published body's (by opening and closing)."""
    first = last = 0
    for _, blocks, truth in docs:
        ours, theirs = paragraphs(predict(blocks), '\n\n'), paragraphs(truth, '\n')
        if ours and theirs:
            first += opening(ours[0]) == opening(theirs[0])
            last += closing(ours[-1]) == closing(theirs[-1])
    return first, last


def lines(w, docs):
    best = None
    for region in (-1.0, -0.5, 0.0, 0.5, 1.0):
        for drop in (-4.0, -3.0, -2.0, -1.0):
            f1 = page_f1(docs, lambda b: select(w, b, region, drop))[0]
            if best is None or f1 > best[0]:
                best = (f1, region, drop)
    return best[1], best[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default=os.path.join(ROOT, '..', 'shared', 'data'))
    ap.add_argument('--bin', default=os.path.join(ROOT, 'target', 'release', 'newsscan'))
    ap.add_argument('--folds', type=int, default=5)
    ap.add_argument('--l2', type=float, default=None,
                    help='try another L2 strength (TEXT_L2, or HTML_L2 with --html)')
    ap.add_argument('--repeats', type=int, default=1,
                    help='cross-validate over this many partitions of the pages into folds, and average')
    ap.add_argument('--write', action='store_true')
    ap.add_argument('--headline-only', action='store_true',
                    help='with --write, keep the file\'s block and edge weights and learn only the headline\'s (h:)')
    ap.add_argument('--html', action='store_true', help='learn the blocks of HTML pages (data/html-block-weights.tsv)')
    ap.add_argument('--slug-labels', action='store_true',
                    help='learn the headline from the page addresses\' slugs instead of the titles the pages state')
    ap.add_argument('--edge-line', type=float, default=None,
                    help='try another edge line (TEXT_EDGE_LINE, or HTML_EDGE_LINE with --html; -1e9 trims nothing)')
    ap.add_argument('--fallback-share', type=float, default=None,
                    help='try another FALLBACK_SHARE (HTML; the binary keeps its own, src/html/mod.rs)')
    args = ap.parse_args()
    global HTML, FALLBACK_SHARE, TEXT_L2, HTML_L2, TEXT_EDGE_LINE, HTML_EDGE_LINE
    HTML = args.html
    if args.edge_line is not None:
        TEXT_EDGE_LINE = HTML_EDGE_LINE = args.edge_line
    if args.l2 is not None:
        TEXT_L2 = HTML_L2 = args.l2
    if args.fallback_share is not None:
        FALLBACK_SHARE = args.fallback_share
    docs, urls = load(args)
    slug_pages = headline_pages(docs, urls, True)
    title_pages = headline_pages(docs, urls)
    hpages = slug_pages if args.slug_labels else title_pages
    pages = sorted({pid for pid, _, t in docs if t is not None})
    if args.write:
        if args.headline_only and not HTML:
            # The block and edge weights as the file has them; only the
            # headline's are learned again (on the body they select).
            w = read_weights(os.path.join(ROOT, 'data', 'block-weights.tsv'))
            w = {f: v for f, v in w.items() if not f.startswith('h:')}
            region, drop = w['@region'], w['@drop']
        else:
            w, region, drop = fit(docs)
        if not HTML:
            hw = logistic([r for _, rows, _ in hpages for r in rows], bias='h:bias')
            print('headline right on %d of %d pages' % headline_accuracy(hw, hpages))
            w.update({f: v for f, v in hw.items() if f.startswith('h:')})
        f1, P, R = page_f1(docs, lambda b: select(w, b, region, drop))
        print(f'train pages: F1 {f1:.3f} P {P:.3f} R {R:.3f} (region {region}, drop {drop})')
        path = os.path.join(ROOT, 'data', 'html-block-weights.tsv' if HTML else 'block-weights.tsv')
        with open(path, 'w', encoding='utf-8') as fh:
            what = 'HTML blocks (see src/html/mod.rs)' if HTML else 'text blocks (see src/layout/page.rs)'
            fh.write(f'# Weights of the features of {what}, learned by\n'
                     '# scripts/train_blocks.py from saved news pages and clean articles; a block\'s\n'
                     '# score is bias plus the weights of its features; @region and @drop are the\n'
                     '# lines of the body region; e: features score the blocks at its ends,\n'
                     '# trimmed below @edge.\n')
            fh.write(f'@drop\t{drop}\n@edge\t{w["@edge"]}\n@region\t{region}\n')
            for f in sorted(k for k in w if not k.startswith('@')):
                fh.write(f'{f}\t{w[f]:.4f}\n')
        print(f'wrote {path} ({len(w)} features)')
        return
    def partition(r):
        """The pages in the order partition r deals them into folds: sorted
        for partition 0, shuffled for the others."""
        order = list(pages)
        if r:
            random.Random(r).shuffle(order)
        return order

    headline_hits = []
    for r in range(args.repeats if not HTML else 0):
        order = partition(r)
        hits = [0, 0, 0, 0]
        for k in range(args.folds):
            held = set(order[k::args.folds])
            hw = logistic([r for pid, rows, _ in hpages if pid not in held for r in rows], bias='h:bias')
            for j, judged in ((0, title_pages), (2, slug_pages)):
                ok, n = headline_accuracy(hw, [p for p in judged if p[0] in held])
                hits[j] += ok
                hits[j + 1] += n
        headline_hits.append(hits)
    if headline_hits:
        print('headline cross-validated: the stated title on %d of %d pages, the slug\'s words on %d of %d'
              % tuple(headline_hits[0]))
    if len(headline_hits) > 1:
        titled = [h[0] for h in headline_hits]
        print('headline cross-validated: the stated title by partition ' + ' '.join(map(str, titled))
              + f', mean {sum(titled) / len(titled):.1f} of {headline_hits[0][1]}')
    results = collections.defaultdict(list)
    ends = collections.defaultdict(list)
    for r in range(args.repeats):
        order = partition(r)
        predicted = {}
        for k in range(args.folds):
            held = set(order[k::args.folds])
            w, region, drop = fit([d for d in docs if d[0] not in held])
            for d in docs:
                if d[0] in held:
                    predicted[id(d)] = select(w, d[1], region, drop)
        for name, sel in ((('html', 0),) if HTML else (('html2text', 0), ('inscriptis', 1))):
            subset = [d for d in docs if d[2] is not None]
            subset = subset[sel * len(pages):(sel + 1) * len(pages)]
            f1, P, R = page_f1(subset, lambda b, m={id(d[1]): predicted[id(d)] for d in subset}: m[id(b)])
            results[name].append(f1)
            first, last = edge_paragraphs(subset, lambda b, m={id(d[1]): predicted[id(d)] for d in subset}: m[id(b)])
            ends[name].append((first, last))
            if args.repeats == 1:
                print(f'{name:10} cross-validated body F1 {f1:.3f}  precision {P:.3f}  recall {R:.3f}  '
                      f'first paragraph right on {first}, last on {last} of {len(subset)} pages')
    if args.repeats > 1:
        for name, f1s in results.items():
            firsts, lasts = [e[0] for e in ends[name]], [e[1] for e in ends[name]]
            print(f'{name:10} cross-validated body F1 by partition ' + ' '.join(f'{f:.3f}' for f in f1s)
                  + f', mean {sum(f1s) / len(f1s):.3f}; first paragraph right on '
                  + f'{sum(firsts) / len(firsts):.1f}, last on {sum(lasts) / len(lasts):.1f} (mean)')

if __name__ == '__main__':
    sys.exit(main())
