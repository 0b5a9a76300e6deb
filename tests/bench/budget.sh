#!/usr/bin/env bash
# Transfer budget of the browser portal: raw, gzip and brotli bytes of everything the first
# page load downloads (html, css, js, wasm with the fonts inside). Reads dist/ (scripts/build-static).
#   tests/bench/budget.sh [DIST_DIR]
# Prints a table and a final "total gzip bytes: N" line; exits 1 when N is over the budget
# (PORTAL_BUDGET_GZIP, default 450000: 450 KB read as decimal kilobytes, the stricter reading).
set -euo pipefail
dist=${1:-$(dirname "$0")/../../dist}
budget=${PORTAL_BUDGET_GZIP:-450000}
files=(index.html portal.css loader.js favicon.svg portal.js portal.wasm)
total_raw=0 total_gz=0 total_br=0
printf '%-12s %10s %10s %10s\n' file raw gzip brotli
for f in "${files[@]}"; do
  p="$dist/$f"
  [ -f "$p" ] || { echo "budget: missing $p (run scripts/build-static)" >&2; exit 2; }
  raw=$(stat -c%s "$p")
  gz=$(if [ -f "$p.gz" ]; then stat -c%s "$p.gz"; else gzip -9 -n -c "$p" | wc -c; fi)
  br=$(if [ -f "$p.br" ]; then stat -c%s "$p.br"; else brotli -q 11 -c "$p" | wc -c; fi)
  printf '%-12s %10d %10d %10d\n' "$f" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
done
printf '%-12s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
echo "total gzip bytes: $total_gz (budget $budget)"
# Not part of the first load: Russian and Bulgarian strings when chosen, and the offline demo's
# knowledge base of one language on the first search or article view.
for p in "$dist"/i18n/*.json "$dist"/kb/*.json; do
  [ -f "$p" ] || continue
  printf 'on demand: %-13s %8d raw %8d gzip\n' "${p#"$dist"/}" "$(stat -c%s "$p")" "$(gzip -9 -n -c "$p" | wc -c)"
done
# A figure, not a gate: being over budget is reported, never fails the build.
if [ "$total_gz" -le "$budget" ]; then echo "budget: within by $((budget - total_gz)) bytes"
else echo "budget: OVER by $((total_gz - budget)) bytes"; fi
