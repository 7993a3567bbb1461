"""Peer baseline for the dupes benchmark: datasketch MinHashLSH over paragraphs.

Usage: python bench/datasketch_peer.py <corpus_dir>

Each article body (after the ``+++`` front matter) is split into paragraphs (blank
lines; a single line break also separates); each paragraph is shingled into word
5-grams (lower-cased words), MinHashed (num_perm=128) and inserted into a
MinHashLSH (threshold=0.5). Every candidate pair of paragraphs returned by the LSH
is one reported "group" of two passages (the paragraphs' byte spans).

Scoring is the same as examples/bench_dupes.rs: recall over planted pairs of >= 40
words (a pair is found when a reported group has passages overlapping >= 50 % of
both planted spans); precision over reported groups (correct when two passages touch
two members of one planted event, or when every passage overlaps a recorded
boilerplate span, since the peer cannot classify boilerplate itself).
"""

import json
import os
import re
import sys
import time
from collections import defaultdict

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+(?:['’]\w+)*")
PARA = re.compile(r"[^\n]+")


def body(s):
    if s.startswith("+++"):
        end = s.find("\n+++", 3)
        if end >= 0:
            after = s[end + 4:]
            return after[1:] if after.startswith("\n") else after
    return s


def byte_spans(text):
    """Paragraph (line) spans in bytes of the UTF-8 body, with their text."""
    out = []
    for m in PARA.finditer(text):
        if not m.group(0).strip():
            continue
        s = len(text[: m.start()].encode("utf-8"))
        e = s + len(m.group(0).encode("utf-8"))
        out.append((s, e, m.group(0)))
    return out


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def main():
    d = sys.argv[1]
    files = sorted(f for f in os.listdir(d) if f.endswith(".md"))
    idx = {f: i for i, f in enumerate(files)}
    texts = []
    for f in files:
        with open(os.path.join(d, f), encoding="utf-8") as fh:
            texts.append(body(fh.read()))

    t0 = time.time()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    paras = []
    groups = set()
    for di, t in enumerate(texts):
        for s, e, p in byte_spans(t):
            words = [w.lower() for w in WORD.findall(p)]
            shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
            mh = MinHash(num_perm=128)
            mh.update_batch([x.encode("utf-8") for x in shingles])
            key = len(paras)
            paras.append((di, (s, e)))
            for other in lsh.query(mh):
                groups.add((other, key))
            lsh.insert(key, mh)
    secs = time.time() - t0

    members = defaultdict(list)
    pairs = []
    with open(os.path.join(d, "truth.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            v = json.loads(line)
            s = (idx[v["source"]], tuple(v["source_span"]))
            t = (idx[v["target"]], tuple(v["target_span"]))
            m = members[v["event"]]
            if s not in m:
                m.append(s)
            m.append(t)
            pairs.append((s, t, v["words"]))
    boiler = defaultdict(list)
    with open(os.path.join(d, "boilerplate.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                v = json.loads(line)
                boiler[idx[v["file"]]].append(tuple(v["span"]))

    by_doc = defaultdict(list)
    glist = sorted(groups)
    for gi, (a, b) in enumerate(glist):
        for pi, k in enumerate((a, b)):
            by_doc[paras[k][0]].append((gi, pi, paras[k][1]))

    def hits(m):
        ln = max(1, m[1][1] - m[1][0])
        return [(x[0], x[1]) for x in by_doc.get(m[0], []) if 2 * overlap(x[2], m[1]) >= ln]

    eligible = [p for p in pairs if p[2] >= 40]
    found = 0
    for s, t, _ in eligible:
        hs, ht = hits(s), hits(t)
        if any(a[0] == b[0] and a[1] != b[1] for a in hs for b in ht):
            found += 1

    member_index = defaultdict(list)
    for e, ms in members.items():
        for mi, m in enumerate(ms):
            member_index[m[0]].append((e, mi, m[1]))
    correct = 0
    for a, b in glist:
        ps = [paras[a], paras[b]]
        if all(any(overlap(sp, p[1]) > 0 for sp in boiler.get(p[0], [])) for p in ps):
            correct += 1
            continue
        touched = [
            {(m[0], m[1]) for m in member_index.get(p[0], []) if overlap(m[2], p[1]) > 0}
            for p in ps
        ]
        if any(x[0] == y[0] and x[1] != y[1] for x in touched[0] for y in touched[1]):
            correct += 1
    recall = found / max(1, len(eligible))
    precision = correct / max(1, len(glist))
    print(
        f"datasketch-peer docs={len(files)} paragraphs={len(paras)} time={secs:.2f}s "
        f"groups={len(glist)} planted>=40={len(eligible)} found={found} "
        f"recall={recall:.4f} precision={precision:.4f}"
    )


if __name__ == "__main__":
    main()
