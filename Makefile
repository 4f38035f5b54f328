# Köprü — the two commands of the README:
#   make run    sets up what is missing, builds the release site and serves it on http://127.0.0.1:3000
#   make test   sets up what is missing and runs every test (Rust on SQLite and PostgreSQL, Playwright)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

TOOLS ?= $(HOME)/.local/kopru-tools
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
CARGO_LEPTOS_VERSION := 0.3.10
BINARYEN_VERSION := 132
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test setup setup-test build test-rust test-pg test-e2e bench clean-pg

run: setup build
	./target/release/kopru serve

build: setup
	cargo leptos build --release

## Tools for building the site: the wasm target, cargo-leptos, wasm-bindgen at
## the Cargo.lock version, wasm-opt from npm's binaryen (never Debian's 108).
setup:
	@rustup target list --installed | grep -q '^wasm32-unknown-unknown$$' || rustup target add wasm32-unknown-unknown
	@cargo leptos --version 2>/dev/null | grep -q '$(CARGO_LEPTOS_VERSION)' \
	  || cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked
	@wasm-bindgen --version 2>/dev/null | grep -q ' $(WASM_BINDGEN_VERSION)$$' \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force
	@[ -x $(TOOLS)/node_modules/.bin/wasm-opt ] && wasm-opt --version | grep -q 'version $(BINARYEN_VERSION)' \
	  || (mkdir -p $(TOOLS) && cd $(TOOLS) && ([ -f package.json ] || echo '{"private":true}' > package.json) \
	      && npm install --no-audit --no-fund binaryen@$(BINARYEN_VERSION))

## Also what the tests need: Chromium, wrk and brotli from Debian, Playwright from npm.
setup-test: setup
	@command -v chromium >/dev/null && command -v wrk >/dev/null && command -v brotli >/dev/null \
	  || (apt-get update && apt-get install -y chromium wrk brotli)
	@cd end2end && ([ -d node_modules/@playwright/test ] && [ -d node_modules/@axe-core/playwright ] || npm ci --no-audit --no-fund)

test: setup-test test-rust test-pg test-e2e

test-rust:
	@echo "== Rust unit and HTTP tests (database: SQLite) =="
	cargo test -p app -p server -p migration

test-pg:
	@if timeout 2 bash -c '</dev/tcp/127.0.0.1/5432' 2>/dev/null; then \
	  echo "== database tests again on PostgreSQL ($(PG_URL)) =="; \
	  $(MAKE) --no-print-directory clean-pg; \
	  TEST_DATABASE_URL=$(PG_URL) cargo test -p server -p migration --tests; \
	  $(MAKE) --no-print-directory clean-pg; \
	else echo "== PostgreSQL not reachable on 127.0.0.1:5432: skipped =="; fi

clean-pg:
	@for db in $$(psql "$(PG_URL)" -Atc "select datname from pg_database where datname like 'kopru_t_%'" 2>/dev/null); do \
	  psql "$(PG_URL)" -qc "drop database if exists \"$$db\"" >/dev/null; done

test-e2e: build
	@echo "== Playwright in Chromium against the release build =="
	cd end2end && npx playwright test

## WASM size and home-page throughput (release build, loopback).
bench: setup-test build
	bash bench/run.sh
