#!/usr/bin/env bash
# check-self-contained.sh [REPO]: the repository stands alone. No file refers to a document or a path
# outside it: the design notes, specs and reviews it was written from (what the code relies on is in
# docs/ and docs/specs/), or a path of the machine it was written on (a home directory, root's home,
# the workspace root). Prints FILE:LINE: TEXT for each reference and fails on any.
#
# Files: in a git work tree the tracked ones plus new files not yet ignored (so a new file is checked
# before its first commit); elsewhere (an unpacked tarball) every file outside build/ and .git/.
# Binary files are skipped. System paths are fine (/usr/share/…, /etc/onewindow, /tmp, /opt/…).
#
# Every pattern below is written so that it does not match its own text (a character class around
# one letter), so this file passes its own check without being left out of it.
set -euo pipefail
cd "${1:-$(dirname "$0")/../..}"

# Extended regular expressions, one per kind of reference. A path must start at a word boundary, so
# "back/home" or "/v1/work-items" are not taken for one.
patterns=(
    # the design and spec folder beside the repository, and the documents in it
    'share[d]/(specs|reviews)'
    '\.\./share[d]([/[:space:]]|$)'
    'rig-probe[s]'
    '(^|[^A-Za-z0-9_./-])(DESIG[N]|STYL[E])\.md'
    '(architecture|security)-revie[w]|fleet-researc[h]'
    # engineers' notes kept outside the repository
    '(^|[^A-Za-z0-9_.-])note[s]/'
    # machine paths: the workspace root, home directories
    '(^|[^A-Za-z0-9_.~-])/(wor[k]|hom[e]|roo[t])/'
    '(^|[[:space:]"'"'"'(=:`])~/'
)
args=()
for pattern in "${patterns[@]}"; do
    args+=(-e "$pattern")
done

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    found=$(git grep --untracked -n -I -E "${args[@]}" || true)
else
    found=$(grep -r -n -I -E --exclude-dir=build --exclude-dir=.git "${args[@]}" . | sed 's|^\./||' |
        sort -t: -k1,1 -k2,2n || true)
fi

if [[ -n $found ]]; then
    count=$(wc -l <<<"$found")
    echo "check-self-contained: $count reference(s) to paths outside the repository (point them at docs/):"
    # FILE:LINE: TEXT, the text cut short so a long line does not flood the log.
    sed -E 's/^([^:]*):([0-9]+):[[:space:]]*(.{0,140}).*/  \1:\2: \3/' <<<"$found"
    exit 1
fi
echo "check-self-contained: no file refers to a path outside the repository"
