#!/usr/bin/env bash
# Fuzz every target in fuzz/ for a bounded time: scripts/fuzz.sh [SECONDS_PER_TARGET] (default 60).
#
# Uses the stable toolchain with RUSTC_BOOTSTRAP=1 (cargo-fuzz passes nightly-only flags) and no
# sanitizer (`-s none`; factdiff's only unsafe code is one call to glibc's malloc_trim, so
# AddressSanitizer would add cost, not coverage), built optimised with debug assertions and
# overflow checks on (`-O -a`).
# A hang counts as a crash (-timeout). The seed corpus in fuzz/corpus/<target> is only read;
# new inputs go to fuzz/work-corpus/<target> (git-ignored), crashes to fuzz/artifacts/<target>.
# Prints the exec count of each target; exits 1 if any target crashed, hung or failed to build.
# FUZZ_TARGETS="a b" picks targets; CARGO_TARGET_DIR is respected.
set -euo pipefail

secs="${1:-60}"
case "$secs" in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS_PER_TARGET]" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/fuzz"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1
target_dir="${CARGO_TARGET_DIR:-$root/fuzz/target}"
flags=(-s none -O -a --target-dir "$target_dir")

targets="${FUZZ_TARGETS:-$(cargo fuzz list)}"
cargo fuzz build "${flags[@]}"

status=0
summary=()
for t in $targets; do
  mkdir -p "work-corpus/$t" "artifacts/$t"
  log="$(mktemp)"
  echo "fuzz: $t for ${secs}s" >&2
  set +e
  cargo fuzz run "${flags[@]}" "$t" "work-corpus/$t" "corpus/$t" -- \
    -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
  if [ -z "$execs" ]; then
    # Killed before the final stats (crash): the last status line has the count.
    execs="$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')"
  fi
  if [ "$rc" -eq 0 ]; then
    summary+=("$t: ok, ${execs:-?} execs in ${secs}s")
  else
    status=1
    summary+=("$t: FAILED (exit $rc) after ${execs:-?} execs; see fuzz/artifacts/$t")
    tail -n 40 "$log" >&2
  fi
  rm -f "$log"
done

echo "fuzz summary (${secs}s per target):"
printf '  %s\n' "${summary[@]}"
exit "$status"
