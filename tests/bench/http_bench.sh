#!/usr/bin/env bash
# HTTP benchmark of portal-server against nginx, with wrk, on 127.0.0.1 only (about 2 minutes).
#   tests/bench/http_bench.sh [PORTAL_SERVER_BINARY]
# 1. starts portal-server (--port 0, temp data dir, PORTAL_FAST_HASH=1, --quiet), registers one
#    customer and creates 1,000 requests for it (curl, keep-alive, 8 in parallel); saves the
#    GET /api/v1/plans JSON to a temp web root;
# 2. starts Debian's nginx (non-daemon child, own config from http/nginx.conf.in) serving that
#    file statically with the same Content-Type — the reference;
# 3. wrk -d5s --latency at 1 (-t1 -c1), 16 (-t2 -c16) and 64 (-t2 -c64) connections:
#    GET /api/v1/plans, GET of the static file on nginx, GET /api/v1/requests?limit=50 (bearer,
#    1,000 stored) and POST /api/v1/requests (http/post_request.lua; durable writes). Every GET
#    case runs before the first POST case, so the list always reads exactly 1,000 stored requests;
# 4. prints requests/s, p50, p99, non-2xx responses and socket errors of every case, the ratio
#    GET /plans ÷ nginx, and the issue's goals as figures (information, never a failure);
# 5. stops both servers with SIGTERM and removes the temp dirs, also on Ctrl-C;
# 6. runs flood_bench.mjs: read latency p50/p95 idle vs during a registration flood (real cost).
# The seeding needs more new requests than the catalog's hourly quota: the server runs on a copy
# of the catalog with that quota raised.
# Exit status: 0 when everything started and ran (whatever the figures, errors included: they are
# printed), 1 when something failed to start (binary, nginx, wrk, registration, seeding).
# Environment: HTTP_BENCH_DURATION (default 5s), HTTP_BENCH_RAW=1 also prints wrk's raw output.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
server=${1:-${PORTAL_SERVER:-$root/build/native/src/server/portal-server}}
duration=${HTTP_BENCH_DURATION:-5s}
seed_count=1000
conns=(1 16 64)
threads_for() { if [ "$1" -le 1 ]; then echo 1; else echo 2; fi; }

die() { echo "http_bench: $*" >&2; exit 1; }

# ---------- prerequisites ----------
[ -x "$server" ] || die "no server binary at $server (build it: cmake -S . -B build/native -G Ninja && cmake --build build/native --target portal-server)"
command -v wrk >/dev/null || die "wrk not found (scripts/setup installs it)"
command -v curl >/dev/null || die "curl not found"
nginx_bin=$(command -v nginx || true)
[ -n "$nginx_bin" ] || { [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx; }
[ -n "$nginx_bin" ] || die "nginx not found (scripts/setup installs nginx-light)"

# ---------- temp dirs, children, cleanup ----------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/http_bench.XXXXXX") || die "mktemp failed"
chmod 755 "$tmp"   # nginx workers may run as another user (nobody) when started by root
server_pid="" nginx_pid="" wrk_pid="" seed_pid=""

stop_child() {   # stop_child PID NAME: SIGTERM, wait up to 10 s, then SIGKILL
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "http_bench: $2 (pid $pid) ignored SIGTERM for 10 s, killing it" >&2
    kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
}
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  trap - EXIT INT TERM
  stop_child "$wrk_pid" wrk
  stop_child "$seed_pid" curl
  stop_child "$nginx_pid" nginx
  stop_child "$server_pid" portal-server
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo "http_bench: interrupted" >&2; exit 130' INT
trap 'echo "http_bench: terminated" >&2; exit 143' TERM

# A free TCP port on 127.0.0.1 (for nginx; portal-server picks its own with --port 0).
free_port() {
  local p i
  if command -v python3 >/dev/null 2>&1 &&
     p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null) &&
     [ -n "$p" ]; then
    echo "$p"; return 0
  fi
  for ((i = 0; i < 50; i++)); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

# ---------- 1. portal-server, one customer, 1,000 requests, the /plans JSON ----------
mkdir -p "$tmp/data" "$tmp/www" "$tmp/nginx"
chmod 755 "$tmp/www" "$tmp/nginx"
node -e 'const fs = require("fs"); const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  c.quotas = { ...c.quotas, new_requests_per_company_per_hour: 1000000 }; fs.writeFileSync(process.argv[2], JSON.stringify(c));' \
  "$root/assets/catalog.json" "$tmp/catalog.json" || die "cannot write the bench catalog"
PORTAL_FAST_HASH=1 "$server" --host 127.0.0.1 --port 0 --data "$tmp/data" --catalog "$tmp/catalog.json" --quiet \
  >"$tmp/server.log" 2>&1 </dev/null &
server_pid=$!
port=""
for ((i = 0; i < 300; i++)); do   # up to 30 s (a loaded machine)
  port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$tmp/server.log" | head -n1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  cat "$tmp/server.log" >&2
  die "portal-server did not start"
fi
api="http://127.0.0.1:$port/api/v1"

reg=$(curl -sS -o "$tmp/register.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data '{"email":"bench@example.com","password":"bench-password-1","name":"Bench Customer","company":"Bench Co"}' \
  "$api/auth/register") || die "registration request failed"
[ "$reg" = 201 ] || { cat "$tmp/register.json" >&2; echo >&2; die "registration answered $reg, not 201"; }
token=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$tmp/register.json")
[ -n "$token" ] || die "no token in the registration answer"

# 1,000 POSTs in one curl process: keep-alive connections, 8 transfers in flight.
seed_start=$(date +%s.%N)
for ((n = 1; n <= seed_count; n++)); do
  sev=$(( (n % 5) + 1 ))
  printf 'url = "%s/requests"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' "$api"
  printf 'header = "Content-Type: application/json"\nheader = "Authorization: Bearer %s"\n' "$token"
  printf 'data = "{\\"subject\\":\\"Seed request %d\\",\\"description\\":\\"Stored by http_bench.sh before the list benchmark.\\",\\"severity\\":%d,\\"category\\":\\"technical\\"}"\n' "$n" "$sev"
  [ "$n" -lt "$seed_count" ] && printf 'next\n'
done >"$tmp/seed.curl"
curl -sS --no-progress-meter --parallel --parallel-max 8 -K "$tmp/seed.curl" \
  >"$tmp/seed.codes" 2>"$tmp/seed.err" &
seed_pid=$!
wait "$seed_pid"; seed_pid=""
seed_end=$(date +%s.%N)
created=$(grep -c '^201$' "$tmp/seed.codes")
if [ "$created" -ne "$seed_count" ]; then
  sort "$tmp/seed.codes" | uniq -c >&2; head -n 5 "$tmp/seed.err" >&2
  die "created $created of $seed_count requests"
fi
listed=$(curl -sS -H "Authorization: Bearer $token" "$api/requests?limit=50" | grep -o '"total":[0-9]*' | head -n1 | cut -d: -f2)
[ "${listed:-}" = "$seed_count" ] || die "GET /requests reports total ${listed:-?}, expected $seed_count"

plans_code=$(curl -sS -o "$tmp/www/plans.json" -w '%{http_code}' "$api/plans") || die "GET /plans failed"
[ "$plans_code" = 200 ] || die "GET /plans answered $plans_code"
chmod 644 "$tmp/www/plans.json"
plans_bytes=$(stat -c%s "$tmp/www/plans.json")

# ---------- 2. nginx serving the same JSON ----------
: >"$tmp/nginx/temp_paths.conf"
nginx_v=$("$nginx_bin" -V 2>&1)
for m in client_body proxy fastcgi uwsgi scgi; do
  if [ "$m" = client_body ] || ! grep -q -- "--without-http_${m}_module" <<<"$nginx_v"; then
    mkdir -p "$tmp/nginx/${m}_temp"
    echo "${m}_temp_path $tmp/nginx/${m}_temp;" >>"$tmp/nginx/temp_paths.conf"
  fi
done
nginx_port=""
for _ in 1 2 3; do   # retry: another process may take the port between the probe and the bind
  p=$(free_port) || die "no free port for nginx"
  sed -e "s|@PREFIX@|$tmp/nginx|g" -e "s|@ROOT@|$tmp/www|g" -e "s|@PORT@|$p|g" \
    "$here/http/nginx.conf.in" >"$tmp/nginx/nginx.conf"
  "$nginx_bin" -p "$tmp/nginx/" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" \
    >"$tmp/nginx/stdout.log" 2>&1 </dev/null &
  nginx_pid=$!
  for ((i = 0; i < 100; i++)); do
    if curl -s -o /dev/null "http://127.0.0.1:$p/plans.json"; then nginx_port=$p; break; fi
    kill -0 "$nginx_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$nginx_port" ] && break
  stop_child "$nginx_pid" nginx; nginx_pid=""
done
if [ -z "$nginx_port" ]; then
  cat "$tmp/nginx/error.log" "$tmp/nginx/stdout.log" >&2 2>/dev/null
  die "nginx did not start"
fi
static_url="http://127.0.0.1:$nginx_port/plans.json"
ctype_portal=$(curl -sS -o /dev/null -w '%{content_type}' "$api/plans")
ctype_nginx=$(curl -sS -o /dev/null -w '%{content_type}' "$static_url")
cmp -s <(curl -sS "$static_url") "$tmp/www/plans.json" || die "nginx does not serve the saved /plans JSON"

# ---------- 3. the wrk runs ----------
declare -A rps p50 p99 non2xx sockerr total
to_ms() {   # wrk's "123.45us" / "1.23ms" / "1.20s" / "2.00m" → milliseconds
  awk -v v="$1" 'BEGIN { if (v == "") { print "-"; exit } n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
    else if (u == "h") n *= 3600000; printf "%.2f", n }'
}
run_wrk() {   # run_wrk KEY CONNS [wrk options and URL...]
  local key=$1 c=$2; shift 2
  local out="$tmp/wrk.$key.$c.txt" t
  t=$(threads_for "$c")
  wrk -t"$t" -c"$c" -d"$duration" --latency "$@" >"$out" 2>&1 </dev/null &
  wrk_pid=$!
  wait "$wrk_pid"; local rc=$?; wrk_pid=""
  if [ "${HTTP_BENCH_RAW:-0}" = 1 ]; then echo "--- wrk $key c=$c"; cat "$out"; fi
  if [ "$rc" -ne 0 ] || ! grep -q '^Requests/sec:' "$out"; then
    cat "$out" >&2
    die "wrk failed ($key, $c connections)"
  fi
  rps[$key.$c]=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p50[$key.$c]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99[$key.$c]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  total[$key.$c]=$(awk '/ requests in / { print $1 }' "$out")
  non2xx[$key.$c]=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  non2xx[$key.$c]=${non2xx[$key.$c]:-0}
  # "Socket errors: connect 0, read 0, write 0, timeout 0" → sum and the breakdown
  sockerr[$key.$c]=$(awk '/Socket errors:/ { gsub(/,/, ""); s = $4 + $6 + $8 + $10;
    printf "%d (c%d r%d w%d t%d)", s, $4, $6, $8, $10 } ' "$out")
  sockerr[$key.$c]=${sockerr[$key.$c]:-0}
  printf '  %-22s c=%-3s %10s req/s\n' "$key" "$c" "${rps[$key.$c]}"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "http_bench: portal-server $server"
echo "  portal-server http://127.0.0.1:$port  (data $tmp/data, PORTAL_FAST_HASH=1, --quiet, default threads/workers)"
echo "  nginx         $static_url  ($("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //'), worker_processes 2)"
echo "  /plans JSON:  $plans_bytes bytes; Content-Type portal \"$ctype_portal\", nginx \"$ctype_nginx\" (wrk sends no Accept-Encoding: both uncompressed)"
printf '  seeded:       %d requests in %.1f s (curl, keep-alive, 8 in flight); GET /requests total = %s\n' \
  "$seed_count" "$(awk -v a="$seed_start" -v b="$seed_end" 'BEGIN { print b - a }')" "$listed"
echo "  machine:      $(nproc) cores, load average $load_before (1/5/15 min) before the runs; wrk shares these cores"
echo "  wrk:          -d$duration --latency; -t1 -c1, -t2 -c16, -t2 -c64"
echo

echo "warm-up (1 s each, not reported)"
wrk -t2 -c16 -d1s "$api/plans" >/dev/null 2>&1 </dev/null
wrk -t2 -c16 -d1s "$static_url" >/dev/null 2>&1 </dev/null
wrk -t2 -c16 -d1s -H "Authorization: Bearer $token" "$api/requests?limit=50" >/dev/null 2>&1 </dev/null
echo "runs"
for c in "${conns[@]}"; do
  run_wrk plans "$c" "$api/plans"
  run_wrk nginx "$c" "$static_url"
  run_wrk list "$c" -H "Authorization: Bearer $token" "$api/requests?limit=50"
done
export PORTAL_BENCH_TOKEN=$token   # read by http/post_request.lua
for c in "${conns[@]}"; do
  run_wrk post "$c" -s "$here/http/post_request.lua" "$api/requests"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
stored=$(curl -sS -H "Authorization: Bearer $token" "$api/requests?limit=1" | grep -o '"total":[0-9]*' | head -n1 | cut -d: -f2)

# ---------- 4. the report ----------
label() {
  case $1 in
    plans) echo "GET  /api/v1/plans (portal)" ;;
    nginx) echo "GET  /plans.json (nginx, reference)" ;;
    list)  echo "GET  /api/v1/requests?limit=50" ;;
    post)  echo "POST /api/v1/requests (durable)" ;;
  esac
}
echo
printf '%-36s %5s %11s %9s %9s %9s %8s  %s\n' case conns "requests/s" "p50 ms" "p99 ms" requests non-2xx "socket errors (connect read write timeout)"
printf '%s\n' "$(printf '%.0s-' {1..130})"
errors_total=0
for key in plans nginx list post; do
  for c in "${conns[@]}"; do
    k=$key.$c
    printf '%-36s %5s %11s %9s %9s %9s %8s  %s\n' "$(label "$key")" "$c" "${rps[$k]}" "${p50[$k]}" "${p99[$k]}" \
      "${total[$k]}" "${non2xx[$k]}" "${sockerr[$k]}"
    errors_total=$((errors_total + ${non2xx[$k]} + ${sockerr[$k]%% *}))
  done
done
echo
echo "GET /plans ÷ nginx (requests/s):"
for c in "${conns[@]}"; do
  awk -v c="$c" -v a="${rps[plans.$c]}" -v b="${rps[nginx.$c]}" \
    'BEGIN { printf "  %2d connections: %6.1f %%  (%s vs %s req/s)\n", c, (b > 0 ? 100 * a / b : 0), a, b }'
done
echo
echo "goals of the issue (figures, not a gate):"
pct64=$(awk -v a="${rps[plans.64]}" -v b="${rps[nginx.64]}" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')
verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "not met"; fi; }
m1=$(awk -v x="$pct64" 'BEGIN { print (x >= 90) ? 1 : 0 }')
m2=$(awk -v x="${p99[plans.64]}" 'BEGIN { print (x <= 2) ? 1 : 0 }')
echo "  GET /plans at 64 connections: $pct64 % of nginx (goal ≥ 90 %: $(verdict "$m1")), p99 ${p99[plans.64]} ms (goal ≤ 2 ms: $(verdict "$m2"))"
# durable writes/s: the 2xx answers only (requests/s × share of 2xx among the completed requests)
wps=$(awk -v r="${rps[post.16]}" -v t="${total[post.16]}" -v e="${non2xx[post.16]}" \
  'BEGIN { printf "%.0f", (t > 0 ? r * (t - e) / t : 0) }')
m3=$(awk -v x="$wps" 'BEGIN { print (x >= 3000) ? 1 : 0 }')
echo "  POST /requests at 16 connections: $wps durable writes/s (goal ≥ 3,000: $(verdict "$m3")), p99 ${p99[post.16]} ms"
posted=$(( ${total[post.1]} + ${total[post.16]} + ${total[post.64]} - ${non2xx[post.1]} - ${non2xx[post.16]} - ${non2xx[post.64]} ))
echo "  stored requests after the runs: ${stored:-?} (1,000 seeded + $posted POSTs wrk counted as 2xx; wrk does not count the ones in flight when a run ends)"
echo
if [ "$errors_total" -gt 0 ]; then
  echo "ERRORS: $errors_total non-2xx responses or socket errors in total (see the table) — the figures of those cases are not clean."
else
  echo "no errors: every response of every case was 2xx, no socket errors."
fi
echo "load average after the runs: $load_after (before: $load_before)"
echo
node "$here/flood_bench.mjs" "$server" 5 2>/dev/null || echo "http_bench: flood_bench failed (figures above stand)"
exit 0
