#!/bin/bash
# Hostile courses, one per class of attack (tests/fixtures/gen-hostile.py
# writes the large ones at test time): each must give its exact diagnostic
# from adpa check, a single "fiche skipped" warning from the other commands,
# and never crash, hang or blow up. Time limits are generous (ASan builds).
set -u
adpa=$1
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset ADPA_COURSE NO_COLOR
export HOME=$tmp/home XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache
gen=tests/fixtures/gen-hostile.py
n=0 failed=0

result() { # ok|fail name [detail file]
    n=$((n + 1))
    if [ "$1" = ok ]; then echo "ok $n - $2"; else
        failed=$((failed + 1)); echo "not ok $n - $2"
        [ -n "${3:-}" ] && sed 's/^/# /' "$3" | cut -c1-300 | head -20
    fi
}

run() { # run RC NAME -- CMD...: runs under timeout ${limit:-10}, checks the exit status
    local want=$1 name=$2; shift 3
    timeout "${limit:-10}" "$@" >"$tmp/out.raw" 2>"$tmp/err.raw"
    local rc=$?
    sed "s|$tmp/||g" "$tmp/out.raw" >"$tmp/out"; sed "s|$tmp/||g" "$tmp/err.raw" >"$tmp/err"
    if [ "$rc" -eq "$want" ]; then result ok "$name: exit $want"; else
        echo "exit $rc, want $want" >"$tmp/why"; cat "$tmp/err" >>"$tmp/why"
        result fail "$name: exit $want" "$tmp/why"; fi
}

same() { # same STREAM TEXT NAME: the stream is exactly TEXT (paths relative)
    if [ "$(cat "$tmp/$1")" = "$2" ]; then result ok "$3"; else
        printf 'want: %s\n' "$2" >"$tmp/got.why"; cat "$tmp/$1" >>"$tmp/got.why"
        result fail "$3" "$tmp/got.why"; fi
}

has() { # has STREAM PATTERN NAME (grep -E)
    if grep -Eq -- "$2" "$tmp/$1"; then result ok "$3"; else result fail "$3" "$tmp/$1"; fi
}

hasnot() { # hasnot STREAM PATTERN NAME (grep -P)
    if grep -Pq -- "$2" "$tmp/$1"; then result fail "$3" "$tmp/$1"; else result ok "$3"; fi
}

mk() { # mk CASE [SIZE]: generates the course $tmp/CASE
    python3 "$gen" "$tmp/$1" "$@" || result fail "generate $1"
}

# a course with no fiches and an empty glossary (NULL passed to memcpy and
# qsort, caught by UBSan)
empty=tests/fixtures/empty
run 0 "check empty course" -- "$adpa" check $empty
same out "$empty: 0 fiches, 0 errors, 0 warnings" "check: empty course and glossary"
run 0 "list empty course" -- "$adpa" --course $empty list
run 0 "glossary of an empty glossary" -- "$adpa" --course $empty glossary
run 1 "search an empty course" -- "$adpa" --course $empty search mot
run 0 "progress on an empty course" -- "$adpa" --course $empty progress

capwarn="warning: block quotes and list items nested deeper than 16 levels are shown flat, without their bars and markers"

# renderer: nested containers (49 quotes and 60 items wrote past the prefix
# stack; 1M quotes overflowed the C stack)
mk quotes 49
run 0 "show 49 nested quotes" -- "$adpa" --course "$tmp/quotes" show x --color never
has out '^(│ ){16}profond$' "49 quotes: 16 bars, the text kept"
run 0 "check 49 nested quotes" -- "$adpa" check "$tmp/quotes"
same out "quotes/comprendre/01-x.md:11:33: $capwarn
quotes: 1 fiche, 0 errors, 1 warning" "check warns at the nesting cap, with position"
run 0 "search indexes 49 nested quotes" -- "$adpa" --course "$tmp/quotes" search profond
has out 'x' "search finds the deep text"
mk items 60
run 0 "show 60 nested items" -- "$adpa" --course "$tmp/items" show x --width 200 --color never
has out '^ {32}niveau 59$' "60 items: the last one shown flat"
run 0 "check 60 nested items" -- "$adpa" check "$tmp/items"
has out "^items/comprendre/01-x.md:27:33: $capwarn\$" "check: items past the cap"
mk quotes-dense 1000000
run 0 "show 1M nested quotes" -- "$adpa" --course "$tmp/quotes-dense" show x --color never
has out 'profond$' "1M quotes: the text kept"
run 0 "check 1M nested quotes" -- "$adpa" check "$tmp/quotes-dense"
has out "^quotes-dense/comprendre/01-x.md:11:17: $capwarn\$" "check: 1M quotes warned once"

# entities that decode to controls: no raw TAB, LF or ESC inside a line
mkdir -p "$tmp/ent/comprendre" && cp "$tmp/quotes/course.yaml" "$tmp/ent/"
printf -- '---\nid: x\ntitle: "T"\nrubric: comprendre\norder: 1\nsummary: "S"\nkeywords: []\nduration: 2\nlevel: debutant\n---\na&Tab;b&NewLine;c&#9;d&#10;e&#27;[2Jf&#x1B;]52;c;eA==&#7;g\n\n> q&Tab;r\n' \
    >"$tmp/ent/comprendre/01-x.md"
run 0 "show entities" -- "$adpa" --course "$tmp/ent" show x --color never
hasnot out '[\t\x1b\x07]' "entities: no TAB, ESC or BEL in the output"
has out '^a b c d e\^\[\[2Jf\^\[\]52;c;eA==\^Gg$' "entities: one line, controls visible"
run 0 "show entities (colour)" -- "$adpa" --course "$tmp/ent" show x --color always
hasnot out.raw '\t|\x1b\[2J|\x1b\]52' "entities: no injected sequence among the colours"

# bidi controls: visible everywhere, flagged by check with their position
run 0 "check bidi" -- "$adpa" check tests/fixtures/bidi
same out 'tests/fixtures/bidi/comprendre/01-bidi.md:3:8: warning: bidi control U+202E in "title": it reorders what readers see; adpa shows it as <U+202E>
tests/fixtures/bidi/comprendre/01-bidi.md:11:15: warning: bidi control U+200F in "question": it reorders what readers see; adpa shows it as <U+200F>
tests/fixtures/bidi/comprendre/01-bidi.md:21:15: warning: bidi control U+202E in the text (2 in this fiche): it reorders what readers see; adpa shows it as <U+202E>
tests/fixtures/bidi/glossary.yaml:2:15: warning: bidi control U+2066 in "definition": it reorders what readers see; adpa shows it as <U+2066>
tests/fixtures/bidi: 1 fiche, 0 errors, 4 warnings' "check: each bidi place reported"
# a bidi control written only as a character reference, named or numeric
mkdir -p "$tmp/bidi-ent/comprendre" && cp "$tmp/quotes/course.yaml" "$tmp/bidi-ent/"
printf -- '---\nid: x\ntitle: "T"\nrubric: comprendre\norder: 1\nsummary: "S"\nkeywords: []\nduration: 2\nlevel: debutant\n---\nUn paragraphe.\n\n- un point\n- admin &#x202E;// si &rlm; fin\n' \
    >"$tmp/bidi-ent/comprendre/01-x.md"
run 0 "check bidi entities" -- "$adpa" check "$tmp/bidi-ent"
has out '^bidi-ent/comprendre/01-x.md:14:1: warning: bidi control U\+202E written as a character reference' \
    "check: a bidi control written as an entity, at its block"
has out "^bidi-ent: 1 fiche, 0 errors, 1 warning$" "check: warned once per fiche"
# a named reference alone (&rlm; and &lrm; are the only named ones); &amp;
# and other names are not bidi
printf -- '---\nid: x\ntitle: "T"\nrubric: comprendre\norder: 1\nsummary: "S"\nkeywords: []\nduration: 2\nlevel: debutant\n---\nA &amp; B &rarr; C.\n\nPrix &lrm;12 €.\n' \
    >"$tmp/bidi-ent/comprendre/01-x.md"
run 0 "check bidi named entity" -- "$adpa" check "$tmp/bidi-ent"
has out '^bidi-ent/comprendre/01-x.md:13:1: warning: bidi control U\+200E written as a character reference' \
    "check: &lrm; alone is a bidi control written as an entity"
printf -- '---\nid: x\ntitle: "T"\nrubric: comprendre\norder: 1\nsummary: "S"\nkeywords: []\nduration: 2\nlevel: debutant\n---\nA &amp; B &rarr; C &lrmx; &#x41;.\n' \
    >"$tmp/bidi-ent/comprendre/01-x.md"
run 0 "check other entities" -- "$adpa" check "$tmp/bidi-ent"
has out "^bidi-ent: 1 fiche, 0 errors, 0 warnings$" "check: other references are not bidi"
run 0 "show bidi" -- "$adpa" --course tests/fixtures/bidi show bidi --color never
hasnot out '\x{202A}|\x{202B}|\x{202C}|\x{202D}|\x{202E}|\x{2066}|\x{2067}|\x{2068}|\x{2069}|\x{200E}|\x{200F}' \
    "show: no raw bidi control"
has out '^Titre <U\+202E>esrevne<U\+202C>$' "show: bidi shown as <U+XXXX>"
run 0 "list bidi" -- "$adpa" --course tests/fixtures/bidi list
hasnot out '\x{202E}' "list: no raw bidi control"
run 0 "glossary bidi" -- "$adpa" --course tests/fixtures/bidi glossary
hasnot out '\x{2066}' "glossary: no raw bidi control"

# YAML: flow depth (libyaml is quadratic on it), alias amplification, size.
# Under 64 KiB of front matter the attacks still cost minutes and gigabytes
# without the limits; a glossary file may be 1 MiB.
yaml_case() { # yaml_case CASE SIZE FILE:LINE:COL MESSAGE [skipped]
    mk "$1" "$2"
    run 1 "check $1" -- "$adpa" check "$tmp/$1"
    has out "^$1/$3: error: $4\$" "check $1: exact error and position"
    if [ "${5:-}" = skipped ]; then
        run 0 "list $1" -- "$adpa" --course "$tmp/$1" list
        same err "$1/$3: warning: fiche skipped: $4" "list $1: one skip warning"
    fi
}
yaml_case yaml-flow 60000 comprendre/01-x.md:10:41 \
    'yaml: lists and mappings nested deeper than 32 levels' skipped
aliases='yaml: aliases expand this value past 1024 KiB of text or 250000 values'
yaml_case yaml-alias 60000 comprendre/01-x.md:11:3 "$aliases" skipped
yaml_case yaml-alias-keywords 60000 comprendre/01-x.md:7:11 "$aliases" skipped
yaml_case glossary-alias 108000 glossary.yaml:3:12 "$aliases"
run 0 "glossary with aliases" -- "$adpa" --course "$tmp/glossary-alias" glossary
has err "^glossary-alias/glossary.yaml:3:12: warning: glossary skipped: $aliases\$" \
    "glossary: one skip warning"
yaml_case yaml-recursive 0 comprendre/01-x.md:10:11 \
    'yaml: an alias refers to a value that contains it' skipped
yaml_case yaml-block-depth 40 comprendre/01-x.md:26:35 \
    'yaml: lists and mappings nested deeper than 32 levels' skipped
yaml_case front-size 70000 comprendre/01-x.md:2:1 'front matter is larger than 64 KiB' skipped

# the course directory: paths confined to it, regular files only, directory
# symlinks not followed (7 links to . made every command walk 7^8 directories)
mk symlink-loop 7
run 0 "list with 7 symlinks to ." -- "$adpa" --course "$tmp/symlink-loop" list
has out '^Comprendre \(comprendre, 1 fiche\)$' "symlinks to .: the fiche once"
run 1 "search with 7 symlinks to ." -- "$adpa" --course "$tmp/symlink-loop" search introuvable
run 0 "check with 7 symlinks to ." -- "$adpa" check "$tmp/symlink-loop"
mk conf 0 && echo secret >"$tmp/secret.md"
echo 'about: ../secret.md' >>"$tmp/conf/course.yaml"
ln -s ../../secret.md "$tmp/conf/comprendre/02-lien.md"
ln -s ../secret.md "$tmp/conf/glossary.yaml"
run 1 "check: paths outside the course" -- "$adpa" check "$tmp/conf"
same out 'conf/comprendre/02-lien.md: warning: skipped: a symbolic link to outside the course directory
conf/course.yaml:6:8: error: about file "../secret.md" is outside the course directory
conf/glossary.yaml: error: "glossary.yaml" is outside the course directory
conf: 1 fiche, 2 errors, 1 warning' "check: about and glossary outside, the fiche link skipped and said"
run 0 "list: a fiche linked from outside is not read" -- "$adpa" --course "$tmp/conf" list
has out '^Comprendre \(comprendre, 1 fiche\)$' "list: only the fiche inside"
has err 'conf/comprendre/02-lien.md: warning: skipped: a symbolic link to outside the course directory$' \
    "list: the fiche left out is said, not dropped silently"
mk fifo 0 && mkfifo "$tmp/fifo/about.md" "$tmp/fifo/comprendre/02-fifo.md"
run 1 "check: about is a FIFO" -- "$adpa" check "$tmp/fifo"
has out '^fifo/course.yaml:1:1: error: about file "about.md": cannot open: not a regular file$' \
    "check: FIFO about refused, without blocking"
run 0 "list: a FIFO fiche is not read" -- "$adpa" --course "$tmp/fifo" list
has err 'fifo/comprendre/02-fifo.md: warning: skipped: not a regular file$' "list: the FIFO fiche said"
mk dirlink 0 && mkdir "$tmp/elsewhere" && ln -s ../elsewhere "$tmp/dirlink/maitriser"
run 0 "check: a rubric directory that is a symlink" -- "$adpa" check "$tmp/dirlink"
has out '^dirlink/maitriser: warning: skipped: a symbolic link to a directory, not followed$' \
    "check: a directory symlink is said, not followed"

# check: a requires chain is walked without recursion (a 60,000-fiche chain
# overflowed the stack; 8,000 do with 256 KiB), a long cycle is named
# in a sentence, and unknown links are found in linear time (45,000 took 89 s)
# (the big courses get 60 s: minutes before, a second or two now, more
# under ASan on a loaded machine)
mk requires-chain 8000
limit=60 run 0 "check a chain of 8000 requires, 256 KiB of stack" -- \
    bash -c 'ulimit -s 256 && exec "$0" check "$1"' "$adpa" "$tmp/requires-chain"
same out "requires-chain: 8000 fiches, 0 errors, 0 warnings" "chain: checked"
mk requires-ring 2000
run 1 "check a ring of 2000 requires" -- "$adpa" check "$tmp/requires-ring"
same out 'requires-ring/comprendre/001999.md:10:12: error: requires cycle: f0 -> f1 -> f2 -> f3 -> (1992 more) -> f1996 -> f1997 -> f1998 -> f1999 -> f0
requires-ring: 2000 fiches, 1 error, 0 warnings' "ring: one cycle, shortened"
mk unknown-links 45000
limit=60 run 1 "check 45000 unknown links" -- "$adpa" check "$tmp/unknown-links"
has out '^unknown-links/comprendre/01-x.md:11:933874: error: link to unknown fiche "nope44999"$' \
    "links: the last one at its column"
has out '^unknown-links: 1 fiche, 45000 errors, 0 warnings$' "links: every one reported"

# libcmark 0.30.2 is quadratic on image openers (CVE-2023-22486): 1 MB of
# "![[]()" took minutes; past 1000 "![", they are shown as text
mk cmark-images 1000000
limit=60 run 0 "show 1 MB of ![[]()" -- "$adpa" --course "$tmp/cmark-images" show x --color never
has out '^(!\[\[1\]){16}$' "the text kept"
limit=60 run 0 "check 1 MB of ![[]()" -- "$adpa" check "$tmp/cmark-images"
has out '^cmark-images/comprendre/01-x.md:11:1: warning: 166666 images \("!\["\): past 1000, they are shown as text$' \
    "check warns about the images past the cap"

echo "1..$n"
[ "$failed" -eq 0 ]
