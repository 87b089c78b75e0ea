#!/bin/sh
# Golden rendering tests: each tests/golden/CASE.md is rendered at widths 40
# and 80 (plain) and 60 (styled dump) and compared with CASE.40.txt,
# CASE.80.txt and CASE.styles.txt using diff -u. ADPA_GOLDEN_UPDATE=1 rewrites
# the expected files (read the diff before committing them).
set -u
dump=$1
dir=$(dirname "$0")
pass=0 fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for md in "$dir"/*.md; do
    case=${md%.md}
    for variant in 40 80 styles; do
        expected=$case.$variant.txt
        if [ "$variant" = styles ]; then
            out=$("$dump" "$md" 60 --styles)
        else
            out=$("$dump" "$md" "$variant")
        fi
        if [ "${ADPA_GOLDEN_UPDATE:-}" = 1 ]; then
            printf '%s\n' "$out" > "$expected"
        fi
        if printf '%s\n' "$out" | diff -u "$expected" - > "$tmp" 2>&1; then
            pass=$((pass + 1)); echo "ok - $(basename "$expected")"
        else
            fail=$((fail + 1)); echo "not ok - $(basename "$expected")"
            sed 's/^/# /' "$tmp"
        fi
    done
done
echo "1..$((pass + fail))"
[ "$fail" -eq 0 ]
