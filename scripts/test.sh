#!/usr/bin/env bash
# `make test`: every test target and the doc tests, the Duckling pass rates, then one closing
# line with the totals ("tests: N passed, N failed"), so the end of the log says what ran.
set -uo pipefail
cd "$(dirname "$0")/.."
# See the Makefile: never reuse a cached (possibly failed) rustc probe.
export CARGO_CACHE_RUSTC_INFO=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --locked --all-targets 2>&1 | tee -a "$log" || status=1
cargo test --locked --doc 2>&1 | tee -a "$log" || status=1
echo "A 200 MB article through the whole pipeline (release build; tests/bad_input.rs):"
cargo test --locked --release --test bad_input huge_article_is_read_in_bounded_time 2>&1 | tee -a "$log" | tail -n 3 || status=1
echo "Examples in the shipped rules (factdiff rules test):"
cargo run --locked --quiet -- rules test --rules rules 2>&1 | tail -n 3 || status=1
echo "Duckling pass rates (tests/duckling.rs):"
cargo test --locked --quiet --test duckling duckling_pass_rates -- --nocapture 2>&1 | grep -E '^[A-Za-z]+: [0-9]+/[0-9]+' || status=1
passed=$(grep -oE 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s += $4} END {print s + 0}')
failed=$(grep -oE '; [0-9]+ failed' "$log" | awk '{s += $2} END {print s + 0}')
[ "$passed" -gt 0 ] || status=1
echo "tests: $passed passed, $failed failed"
exit $status
