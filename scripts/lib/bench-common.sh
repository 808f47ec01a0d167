# Sourced by scripts/bench-*: a benchmark that cannot run says which step failed and shows that
# step's output, instead of exiting 1 in silence (set -e with the build's output sent to /dev/null).
bench_name=$(basename "$0")
trap 'echo "$bench_name: stopped (exit $?) at line $LINENO: $BASH_COMMAND" >&2' ERR

# quietly STEP COMMAND…: runs COMMAND with its output kept in a log; on failure prints the log's last
# lines (and keeps it) and ends the benchmark with COMMAND's status.
quietly() {
    local step=$1
    shift
    local log
    log=$(mktemp "${TMPDIR:-/tmp}/$bench_name.XXXXXX.log")
    local status=0
    "$@" >"$log" 2>&1 || status=$?
    if ((status == 0)); then
        rm -f "$log"
        return 0
    fi
    echo "$bench_name: $step failed (exit $status): $*" >&2
    echo "$bench_name: the last lines of its output (all of it in $log):" >&2
    tail -n 40 "$log" | sed 's/^/    /' >&2
    exit "$status"
}
