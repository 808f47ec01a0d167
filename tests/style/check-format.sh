#!/usr/bin/env bash
# check-format.sh [REPO]: every C++ file (*.h, *.cpp) of the repository is formatted as its
# .clang-format says. In a git work tree the files are the tracked ones plus new files not yet
# ignored (so a new file is checked before its first commit); elsewhere (an unpacked tarball) every
# *.h and *.cpp outside build/. Prints the offending files and fails on any diff.
set -euo pipefail
cd "${1:-$(dirname "$0")/../..}"

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t listed < <(git ls-files --cached --others --exclude-standard -- '*.h' '*.cpp')
else
    mapfile -t listed < <(find . \( -path ./build -o -path ./.git \) -prune -o \
        -type f \( -name '*.h' -o -name '*.cpp' \) -print | sed 's|^\./||' | sort)
fi
files=()
for f in "${listed[@]}"; do
    [[ -f $f ]] && files+=("$f") # a file deleted but not yet committed is still listed by git
done
if ((${#files[@]} == 0)); then
    echo "check-format: no C++ files found in $PWD" >&2
    exit 1
fi

# Two clang-format processes at a time, 25 files each; each diff is reported as
# "FILE:LINE:COL: error: code should be clang-formatted [-Wclang-format-violations]".
report=$(printf '%s\0' "${files[@]}" |
    xargs -0 -P2 -n25 clang-format --dry-run -Werror 2>&1 >/dev/null || true)
mapfile -t bad < <(sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: .*clang-format.*/\1/p' <<<"$report" | sort -u)
if ((${#bad[@]})); then
    echo "check-format: ${#bad[@]} of ${#files[@]} files are not clang-formatted (fix: clang-format -i FILE):"
    printf '  %s\n' "${bad[@]}"
    exit 1
fi
if [[ -n $report ]]; then # clang-format itself failed (a bad .clang-format, a missing binary)
    echo "check-format: clang-format failed:"
    echo "$report"
    exit 1
fi
echo "check-format: ${#files[@]} files formatted"
