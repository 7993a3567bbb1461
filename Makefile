# factdiff — developer entry points. `make run` checks the bundled corpus; `make test` runs the tests.
CARGO ?= cargo

.PHONY: build run test lint fmt clean

build:
	$(CARGO) build --release --locked

# Findings (exit status 1) are the point of the run, not a failure of make; errors (2) still fail.
run:
	$(CARGO) run --release --locked --quiet -- check corpus --rules rules || [ $$? -eq 1 ]

test:
	$(CARGO) test --locked --all-targets
	$(CARGO) test --locked --doc

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all

clean:
	$(CARGO) clean
