#!/usr/bin/env bash
# Köprü benchmark: release WASM size (raw and brotli) and the home page under
# wrk on loopback. Prints figures; run by `make bench` after a release build.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BENCH_PORT:-3200}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"

# Asset names carry a content hash (cargo-leptos hash-files): the newest of each kind.
asset() { ls -t target/site/pkg/kopru*."$1" | head -n 1; }
wasm=$(asset wasm)
js=$(asset js)
css=$(asset css)
size() { stat -c %s "$1"; }
br() { brotli -c -q 11 "$1" | wc -c; }

echo "== first-load assets (release) =="
printf '%-28s %10s %12s\n' file raw brotli
for f in "$wasm" "$js" "$css"; do
  printf '%-28s %10d %12d\n' "$(basename "$f")" "$(size "$f")" "$(br "$f")"
done
echo "wasm+js brotli total: $(( $(br "$wasm") + $(br "$js") )) bytes (budget 256000)"

dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$dir"' EXIT
echo "== seeding the demo world with 10,000 published vacancies (SQLite) =="
seed_start=$(date +%s.%N)
DATABASE_URL="sqlite://$dir/bench.db?mode=rwc" RUST_LOG=error KOPRU_LOG_FORMAT=pretty \
  ./target/release/kopru seed-demo --vacancies 10000 | sed -n 1p
echo "seeded in $(awk -v s="$seed_start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s"
LEPTOS_SITE_ADDR="127.0.0.1:$PORT" DATABASE_URL="sqlite://$dir/bench.db?mode=rwc" RUST_LOG=error \
  ./target/release/kopru serve >"$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

html=$(curl -fsS -H 'Accept-Encoding: br' --compressed "http://127.0.0.1:$PORT/" | wc -c)
html_br=$(curl -fsS -H 'Accept-Encoding: br' "http://127.0.0.1:$PORT/" | wc -c)
echo "home page HTML: $html bytes raw, $html_br bytes brotli (+ css brotli $(br "$css"); budget 61440)"

echo "== home page, wrk -t2 -c$CONNECTIONS -d$DURATION on loopback =="
out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept-Encoding: br' "http://127.0.0.1:$PORT/")
echo "$out"
rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
p50=$(awk '$1=="50%" {print $2}' <<<"$out")
p99=$(awk '$1=="99%" {print $2}' <<<"$out")
echo "SUMMARY home: ${rps} requests/s, p50 ${p50}, p99 ${p99}"

bench_page() {
  local name=$1 path=$2
  curl -fsS "http://127.0.0.1:$PORT$path" | grep -o 'href="/vacancies/[0-9]*"' | sort -u | wc -l | xargs echo "  $name: vacancies on the first page:"
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept-Encoding: br' "http://127.0.0.1:$PORT$path")
  echo "$out" | sed -n '/Latency Distribution/,/Requests\/sec/p'
  echo "SUMMARY $name: $(awk '/Requests\/sec/ {print $2}' <<<"$out") requests/s, p50 $(awk '$1=="50%" {print $2}' <<<"$out"), p99 $(awk '$1=="99%" {print $2}' <<<"$out")"
}
echo "== search page over 10,000 vacancies =="
bench_page "search-filter" "/vacancies?sector=1&province=34&housing=1"
bench_page "search-text" "/vacancies?q=kaynakci"
bench_page "search-text-uz" "/vacancies?q=g%CA%BBisht"

# Lighthouse 12, mobile defaults (simulated slow 4G, 4x CPU), Debian's Chromium.
echo "== Lighthouse (mobile) =="
first=$(curl -fsS "http://127.0.0.1:$PORT/vacancies" | grep -o 'href="/vacancies/[0-9]*"' | head -n 1 | sed 's/href="//; s/"//')
for path in / /vacancies "$first"; do
  CHROME_PATH=/usr/bin/chromium lighthouse "http://127.0.0.1:$PORT$path" --quiet --output=json \
    --output-path="$dir/lh.json" --only-categories=performance,accessibility --chrome-flags="--headless \
    --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync" >/dev/null 2>&1 || { echo "SUMMARY lighthouse $path: failed"; continue; }
  python3 - "$dir/lh.json" "$path" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c, a = d["categories"], d["audits"]
print(f"SUMMARY lighthouse {sys.argv[2]}: performance {round(c['performance']['score'] * 100)}, "
      f"accessibility {round(c['accessibility']['score'] * 100)}, "
      f"FCP {a['first-contentful-paint']['displayValue']}, LCP {a['largest-contentful-paint']['displayValue']}, "
      f"{int(a['total-byte-weight']['numericValue'])} bytes")
PY
done

