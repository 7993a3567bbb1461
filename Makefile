# factdiff — developer entry points. `make run` checks the bundled corpus; `make test` runs the tests.
CARGO ?= cargo
.PHONY: devnull build run test lint fmt clean bench bench-corpus bench-dupes readme fuzz

build:
	$(CARGO) build --release --locked

# cargo's rustc probe reads its source from /dev/null; where /dev/null is a regular file (seen on
# some CI machines) it reads whatever other programs wrote there and fails in confusing ways.
devnull:
	@[ -c /dev/null ] || { echo "error: /dev/null is a regular file on this machine, so cargo's rustc probe reads garbage; as root: rm /dev/null && mknod -m 666 /dev/null c 1 3 (.ci/run does this)" >&2; exit 2; }

# Findings (exit status 1) are the point of the run, not a failure of make; errors (2) still fail.
run:
	$(CARGO) run --release --locked --quiet -- check corpus --rules rules || [ $$? -eq 1 ]

# The examples of the shipped rules and the Duckling pass rates first, the cargo test runs last
# (their "test result" lines close the log); the last one is a 200 MB article through the
# release build (tests/bad_input.rs).
test: devnull
	$(CARGO) build --locked
	./target/debug/factdiff rules test --rules rules
	$(CARGO) test --locked --all-targets
	@echo "Duckling pass rates (tests/duckling.rs):"
	@cat target/tmp/duckling-rates.txt
	$(CARGO) test --locked --doc
	$(CARGO) test --locked --release --test bad_input huge_article_is_read_in_bounded_time

lint: devnull
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

# Fuzz each target for FUZZ_SECONDS (default 60); installs cargo-fuzz when missing.
FUZZ_SECONDS ?= 60
fuzz:
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

# Paste the real output of `make run` into README.md (tests/docs.rs checks it).
readme:
	python3 scripts/readme-output.py

fmt:
	$(CARGO) fmt --all

clean:
	$(CARGO) clean

# Benchmarks: never timed tests. BENCH_ARTICLES sets the size of the generated corpus.
BENCH_ARTICLES ?= 10000

bench/.venv/bin/python:
	python3 -m venv bench/.venv
	bench/.venv/bin/pip install --quiet datasketch==2.0.0

bench-corpus:
	$(CARGO) run --release --locked --quiet --example gen_corpus -- $(BENCH_ARTICLES) 42 bench/out/corpus-$(BENCH_ARTICLES)

# One table for generated corpora of 25k, 50k and 100k articles (BENCH_SIZES), with `cat` and
# datasketch as peers in the same run, then the quantity scanner against a plain regex scan.
# Takes about ten minutes; FACTDIFF_TIMINGS=1 on a `check` breaks a run down by stage.
bench: bench/.venv/bin/python
	bash bench/scale.sh
	@echo
	@echo "quantity scan on generated news prose (the peer is a plain digit regex over the same text)"
	$(CARGO) run --release --locked --quiet --example bench_scan

# Near-verbatim alone against datasketch on one corpus of BENCH_ARTICLES, with recall/precision.
bench-dupes: bench/.venv/bin/python
	BENCH_ARTICLES=$(BENCH_ARTICLES) bash bench/run.sh
