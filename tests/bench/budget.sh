#!/usr/bin/env bash
# Transfer budget of the browser portal: raw, gzip and brotli bytes of everything the first
# page load of the online portal downloads (html, css, js, wasm with the fonts inside). Reads
# dist/ (scripts/build-static).
#   tests/bench/budget.sh [DIST_DIR]
# Prints a table and a "total gzip bytes: N" line against the budget (PORTAL_BUDGET_GZIP, default
# 450000: 450 KB read as decimal kilobytes, the stricter reading). The offline demo's first load
# (the same page with portal-demo.{js,wasm}, web/loader.js) follows as a figure of its own line.
set -euo pipefail
dist=${1:-$(dirname "$0")/../../dist}
budget=${PORTAL_BUDGET_GZIP:-450000}
page=(index.html portal.css loader.js favicon.svg)
files=("${page[@]}" portal.js portal.wasm)
demo_files=("${page[@]}" portal-demo.js portal-demo.wasm)
total_raw=0 total_gz=0 total_br=0 demo_raw=0 demo_gz=0 demo_br=0
printf '%-16s %10s %10s %10s\n' file raw gzip brotli
for f in "${files[@]}" portal-demo.js portal-demo.wasm; do
  p="$dist/$f"
  [ -f "$p" ] || { echo "budget: missing $p (run scripts/build-static)" >&2; exit 2; }
  raw=$(stat -c%s "$p")
  gz=$(if [ -f "$p.gz" ]; then stat -c%s "$p.gz"; else gzip -9 -n -c "$p" | wc -c; fi)
  br=$(if [ -f "$p.br" ]; then stat -c%s "$p.br"; else brotli -q 11 -c "$p" | wc -c; fi)
  printf '%-16s %10d %10d %10d\n' "$f" "$raw" "$gz" "$br"
  for online in "${files[@]}"; do
    [ "$f" = "$online" ] || continue
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  done
  for d in "${demo_files[@]}"; do
    [ "$f" = "$d" ] || continue
    demo_raw=$((demo_raw + raw)); demo_gz=$((demo_gz + gz)); demo_br=$((demo_br + br))
  done
done
printf '%-16s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
printf '%-16s %10d %10d %10d\n' "demo total" "$demo_raw" "$demo_gz" "$demo_br"
echo "total gzip bytes: $total_gz (budget $budget)"
# A figure, not a gate: the offline demo (a static host, or ?demo=1) loads portal-demo.* instead.
echo "offline demo first load gzip bytes: $demo_gz"
# Not part of the first load: Russian and Bulgarian strings when chosen, and the offline demo's
# knowledge base of one language on the first search or article view.
for p in "$dist"/i18n/*.json "$dist"/kb/*.json; do
  [ -f "$p" ] || continue
  printf 'on demand: %-13s %8d raw %8d gzip\n' "${p#"$dist"/}" "$(stat -c%s "$p")" "$(gzip -9 -n -c "$p" | wc -c)"
done
# A figure, not a gate: being over budget is reported, never fails the build.
if [ "$total_gz" -le "$budget" ]; then echo "budget: within by $((budget - total_gz)) bytes"
else echo "budget: OVER by $((total_gz - budget)) bytes"; fi
