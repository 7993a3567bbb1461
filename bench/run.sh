#!/usr/bin/env bash
# `make bench`: factdiff's near-verbatim engine against datasketch's MinHashLSH on the same
# generated corpus, in one run, and the quantity scanner against a plain regex scan.
# Prints one table; all figures come from this run on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${BENCH_ARTICLES:-10000}"
dir="bench/out/corpus-$n"
py="bench/.venv/bin/python"
generator=$(sed -n 's/^const GENERATOR: u32 = \([0-9]*\);/\1/p' examples/gen_corpus.rs)
if [ "$(cat "$dir/.generator" 2>/dev/null)" != "$generator" ]; then
  rm -rf "$dir"
  cargo run --release --locked --quiet --example gen_corpus -- "$n" 42 "$dir"
fi
ours=$(cargo run --release --locked --quiet --example bench_dupes -- "$dir" | tail -n 1)
peer=$("$py" bench/datasketch_peer.py "$dir" | tail -n 1)
"$py" - "$n" "$ours" "$peer" <<'PY'
import sys
def parse(line):
    out = {}
    for tok in line.split():
        if "=" in tok:
            k, v = tok.split("=", 1)
            out[k] = v.rstrip("sMB")
    return out
n, ours, peer = sys.argv[1], parse(sys.argv[2]), parse(sys.argv[3])
print(f"near-verbatim on {n} generated articles ({ours.get('size', '?')} MB), planted passages of 40+ words")
print(f"{'':26}{'time (s)':>10}{'recall':>10}{'precision':>11}")
for name, r in (("factdiff dupes", ours), ("datasketch MinHashLSH", peer)):
    print(f"{name:26}{float(r['time']):>10.2f}{float(r['recall']):>10.4f}{float(r['precision']):>11.4f}")
print(f"speed: factdiff is {float(peer['time']) / max(float(ours['time']), 1e-9):.1f}x faster than datasketch in this run")
PY
echo
echo "quantity scan on generated news prose (the peer is a plain digit regex over the same text)"
cargo run --release --locked --quiet --example bench_scan
