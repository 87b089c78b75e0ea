#!/bin/bash
# The progress store end to end, through the command line: many processes
# opening a new file at once, disk full, the learner's file as a symbolic link
# or readable by others, and collected files read as untrusted input (every
# hostile fixture of hostile.py, read-only places, another user's file,
# nothing left beside them). TAP on stdout; every command under `timeout`.
set -u
adpa=$1
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d)
chmod 755 "$tmp" # another user reads a fixture in here (see "another user")
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
unset ADPA_DB ADPA_LEARNER ADPA_COURSE XDG_DATA_HOME
export ADPA_NOW=1700000000
qc=tests/fixtures/quiz
n=0 failed=0

t() { # t NAME CMD...: a test that passes when CMD succeeds (its output is the detail)
    n=$((n + 1))
    if "${@:2}" >"$tmp/why" 2>&1; then echo "ok $n - $1"; else
        failed=$((failed + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/why" | head -30
    fi
}
status() { [ "$rc" -eq "$1" ] || { echo "exit $rc, want $1"; cat "$tmp/err"; return 1; }; }
grep_err() { grep -Eq -- "$1" "$tmp/err" || { echo "stderr lacks /$1/:"; cat "$tmp/err"; return 1; }; }
# no SQLite (English) text on screen: its messages and what they quote
no_english() {
    ! grep -Eiq 'sqlite_|no such|malformed|not a database|rollback|transaction|constraint|readonly database|disk I/O|database (disk|is)' "$tmp/err" ||
        { echo "English SQLite text:"; cat "$tmp/err"; return 1; }
}
sq() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$@"; }
answers() { printf '1\n1 2\n1\n'; }
quiz() { # quiz DB LEARNER [ENV...]: one whole quiz, right answers; sets rc
    timeout 10 "$adpa" --course $qc --db "$1" --learner "$2" quiz rgpd --no-shuffle \
        < <(answers) >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
report() { timeout 10 "$adpa" --course $qc report "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }

# --- 30 processes start at once on a new file: all 30 save ---
# (a generous timeout: 30 processes under ASan on a loaded machine are slow)
race() { # race DIR: 30 quizzes released together by a FIFO gate
    local d=$1 pids=() bad=0
    mkfifo "$d/gate"
    answers >"$d/answers"
    for i in $(seq 30); do
        (exec 3<"$d/gate"; exec timeout 120 "$adpa" --course $qc --db "$d/p.db" --learner "p$i" \
            quiz rgpd --no-shuffle <"$d/answers" >"$d/out$i" 2>"$d/err$i") &
        pids+=($!)
    done
    exec 4>"$d/gate" # releases them all; kept open for those not yet at the gate
    local codes=""
    for p in "${pids[@]}"; do wait "$p" || { codes="$codes $?"; bad=$((bad + 1)); }; done
    exec 4>&-
    local saved learners
    saved=$(sq "$d/p.db" "select count(*) from attempt where finished > 0")
    learners=$(sq "$d/p.db" "select count(*) from learner")
    echo "failed processes: $bad (exit statuses:${codes:- none}), attempts saved: $saved, learners: $learners"
    cat "$d"/err* | sort | uniq -c
    [ "$bad" = 0 ] && [ "$saved" = 30 ] && [ "$learners" = 30 ] && ! grep -q . "$d"/err*
}
for round in 1 2 3; do
    mkdir "$tmp/race$round"
    t "30 processes on a new file, round $round: 30 exit 0, 30 results saved, nothing on stderr" race "$tmp/race$round"
done

# --- disk full: the real cause, and exit 1 when the quiz is not saved ---
full=$tmp/full/p.db
quiz "$full" ana
t "a first quiz on the file" status 0
before=$(sq "$full" "select count(*) from attempt")
( ulimit -f 4; trap '' XFSZ; quiz "$full" zoe; echo "$rc" >"$tmp/rc" )
rc=$(cat "$tmp/rc")
t "disk full: exit 1 (the quiz ran, nothing was saved)" status 1
t "disk full: said as such" grep_err 'disque plein'
t "disk full: no SQLite text (no « cannot rollback »)" no_english
t "disk full: the quiz still ran" grep -q 'Score' "$tmp/out"
t "disk full: earlier progress intact" test "$(sq "$full" "pragma integrity_check")/$(sq "$full" "select count(*) from attempt")" = "ok/$before"

# a review whose answer cannot be saved (another program holds the file
# longer than the busy timeout): said, exit 1, and not « terminée » as if saved
rv=$tmp/review-locked.db
timeout 10 "$adpa" --course $qc --db "$rv" --learner ana quiz rgpd --no-shuffle \
    < <(printf '2\n1 2\n1\n') >"$tmp/out" 2>"$tmp/err" # the first answer wrong
mkfifo "$tmp/rin"
ADPA_NOW=$((ADPA_NOW + 86400)) timeout 60 "$adpa" --course $qc --db "$rv" --learner ana \
    review --no-shuffle <"$tmp/rin" >"$tmp/out" 2>"$tmp/err" &
rpid=$!
exec 5>"$tmp/rin"
for _ in $(seq 200); do grep -q 'Combien' "$tmp/out" && break; sleep 0.05; done
python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE"); open(sys.argv[2], "w").close(); time.sleep(8)' "$rv" "$tmp/locked" &
lpid=$!
for _ in $(seq 200); do [ -e "$tmp/locked" ] && break; sleep 0.05; done
echo 1 >&5
exec 5>&-
wait "$rpid"; rc=$?
wait "$lpid"
t "a review not saved: exit 1" status 1
t "a review not saved: said on stderr" grep_err 'progression non enregistrée'
t "a review not saved: not « terminée » as if saved" grep -q 'juste, non enregistrée' "$tmp/out"
t "a review not saved: no SQLite text" no_english

# --- the learner's file: readable by others, a symbolic link ---
mode=$tmp/mode/p.db
quiz "$mode" ana
chmod 0644 "$mode"
quiz "$mode" ana
t "a file readable by others still works" status 0
t "its mode is made 0600" test "$(stat -c %a "$mode")" = 600
t "and adpa says so" grep_err "attention.*0600"
ln -s "$mode" "$tmp/mode/link.db"
sum=$(md5sum <"$mode")
quiz "$tmp/mode/link.db" bob
t "a symbolic link as the progress file: exit 1" status 1
t "a symbolic link: refused, with the reason" grep_err 'link.db: .*lien symbolique'
t "a symbolic link: its target untouched" test "$(md5sum <"$mode")" = "$sum"

# --- collected files: hostile fixtures ---
base=$tmp/base.db
quiz "$base" ana
python3 tests/store/hostile.py "$base" "$tmp/h" >"$tmp/names" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
mkfifo "$tmp/h/fifo.db"
expect() { # expect NAME PATTERN: report on the fixture fails in time with PATTERN
    local f=$tmp/h/$1.db
    local list; list=$(ls -a "$tmp/h" | md5sum)
    report "$f"
    status 1 && grep_err "$1.db: $2" && no_english &&
        test "$(ls -a "$tmp/h" | md5sum)" = "$list"
}
table=$(cat <<'EOF'
view-loop pas un fichier de progression adpa \(il contient une vue\)
view-blowup pas un fichier de progression adpa \(il contient une vue\)
view-reading pas un fichier de progression adpa \(il contient une vue\)
trigger pas un fichier de progression adpa \(il contient un déclencheur\)
virtual pas un fichier de progression adpa \(il contient une table virtuelle\)
generated pas un fichier de progression adpa \(son schéma n’est pas celui d’adpa\)
columns pas un fichier de progression adpa \(son schéma n’est pas celui d’adpa\)
extra pas un fichier de progression adpa \(son schéma n’est pas celui d’adpa\)
long-name fichier de progression trop gros
crowd fichier de progression trop gros \(plus de 1000 apprenants\)
other-app pas un fichier de progression adpa \(une autre base SQLite\)
newer écrit par une version plus récente d’adpa
corrupt fichier de progression corrompu
text pas un fichier de progression adpa \(pas même une base SQLite\)
empty pas un fichier de progression adpa \(fichier vide\)
huge fichier de progression trop gros \(68157440 octets
fifo pas un fichier de progression adpa \(pas un fichier ordinaire\)
EOF
)
while read -r name pattern; do
    t "report on a hostile file ($name): exit 1, « $pattern », in time, nothing created" expect "$name" "$pattern"
done <<<"$table"
untested() { # the fixtures of hostile.py this script does not check
    local name
    while read -r name; do
        [ "$name" = nulls ] || grep -q "^$name " <<<"$table" || echo "$name"
    done <"$tmp/names" | grep .
}
t "every fixture of hostile.py is tested" eval '! untested'
report "$tmp/h/nulls.db"
t "NULL where the schema forbids it: read, no crash" status 0
t "NULL where the schema forbids it: the other learners are there" grep -q '^ana ' "$tmp/out"
# memory: the view that makes gigabytes of a few kilobytes (before: unbounded)
rss() { # rss CMD...: the largest resident size (KiB) of CMD
    python3 -c 'import resource,subprocess,sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
kib=$(rss "$adpa" --course $qc report "$tmp/h/view-blowup.db")
t "the blow-up view: report stays under 256 MiB (${kib} KiB)" test "${kib:-999999999}" -lt 262144
timeout 10 "$adpa" --course $qc --db "$tmp/h/view-loop.db" progress >"$tmp/out" 2>"$tmp/err"
rc=$?
t "progress --db on a hostile file: exit 1" status 1
t "progress --db on a hostile file: the file and what is wrong" grep_err 'view-loop.db: pas un fichier de progression adpa'

# --- collected files: read-only places, another user's file, nothing left beside ---
mkdir "$tmp/usb"
cp "$base" "$tmp/usb/laptop1.db"
chmod 0444 "$tmp/usb/laptop1.db"
chmod 0555 "$tmp/usb"
sum=$(md5sum <"$tmp/usb/laptop1.db")
as_other() { # another user when we are root (root ignores modes); else ourselves
    if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
    else "$@"; fi
}
as_other timeout 10 "$adpa" --course $qc report "$tmp/usb/laptop1.db" >"$tmp/out" 2>"$tmp/err"
rc=$?
t "report on a file in a read-only directory, owned by another user" status 0
t "report reads it" grep -q '^ana .*100' "$tmp/out"
as_other timeout 10 "$adpa" --course $qc --learner ana --db "$tmp/usb/laptop1.db" progress >"$tmp/out" 2>"$tmp/err"
rc=$?
t "progress --db on it" status 0
t "progress --db reads it" grep -Eq '^rgpd +maîtrisée' "$tmp/out"
t "nothing created beside it (no -wal, -shm, -journal)" test "$(ls -A "$tmp/usb")" = laptop1.db
t "the file unchanged" test "$(md5sum <"$tmp/usb/laptop1.db")" = "$sum"
# a writable place too: still nothing beside it, the file unchanged
cp "$base" "$tmp/copy.db"
sum=$(md5sum <"$tmp/copy.db")
report "$tmp/copy.db"
t "report in a writable place" status 0
t "nothing created beside a writable copy" test -z "$(ls "$tmp" | grep '^copy\.db-')"
t "a writable copy unchanged" test "$(md5sum <"$tmp/copy.db")" = "$sum"

echo "1..$n"
[ "$failed" -eq 0 ]
