#!/usr/bin/env bash
# `make bench`: `factdiff check` on generated corpora of 25k, 50k and 100k articles — wall
# time, MB/s, peak RSS, cold cache; warm cache with nothing changed (the stored result is
# reused), with every file touched (content unchanged: per-article results and the near-verbatim
# memo are reused, everything else recomputed), after changing one article (every key computed
# again, as on a fresh CI checkout) and after changing it again (only its key computed) — with
# two peers measured in the same run: reading the corpus with `cat` (the I/O floor; the ratio
# column is factdiff's cold time over it) and datasketch's MinHashLSH on the smallest corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${BENCH_SIZES:-25000 50000 100000}"
cargo build --release --locked --quiet --examples
cargo build --release --locked --quiet
bin=target/release/factdiff
generator=$(sed -n 's/^const GENERATOR: u32 = \([0-9]*\);/\1/p' examples/gen_corpus.rs)
measure() { # prints "seconds maxrss_kb"
  /usr/bin/time -f "%e %M" "$@" > /dev/null 2> /tmp/factdiff-bench-time || true
  tail -n 1 /tmp/factdiff-bench-time
}
printf '%-8s %6s %9s %7s %9s %9s %9s %9s %7s %10s %9s %9s\n' articles MB "cold (s)" "MB/s" "RSS (MB)" "warm (s)" "touched" "1 changed" "again" "RSS touch" "cat (s)" "cold/cat"
for n in $sizes; do
  dir="bench/out/corpus-$n"
  # A folder an older generator wrote (no fact sentences, say) is written anew.
  if [ "$(cat "$dir/.generator" 2>/dev/null)" != "$generator" ]; then
    rm -rf "$dir"
    target/release/examples/gen_corpus "$n" 42 "$dir" 2>/dev/null
  fi
  # Files modified less than two seconds before a run never have its result stored for reuse.
  sleep 2
  mb=$(du -sm "$dir" | cut -f1)
  cache="bench/out/cache-$n.db"
  rm -f "$cache"
  read -r catt _ < <(measure bash -c "find '$dir' -name '*.md' -print0 | xargs -0 cat")
  read -r cold rss < <(measure "$bin" check "$dir" --rules rules --cache "$cache" --format json -o /dev/null)
  read -r warm _ < <(measure "$bin" check "$dir" --rules rules --cache "$cache" --format json -o /dev/null)
  find "$dir" -name '*.md' -exec touch {} +
  read -r touched rss_warm < <(measure "$bin" check "$dir" --rules rules --cache "$cache" --format json -o /dev/null)
  for one in "$dir"/*.md; do break; done
  cp "$one" "/tmp/factdiff-bench-one.md"
  # "1 changed" follows the run with every file touched, as a CI job on a fresh checkout
  # follows the cached run before it: no file's signature is the one its key was stored under,
  # so every key is computed again. "again" changes the same article once more, the run of an
  # editor's next save, where only that file's key is computed.
  printf '\nA sentence added for the benchmark.\n' >> "$one"
  read -r changed _ < <(measure "$bin" check "$dir" --rules rules --cache "$cache" --format json -o /dev/null)
  printf '\nAnother sentence added for the benchmark.\n' >> "$one"
  read -r again _ < <(measure "$bin" check "$dir" --rules rules --cache "$cache" --format json -o /dev/null)
  cp "/tmp/factdiff-bench-one.md" "$one"
  awk -v n="$n" -v mb="$mb" -v cold="$cold" -v rss="$rss" -v warm="$warm" -v touched="$touched" -v changed="$changed" -v again="$again" -v rssw="$rss_warm" -v catt="$catt" \
    'BEGIN { printf "%-8s %6s %9s %7.1f %9.0f %9s %9s %9s %7s %10.0f %9s %9.1f\n", n, mb, cold, mb / cold, rss / 1024, warm, touched, changed, again, rssw / 1024, catt, cold / (catt > 0 ? catt : 0.01) }'
done
first=$(echo "$sizes" | awk '{print $1}')
if [ -x bench/.venv/bin/python ]; then
  echo
  echo "near-verbatim alone vs datasketch MinHashLSH on the $first-article corpus:"
  cargo run --release --locked --quiet --example bench_dupes -- "bench/out/corpus-$first" | tail -n 1
  bench/.venv/bin/python bench/datasketch_peer.py "bench/out/corpus-$first" | tail -n 1
fi
