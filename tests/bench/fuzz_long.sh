#!/usr/bin/env bash
# A longer fuzzing run of the router (default 300 s), for the benchmarks: builds and runs
# tests/fuzz/run_fuzz.sh, then prints libFuzzer's figures from its final stats:
#   tests/bench/fuzz_long.sh [SECONDS]
# Prints "fuzz: N execs in S s = X execs/s, coverage C edges, F features, corpus K inputs" and
# exits non-zero when the fuzzer found a crash (run_fuzz.sh prints the crash input's path).
set -uo pipefail
seconds=${1:-300}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${FUZZ_BUILD_DIR:-$root/build/fuzz}

"$root/tests/fuzz/run_fuzz.sh" "$seconds"
status=$?
log="$out/last_run.log"
[ -f "$log" ] || { echo "fuzz_long: no log at $log" >&2; exit 2; }

stat() { grep -E "^stat::$1:" "$log" | tail -1 | awk '{print $2}'; }
execs=$(stat number_of_executed_units)
rate=$(stat average_exec_per_sec)
peak=$(stat peak_rss_mb)
last=$(grep -E '^#[0-9]+' "$log" | tail -1)
cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$last")
ft=$(sed -nE 's/.*ft: ([0-9]+).*/\1/p' <<<"$last")
corp=$(sed -nE 's/.*corp: ([0-9]+).*/\1/p' <<<"$last")
echo "fuzz: ${execs:-?} execs in ${seconds} s = ${rate:-?} execs/s, coverage ${cov:-?} edges, ${ft:-?} features, corpus ${corp:-?} inputs, peak RSS ${peak:-?} MB"
exit "$status"
