# Köprü — the two commands of the README:
#   make run    sets up what is missing, builds the release site and serves it on http://127.0.0.1:3000
#   make test   sets up what is missing, checks formatting and clippy, runs every test (Rust on SQLite and
#               PostgreSQL, Playwright); KOPRU_REQUIRE_PG=1 makes an unreachable PostgreSQL an error
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

TOOLS ?= $(HOME)/.local/kopru-tools
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
CARGO_LEPTOS_VERSION := 0.3.10
BINARYEN_VERSION := 132
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test setup setup-test setup-bench build lint test-rust test-pg test-e2e bench clean-pg

run: setup build
	KOPRU_ENV=development ./target/release/kopru serve

## The browser build names source files without this machine's directories (panic messages keep
## `leptos-0.8.23/src/…`): 1.7 KB less WASM (brotli) here. Of several remappings the last that matches wins.
CARGO_REGISTRY := $(or $(CARGO_HOME),$(HOME)/.cargo)/registry/src/
## (Not the checkout's own directory: flags that differ per clone would rebuild every dependency.)
WASM_REMAP := $(foreach d,$(CARGO_REGISTRY) $(wildcard $(CARGO_REGISTRY)*/),--remap-path-prefix=$(d)=)

build: setup
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS='$(WASM_REMAP)' cargo leptos build --release --split
	@# The assets compressed once, at build time (brotli 11, gzip 9), next to the originals: the
	@# server sends them as they are and never compresses a static file per request.
	@for f in $$(find target/site/pkg -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \)); do \
	  [ "$$f.br" -nt "$$f" ] || brotli -q 11 -f -k "$$f"; [ "$$f.gz" -nt "$$f" ] || gzip -9 -f -k "$$f"; done

## Tools for building the site: the wasm target, cargo-leptos, wasm-bindgen at
## the Cargo.lock version, wasm-opt from npm's binaryen (never Debian's 108).
setup:
	@rustup target list --installed | grep -q '^wasm32-unknown-unknown$$' || rustup target add wasm32-unknown-unknown
	@cargo leptos --version 2>/dev/null | grep -q '$(CARGO_LEPTOS_VERSION)' \
	  || cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked
	@wasm-bindgen --version 2>/dev/null | grep -q ' $(WASM_BINDGEN_VERSION)$$' \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force
	@command -v brotli >/dev/null || (apt-get update && apt-get install -y brotli)
	@[ -x $(TOOLS)/node_modules/.bin/wasm-opt ] && wasm-opt --version | grep -q 'version $(BINARYEN_VERSION)' \
	  || (mkdir -p $(TOOLS) && cd $(TOOLS) && ([ -f package.json ] || echo '{"private":true}' > package.json) \
	      && npm install --no-audit --no-fund binaryen@$(BINARYEN_VERSION))

## Also what the tests need: Chromium, wrk and brotli from Debian, Playwright from npm.
setup-test: setup
	@command -v chromium >/dev/null && command -v wrk >/dev/null && command -v brotli >/dev/null \
	  || (apt-get update && apt-get install -y chromium wrk brotli)
	@cd end2end && ([ -d node_modules/@playwright/test ] && [ -d node_modules/@axe-core/playwright ] || npm ci --no-audit --no-fund)

test: setup-test lint test-rust test-pg test-e2e

## Formatting (rustfmt.toml) and clippy with warnings denied, on the server build and on the browser
## build. The browser build gets `--cfg erase_components` as cargo-leptos gives it
## (`always-erase-components`; .cargo/config.toml has no wasm32 rustflags), so clippy checks the code
## that ships, with the very RUSTFLAGS of cargo-leptos' wasm build.
lint:
	@echo "== rustfmt and clippy =="
	cargo fmt --all --check
	cargo clippy -p app --features ssr -p server -p migration --all-targets -- -D warnings
	RUSTFLAGS='--cfg erase_components' cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

## `--features ssr` for app's own ssr-only unit tests (sessions, passwords, crypto); TEST_DATABASE_URL
## unset so that an exported one cannot turn this pass into a PostgreSQL one.
test-rust:
	@echo "== Rust unit and HTTP tests (database: SQLite) =="
	env -u TEST_DATABASE_URL cargo test -p app --features ssr -p server -p migration

## Skipped when nothing answers on 127.0.0.1:5432, unless KOPRU_REQUIRE_PG=1 (CI), which fails then.
test-pg:
	@if timeout 2 bash -c '</dev/tcp/127.0.0.1/5432' 2>/dev/null; then \
	  echo "== database tests again on PostgreSQL ($(PG_URL)) =="; \
	  $(CLEAN_PG); \
	  TEST_DATABASE_URL=$(PG_URL) cargo test -p server -p migration --tests; \
	  $(CLEAN_PG); \
	elif [ "$${KOPRU_REQUIRE_PG:-}" = 1 ]; then \
	  echo "== PostgreSQL not reachable on 127.0.0.1:5432, and KOPRU_REQUIRE_PG=1 requires it: FAILED ==" >&2; \
	  exit 1; \
	else echo "== PostgreSQL not reachable on 127.0.0.1:5432: skipped (KOPRU_REQUIRE_PG=1 makes this an error) =="; fi

## Drops the per-test databases (kopru_t_*) that the PostgreSQL tests leave. Used inline, not as
## `$(MAKE) clean-pg`: a recipe line naming $(MAKE) runs even under `make -n`.
CLEAN_PG = for db in $$(psql "$(PG_URL)" -Atc "select datname from pg_database where datname like 'kopru_t_%'" 2>/dev/null); do \
	  psql "$(PG_URL)" -qc "drop database if exists \"$$db\"" >/dev/null; done

clean-pg:
	@$(CLEAN_PG)

test-e2e: build
	@echo "== Playwright in Chromium against the release build =="
	cd end2end && npx playwright test

## WASM size and home-page throughput (release build, loopback).
## Lighthouse 12 from npm (under $(TOOLS)), driven against Debian's Chromium.
LIGHTHOUSE_VERSION := 12.2.3
setup-bench: setup-test
	@[ -x $(TOOLS)/node_modules/.bin/lighthouse ] && lighthouse --version 2>/dev/null | grep -q '^$(LIGHTHOUSE_VERSION)$$' \
	  || (cd $(TOOLS) && npm install --no-audit --no-fund lighthouse@$(LIGHTHOUSE_VERSION))

bench: setup-bench build
	bash bench/run.sh
