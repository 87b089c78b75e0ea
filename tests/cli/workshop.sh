#!/bin/bash
# A scripted three-laptop workshop, as a trainer runs one: each laptop is its
# own HOME and XDG directories. Laptops A and B have the same learner name
# (« alex ») with different results; laptop C's learner is named
# <script>alert(1)</script>. Laptop B's copy sits in a read-only place (a
# read-only bind mount in a private mount namespace when unshare allows it,
# else a mode-555 directory). Laptop C is copied with adpa snapshot in the
# middle of a session: another adpa is in the middle of a quiz on the file,
# so a finished quiz sits in its -wal, which a plain cp misses. Then adpa
# report reads the three copies: every learner separate, the collision said,
# per-question facility right, nothing written beside the collected files,
# and the HTML page rendered by headless Chromium shows the hostile name as
# text.
set -u
adpa=$1
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d)
holder=
trap '[ -n "$holder" ] && kill "$holder" 2>/dev/null; rm -rf "$tmp"' EXIT
unset ADPA_COURSE ADPA_DB ADPA_LEARNER NO_COLOR
export ADPA_NOW=1700000000
course=$PWD/tests/fixtures/quiz
n=0 failed=0

result() { # ok|fail name [detail]
    n=$((n + 1))
    if [ "$1" = ok ]; then echo "ok $n - $2"; else
        failed=$((failed + 1)); echo "not ok $n - $2"
        [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /' | head -40
    fi
}
check() { # check NAME CMD...: passes when CMD succeeds
    local name=$1; shift
    local why
    if why=$("$@" 2>&1); then result ok "$name"; else result fail "$name" "$why"; fi
}

laptop() { # laptop X LEARNER CMD...: adpa on laptop X (its own HOME and XDG dirs)
    local x=$1 who=$2; shift 2
    mkdir -p "$tmp/$x"
    HOME=$tmp/$x XDG_DATA_HOME=$tmp/$x/data XDG_CACHE_HOME=$tmp/$x/cache \
        ADPA_LEARNER=$who "$adpa" --course "$course" "$@"
}

usb=$tmp/usb ro=$tmp/ro
mkdir -p "$usb" "$ro"
# Laptop A: alex, every answer right. Laptop B: alex again, every answer wrong.
check "laptop A: quiz" laptop a alex quiz rgpd --no-shuffle < <(printf '1\n1 2\n1\n')
check "laptop B: quiz" laptop b alex quiz rgpd --no-shuffle < <(printf '2\n1\n2\n')
check "laptop A: snapshot onto the stick" laptop a alex snapshot "$usb/a.db"
check "laptop B: snapshot" laptop b alex snapshot "$ro/b.db"
mode=$(stat -c %a "$usb/a.db")
[ "$mode" = 600 ] && result ok "snapshot created 0600" || result fail "snapshot created 0600" "mode $mode"
laptop a alex snapshot "$usb/a.db" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 1 ] && grep -q 'le fichier existe déjà' "$tmp/err" && result ok "snapshot refuses to overwrite (exit 1, said)" ||
    result fail "snapshot refuses to overwrite (exit 1, said)" "exit $rc: $(cat "$tmp/err")"
check "snapshot --force replaces" laptop a alex snapshot --force "$usb/a.db"
laptop a alex snapshot --force "$tmp/a/data/adpa/progress.db" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && grep -q 'lui-même' "$tmp/err" && result ok "snapshot never replaces the progress file itself" ||
    result fail "snapshot never replaces the progress file itself" "$(cat "$tmp/err")"
laptop a alex snapshot >"$tmp/out" 2>"$tmp/err"
[ $? = 2 ] && result ok "snapshot without FILE: usage error (exit 2)" || result fail "snapshot without FILE: usage error (exit 2)"

# Laptop C, mid-session: the file exists (checkpointed), then one adpa holds it
# open in the middle of a quiz (answers fed through a FIFO) while the learner
# finishes a whole quiz in another adpa: that quiz is only in the -wal.
script='<script>alert(1)</script>'
check "laptop C: first run" laptop c "$script" progress
mkfifo "$tmp/fifo"
laptop c "$script" quiz rgpd --no-shuffle <"$tmp/fifo" >"$tmp/holder.out" 2>&1 &
holder=$!
exec 7>"$tmp/fifo"
printf '1\n' >&7 # the first answer; the quiz now waits for the second
for _ in $(seq 50); do grep -q 'Question 2/3' "$tmp/holder.out" && break; sleep 0.1; done
check "laptop C: a quiz in another adpa, meanwhile" laptop c "$script" quiz rgpd --no-shuffle < <(printf '2\n1 2\n1\n')
cdb=$tmp/c/data/adpa/progress.db
[ -s "$cdb-wal" ] && result ok "laptop C: recent work sits in the -wal" || result fail "laptop C: recent work sits in the -wal"
cp "$cdb" "$tmp/c-cp.db"
check "laptop C: snapshot while adpa runs" laptop c "$script" snapshot "$usb/c.db"
printf '1 2\n1\n' >&7
exec 7>&-
wait "$holder"
holder=
"$adpa" --course "$course" report "$tmp/c-cp.db" --format json >"$tmp/cp.json" 2>/dev/null
"$adpa" --course "$course" report "$usb/c.db" --format json >"$tmp/c.json"
check "a plain cp misses the quiz in the -wal; the snapshot has it" python3 -c '
import json, sys
cp = json.load(open(sys.argv[1])) if open(sys.argv[1]).read().strip() else {"learners": []}
snap = json.load(open(sys.argv[2]))
assert sum(l["quizzes"] for l in cp["learners"]) == 0, cp["learners"]
assert [l["quizzes"] for l in snap["learners"]] == [1], snap["learners"]
' "$tmp/cp.json" "$tmp/c.json"

# The read-only place: a read-only bind mount when we may make one; the
# collected file's bytes, mtime and directory listing must not change.
before=$(cd "$ro" && ls -lA --time-style=+%s.%N; md5sum b.db; stat -c %Y.%y b.db)
usb_before=$(ls -A "$usb")
readonly_run() { # CMD...: run with $ro mounted read-only when possible
    if unshare -m true 2>/dev/null; then
        unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"' \
            sh "$ro" "$@"
    else
        chmod 555 "$ro"
        "$@"
        local rc=$?
        chmod 755 "$ro"
        return $rc
    fi
}
readonly_run touch "$ro/probe" 2>/dev/null && ! unshare -m true 2>/dev/null && [ "$(id -u)" = 0 ] &&
    echo "# root without unshare: the directory is only mode 555"
rm -f "$ro/probe"
readonly_run "$adpa" --course "$course" report "$usb/a.db" "$ro/b.db" "$usb/c.db" --format json \
    >"$tmp/report.json" 2>"$tmp/report.err"
rc=$?
[ $rc = 0 ] && result ok "report of the three laptops (one read-only): exit 0" ||
    result fail "report of the three laptops (one read-only): exit 0" "exit $rc: $(cat "$tmp/report.err")"
readonly_run "$adpa" --course "$course" --db "$ro/b.db" --learner alex progress >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -q '^Progression de alex' "$tmp/out" && result ok "progress --db on the read-only file" ||
    result fail "progress --db on the read-only file" "$(cat "$tmp/err")"
after=$(cd "$ro" && ls -lA --time-style=+%s.%N; md5sum b.db; stat -c %Y.%y b.db)
[ "$before" = "$after" ] && result ok "read-only place: nothing created, the file's bytes and mtime unchanged" ||
    result fail "read-only place: nothing created, the file's bytes and mtime unchanged" "$(diff <(echo "$before") <(echo "$after"))"
[ "$(ls -A "$usb")" = "$usb_before" ] && result ok "nothing left beside the collected files (no -wal, no -shm)" ||
    result fail "nothing left beside the collected files (no -wal, no -shm)" "$(ls -A "$usb")"
grep -q '^adpa: même nom pour plusieurs apprenants de fichiers différents (« alex »)' "$tmp/report.err" &&
    result ok "the name collision said on stderr" || result fail "the name collision said on stderr" "$(cat "$tmp/report.err")"

check "every learner separate, per-question facility right" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
ls = sorted((l["learner"], l["source"].rsplit("/", 1)[1], l["quizzes"], l["mean"], l["name_shared"]) for l in d["learners"])
assert ls == [("<script>alert(1)</script>", "c.db", 1, 66, False),
              ("alex", "a.db", 1, 100, True), ("alex", "b.db", 1, 0, True)], ls
assert d["shared_names"] == 1
q = [(x["question"], x["answers"], x["right"], x["facility"], x["wrong_answer"], x["wrong_count"])
     for x in d["questions"] if x["fiche"] == "rgpd"]
assert q == [(1, 3, 1, 33, "Trois", 2), (2, 3, 2, 67, "Le droit d’accès", 1),
             (3, 3, 2, 67, "Le ministère de la Culture", 1)], q
f = {x["fiche"]: x for x in d["fiches"]}
assert f["rgpd"]["quizzes"] == 3 and f["rgpd"]["mean"] == 55, f["rgpd"]
' "$tmp/report.json"

# Text: the marker; CSV: the hostile name neutralised and quoted; HTML in a browser.
"$adpa" --course "$course" report "$usb/a.db" "$ro/b.db" "$usb/c.db" --by learner >"$tmp/report.txt" 2>/dev/null
[ "$(grep -c '^alex (\*) ' "$tmp/report.txt")" = 2 ] && result ok "text: both alex marked (*)" ||
    result fail "text: both alex marked (*)" "$(cat "$tmp/report.txt")"
"$adpa" --course "$course" report "$usb/a.db" "$ro/b.db" "$usb/c.db" --format html >"$tmp/report.html" 2>/dev/null
check "html: self-contained (no script element, no external reference)" python3 -c '
import sys, re
h = open(sys.argv[1], encoding="utf-8").read()
assert "<script" not in h.lower(), "a script element"
assert "&lt;script&gt;alert(1)&lt;/script&gt;" in h
assert not re.search(r"(src|href)\s*=|@import|url\(", h, re.I), "an external reference"
assert "@media print" in h
' "$tmp/report.html"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v pdftotext >/dev/null; then
    n=$((n + 1)); echo "ok $n - # SKIP chromium or pdftotext not installed (scripts/setup.sh installs them)"
else
    profile=$(mktemp -d -p "$tmp")
    flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
        --disable-background-networking --disable-component-update --disable-sync
        --user-data-dir="$profile")
    timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" 2>"$tmp/browser.err"
    timeout 120 "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$tmp/report.pdf" \
        "file://$tmp/report.html" >/dev/null 2>>"$tmp/browser.err"
    pdftotext -layout "$tmp/report.pdf" "$tmp/report.pdf.txt" 2>>"$tmp/browser.err"
    check "chromium: the DOM has no script element (the name stayed text)" python3 -c '
import sys
dom = open(sys.argv[1], encoding="utf-8").read()
assert "<body>" in dom, dom[:200]
assert "<script" not in dom.lower()
assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
' "$tmp/dom.html"
    check "chromium: the printed page shows every learner and the facility" python3 -c '
import sys, re
t = open(sys.argv[1], encoding="utf-8").read()
assert "<script>alert(1)</script>" in t, t
assert len(re.findall(r"alex \(\*\)", t)) == 2, t
assert "Combien de bases légales" in t and re.search(r"33\s%\s\(1/3\)", t), t
assert "Trois (2\u00a0fois)" in t or "Trois (2 fois)" in t, t
' "$tmp/report.pdf.txt"
fi

echo "1..$n"
[ "$failed" = 0 ]
