#!/usr/bin/env bash
# Köprü benchmark, run by `make bench` after a release build. Prints figures, asserts nothing:
#  1. pages under load over 10,000 published vacancies (wrk -t2 -c16, Accept-Encoding: br, loopback),
#     each beside the rate at which the same server serves that page's bytes as a static file
#     (written to /pkg with its build-time .br and .gz, as every static asset is served), on SQLite
#     and, when it answers on 127.0.0.1:5432, on PostgreSQL;
#  2. what a first visit downloads (JS + WASM as served with Accept-Encoding: br);
#  3. Lighthouse 12, mobile defaults (simulated slow 4G, 4x CPU), in Debian's Chromium;
#  4. writes at once: sign-ups (each an argon2id hash and a transaction with the code and its
#     message), 8 and 64 at a time, on SQLite and PostgreSQL: answers by status class, p99.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BENCH_PORT:-3200}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
PG_BASE="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BASE="http://127.0.0.1:$PORT"
STATIC_DIR=target/site/pkg/bench-static

dir=$(mktemp -d)
pid=
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi; }
trap 'stop; rm -rf "$dir" "$STATIC_DIR"' EXIT

serve() { # database URL
  stop
  KOPRU_TRUST_PROXY=1 KOPRU_ENV=development LEPTOS_SITE_ADDR="127.0.0.1:$PORT" DATABASE_URL="$1" RUST_LOG=error ./target/release/kopru serve >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do curl -fsS "$BASE/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "the server did not start:" >&2; cat "$dir/server.log" >&2; exit 1
}

seed() { # database URL
  local start; start=$(date +%s.%N)
  KOPRU_ENV=development DATABASE_URL="$1" RUST_LOG=error KOPRU_LOG_FORMAT=pretty ./target/release/kopru seed-demo --vacancies 10000 | sed -n 1p
  echo "seeded in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s"
}

# wrk's requests/s and p99 for a URL, as "rps p99".
load() {
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept-Encoding: br' "$1")
  if grep -q 'Non-2xx' <<<"$out"; then echo "non-2xx answers from $1" >&2; echo "$out" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out") $(awk '$1=="99%" {print $2}' <<<"$out")"
}

# The pages: name and path (the vacancy is the first result of the search page).
pages() {
  local first
  first=$(curl -fsS "$BASE/vacancies" | { grep -o 'href="/vacancies/[0-9]*"' || true; } | sed -n '1{s/href="//; s/"//; p}')
  printf '%s %s\n' home / search-filter '/vacancies?sector=1&province=34&housing=1' \
    search-text-tr '/vacancies?q=kaynakci' search-text-uz '/vacancies?q=g%CA%BBisht' vacancy "$first"
}

table() { # database label
  local db=$1 name path found rps p99 srps sp99
  printf '%-10s %-15s %6s %12s %9s %14s %11s %8s\n' database page results requests/s p99 static-req/s static-p99 ratio
  mkdir -p "$STATIC_DIR"
  while read -r name path; do
    found=$(curl -fsS "$BASE$path" | { grep -o 'href="/vacancies/[0-9]*"' || true; } | sort -u | wc -l)
    # The page's bytes as a static file, compressed at build time like every asset.
    curl -fsS "$BASE$path" >"$STATIC_DIR/$name.html"
    brotli -q 11 -f -k "$STATIC_DIR/$name.html"; gzip -9 -f -k "$STATIC_DIR/$name.html"
    read -r rps p99 < <(load "$BASE$path")
    read -r srps sp99 < <(load "$BASE/pkg/bench-static/$name.html")
    printf '%-10s %-15s %6d %12d %9s %14d %11s %7.0f%%\n' "$db" "$name" "$found" "$rps" "$p99" "$srps" "$sp99" \
      "$(awk -v a="$rps" -v b="$srps" 'BEGIN{print 100*a/b}')"
  done < <(pages)
}

echo "== pages under load: wrk -t2 -c$CONNECTIONS -d$DURATION, Accept-Encoding: br, 10,000 published vacancies =="
echo "== $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo) =="
sqlite_url="sqlite://$dir/bench.db?mode=rwc"
seed "$sqlite_url" >"$dir/seed.txt"
serve "$sqlite_url"
table sqlite | tee "$dir/table.txt"
if timeout 2 bash -c '</dev/tcp/127.0.0.1/5432' 2>/dev/null; then
  psql "$PG_BASE/postgres" -qc 'DROP DATABASE IF EXISTS kopru_bench' >/dev/null
  psql "$PG_BASE/postgres" -qc 'CREATE DATABASE kopru_bench' >/dev/null
  seed "$PG_BASE/kopru_bench" >>"$dir/seed.txt"
  serve "$PG_BASE/kopru_bench"
  table postgres | tail -n +2
  stop
  psql "$PG_BASE/postgres" -qc 'DROP DATABASE IF EXISTS kopru_bench' >/dev/null
else
  echo "postgres   (not reachable on 127.0.0.1:5432: skipped)"
fi
sed 's/^/  /' "$dir/seed.txt"

serve "$sqlite_url"
echo "== first load: what a visitor's browser downloads, as served with Accept-Encoding: br (budget 256000) =="
printf '%-17s %10s %10s %10s %12s\n' page html css js+wasm 'js+wasm raw'
while read -r name path; do
  [ "$name" = search-text-tr ] || [ "$name" = search-text-uz ] && continue
  page=$(curl -fsS "$BASE$path")
  html=$(curl -fsS -H 'Accept-Encoding: br' "$BASE$path" | wc -c)
  css=0; code=0; raw=0
  urls=$(grep -o "/pkg/[A-Za-z0-9._-]*\.\(css\|js\|wasm\)" <<<"$page" | sort -u)
  # The modules the page's JS imports (the lazy-chunk loader of --split) come on the first visit too.
  for js in $(grep '\.js$' <<<"$urls"); do
    urls+=$'\n'$(curl -fsS "$BASE$js" | { grep -o '__wasm_split[A-Za-z0-9._-]*\.js' || true; } | sort -u | sed 's|^|/pkg/|')
  done
  for url in $(sort -u <<<"$urls"); do
    n=$(curl -fsS -H 'Accept-Encoding: br' "$BASE$url" | wc -c)
    case "$url" in
      *.css) css=$((css + n)) ;;
      *) code=$((code + n)); raw=$((raw + $(curl -fsS "$BASE$url" | wc -c))) ;;
    esac
  done
  printf '%-17s %10d %10d %10d %12d\n' "$name" "$html" "$css" "$code" "$raw"
done < <(pages)

echo "== Lighthouse 12 (mobile defaults), Debian Chromium =="
printf '%-17s %11s %13s %6s %6s %6s\n' page performance accessibility FCP LCP TBT
first=$(pages | awk '$1=="vacancy" {print $2}')
for p in / /vacancies "$first"; do
    CHROME_PATH=/usr/bin/chromium lighthouse "$BASE$p" --quiet --output=json \
      --output-path="$dir/lh.json" --only-categories=performance,accessibility --chrome-flags="--headless \
      --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
      --disable-component-update --disable-sync" >/dev/null 2>&1 || { echo "$p: lighthouse failed"; continue; }
    python3 - "$dir/lh.json" "$p" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c, a = d["categories"], d["audits"]
print(f"{sys.argv[2][:17]:<17} {round(c['performance']['score'] * 100):>11} {round(c['accessibility']['score'] * 100):>13} "
      f"{a['first-contentful-paint']['displayValue']:>6} {a['largest-contentful-paint']['displayValue']:>6} "
      f"{a['total-blocking-time']['displayValue']:>6}")
PY
done

echo "== writes at once: sign-ups (wrk -t2, $DURATION; each a hash, a code and its message in one transaction) =="
printf '%-10s %12s %10s %6s %6s %6s %9s
' database connections sign-ups 2xx 4xx 5xx p99-ms
burst() { # database URL, label
  local c out
  for c in 8 64; do
    serve "$1"
    out=$(wrk -t2 -c"$c" -d"$DURATION" -s bench/signup.lua "$BASE" | tail -n 1)
    read -r a b e p99 <<<"$out"
    printf '%-10s %12d %10d %6d %6d %6d %9d\n' "$2" "$c" "$((a + b + e))" "$a" "$b" "$e" "$p99"
  done
}
burst "sqlite://$dir/burst.db?mode=rwc" sqlite
if timeout 2 bash -c '</dev/tcp/127.0.0.1/5432' 2>/dev/null; then
  psql "$PG_BASE/postgres" -qc 'DROP DATABASE IF EXISTS kopru_burst' >/dev/null
  psql "$PG_BASE/postgres" -qc 'CREATE DATABASE kopru_burst' >/dev/null
  burst "$PG_BASE/kopru_burst" postgres
  stop
  psql "$PG_BASE/postgres" -qc 'DROP DATABASE IF EXISTS kopru_burst' >/dev/null
fi
