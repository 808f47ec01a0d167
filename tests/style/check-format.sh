#!/usr/bin/env bash
# check-format.sh REPO: every C++ file of the repository is formatted as .clang-format says.
set -euo pipefail
cd "$1"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.h' '*.cpp')
else
    mapfile -t files < <(find kiosk drivers ui tests hub -name '*.h' -o -name '*.cpp' 2>/dev/null)
fi
bad=()
for f in "${files[@]}"; do
    [[ -f $f ]] || continue
    clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]})); then
    echo "not clang-formatted (run: clang-format -i FILE):"
    printf '  %s\n' "${bad[@]}"
    exit 1
fi
echo "${#files[@]} files formatted"
