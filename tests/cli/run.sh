#!/bin/bash
# End-to-end tests of the command line: exit statuses, stdout/stderr
# separation, golden outputs (tests/cli/expected/*), JSON that parses, text
# safety, and every bad fixture. Runs from the source root so paths in
# diagnostics are stable. ADPA_GOLDEN_UPDATE=1 rewrites the expected files.
set -u
adpa=$1
cd "$(dirname "$0")/../.." || exit 1
exp=tests/cli/expected
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset ADPA_COURSE NO_COLOR
n=0 failed=0

result() { # ok|fail name [detail file]
    n=$((n + 1))
    if [ "$1" = ok ]; then echo "ok $n - $2"; else
        failed=$((failed + 1)); echo "not ok $n - $2"
        [ -n "${3:-}" ] && sed 's/^/# /' "$3" | head -40
    fi
}

run() { # run RC NAME -- CMD...: runs, checks the exit status
    local want=$1 name=$2; shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    if [ "$rc" -eq "$want" ]; then result ok "$name: exit $want"; else
        echo "exit $rc, want $want" >"$tmp/why"; cat "$tmp/err" >>"$tmp/why"
        result fail "$name: exit $want" "$tmp/why"; fi
}

golden() { # golden FILE STREAM(out|err) NAME
    [ "${ADPA_GOLDEN_UPDATE:-}" = 1 ] && cp "$tmp/$2" "$exp/$1"
    if diff -u "$exp/$1" "$tmp/$2" >"$tmp/diff"; then result ok "$3"; else result fail "$3" "$tmp/diff"; fi
}

has() { # has STREAM PATTERN NAME (grep -E)
    if grep -Eq -- "$2" "$tmp/$1"; then result ok "$3"; else result fail "$3" "$tmp/$1"; fi
}

hasnot() { # hasnot STREAM PATTERN NAME
    if grep -Eq -- "$2" "$tmp/$1"; then result fail "$3" "$tmp/$1"; else result ok "$3"; fi
}

lines() { # lines STREAM N NAME: exactly N lines
    if [ "$(wc -l <"$tmp/$1")" -eq "$2" ]; then result ok "$3"; else result fail "$3" "$tmp/$1"; fi
}

schema() { # schema COMMAND NAME: stdout is valid against $defs/COMMAND of the one JSON Schema
    if python3 tests/cli/schema.py tests/cli/adpa-json.schema.json "$1" "$tmp/out" >"$tmp/why" 2>&1
    then result ok "$2"; else result fail "$2" "$tmp/why"; fi
}

empty() { # empty STREAM NAME
    if [ -s "$tmp/$1" ]; then result fail "$2" "$tmp/$1"; else result ok "$2"; fi
}

bad=tests/fixtures/bad
hostile=tests/fixtures/hostile

# conventions
run 0 "version" -- "$adpa" --version
has out '^adpa [0-9]+\.[0-9]+\.[0-9]+$' "version on stdout"
# start-up cost: libcurl (and its thirty libraries) is loaded by adpa sync
# only, never mapped by the other commands (bench/run: list 100 fiches)
readelf -d "$adpa" >"$tmp/out" 2>&1
has out 'NEEDED.*libcmark' "readelf sees the binary's libraries"
hasnot out 'NEEDED.*libcurl' "libcurl is not linked: sync loads it"
run 0 "help" -- "$adpa" --help
has out '^usage: adpa' "help on stdout"
run 2 "unknown command" -- "$adpa" frobnicate
has err 'unknown command "frobnicate"$' "unknown command named on stderr"
has err "^Try 'adpa --help'\.$" "the help to read after an unknown command"
lines err 2 "a usage error is one line plus the help to read"
empty out "nothing on stdout after a usage error"
run 2 "unknown option" -- "$adpa" list --frob
has err 'unknown option "--frob"' "unknown option named"
run 2 "option of another command" -- "$adpa" --course $bad list --width 40
has err -- '--width does not apply to list' "option/command mismatch explained"
run 2 "missing option value" -- "$adpa" list --course
has err 'needs a value' "missing value explained"
run 2 "bad width" -- "$adpa" show x --width abc
has err '^adpa: --width wants a number from 10 to 1000, not "abc"$' "bad width explained"
run 2 "bad color" -- "$adpa" show x --color sometimes
has err '^adpa: --color wants auto, always or never, not "sometimes"$' "bad color: the valid values"
has err "^Try 'adpa show --help'\.$" "bad value: the command's help to read"

# per-command help, generated from the option table; usage errors and suggestions
run 0 "show --help" -- "$adpa" show --help
has out '^usage: adpa show ID \[--width N\] \[--color auto\|always\|never\]$' "show --help: the synopsis from the table"
has out '^      --width N +lines of at most N columns' "show --help: its options with their help"
hasnot out '--json|--format|--rubric' "show --help: no option of another command"
has out '^  -h, --help ' "show --help: the global options"
empty err "show --help: nothing on stderr"
cp "$tmp/out" "$tmp/show-help"
run 0 "help show" -- "$adpa" help show
if cmp -s "$tmp/out" "$tmp/show-help"; then result ok "adpa help show is adpa show --help"; else result fail "adpa help show is adpa show --help" "$tmp/out"; fi
run 0 "-h after a command" -- "$adpa" export -h
has out '^usage: adpa export \[--all\] \[--format csv\|json\|xapi\]$' "export -h: the synopsis"
run 0 "help" -- "$adpa" help
has out '^  glossary +the glossary' "help: the commands with their summary"
run 2 "help of an unknown command" -- "$adpa" help serch
has err '^adpa: unknown command "serch" \(did you mean search\?\)$' "help: the closest command"
for c in $("$adpa" --help | sed -n 's/^  \([a-z]\+\)  .*/\1/p'); do
    run 0 "$c --help" -- "$adpa" "$c" --help
    has out "^usage: adpa $c" "$c --help: its usage"
    if awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$tmp/out"; then result ok "$c --help fits 80 columns"; else result fail "$c --help fits 80 columns" "$tmp/out"; fi
done
run 2 "command typo" -- "$adpa" lsit
has err '^adpa: unknown command "lsit" \(did you mean list\?\)$' "transposed letters: the closest command"
run 2 "command typo, longer" -- "$adpa" --course $bad glosary
has err '^adpa: unknown command "glosary" \(did you mean glossary\?\)$' "a missing letter: the closest command"
run 2 "option typo" -- "$adpa" list --jsno
has err '^adpa: unknown option "--jsno" \(did you mean --json\?\)$' "option typo: the closest option"
has err "^Try 'adpa list --help'\.$" "option typo: the help of the command typed"
run 2 "format xml" -- "$adpa" export --format xml
has err '^adpa: --format wants csv, json or xapi, not "xml"$' "--format xml: the valid values"
lines err 2 "--format xml: one line plus the help to read"
run 2 "format typo" -- "$adpa" export --format jsno
has err '^adpa: --format wants csv, json or xapi, not "jsno" \(did you mean json\?\)$' "--format typo: the closest value"
run 2 "operand count" -- "$adpa" --course $bad list extra
has err '^adpa: list takes no operand \("extra" given\)$' "list: operands refused by the command table"
run 2 "too many operands" -- "$adpa" --course $bad show a b
has err '^adpa: show takes ID, not 2 operands$' "show: at most one operand"
run 2 "option without command" -- "$adpa" --json
has err '^adpa: --json needs a command$' "a command option without command"
run 2 "terminal codes in an unknown command" -- "$adpa" $'\e]52;c;aGk=\a'
hasnot err $'\x1b|\x07' "unknown command: control characters neutralised"

# check
run 1 "check bad course" -- "$adpa" check $bad
golden check-bad.out out "check: every problem with its position"
empty err "check: results on stdout only"
run 0 "check hostile course" -- "$adpa" check $hostile
has out ': 1 fiche, 0 errors, 0 warnings$' "check summary line"
cp -r $bad "$tmp/big" && head -c 1100000 /dev/zero | tr '\0' 'a' >"$tmp/big/comprendre/99-big.md"
run 1 "check: file over 1 MiB" -- "$adpa" check "$tmp/big"
has out '99-big.md:1:1: error: file is larger than 1 MiB \(1100000 bytes\)' "1 MiB limit reported"
mkdir -p "$tmp/broken" && printf 'id: x\ntitle: "T\nrubrics: []\n' >"$tmp/broken/course.yaml"
run 1 "check: broken course.yaml" -- "$adpa" check "$tmp/broken"
has out 'course.yaml:4:1: error: yaml: while scanning a quoted scalar' "course.yaml syntax error located"
run 1 "list: broken course.yaml" -- "$adpa" --course "$tmp/broken" list
has err 'cannot load the course' "list explains a broken course"
run 1 "check: no such directory" -- "$adpa" check "$tmp/none"
has out 'not a course directory' "missing directory explained"

# list (lenient)
run 0 "list bad course leniently" -- "$adpa" list --course $bad
golden list-bad.out out "list: the good fiches"
golden list-bad.err err "list: one warning per skipped fiche"
run 0 "list --json" -- "$adpa" --course $bad list --json
schema list "list --json: valid against the JSON Schema"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["fiches"])==9 and d["fiches"][0]["questions"]==1' "$tmp/out" 2>"$tmp/why"
then result ok "list --json parses"; else result fail "list --json parses" "$tmp/why"; fi
run 0 "list --rubric" -- "$adpa" --course $bad list --rubric annexes
has out '^Annexes \(annexes, 0 fiches\)$' "rubric filter"
hasnot out 'Comprendre' "rubric filter leaves others out"
run 1 "list unknown rubric" -- "$adpa" --course $bad list --rubric nope
has err 'unknown rubric "nope"; rubrics: comprendre annexes' "unknown rubric lists the known ones"
ADPA_COURSE=$bad run 0 "ADPA_COURSE" -- "$adpa" list
has out 'ok-fiche' "ADPA_COURSE is used"

# show
run 0 "show" -- "$adpa" --course $bad show ok-fiche --width 40 --color never
golden show-ok.out out "show: header and body"
run 0 "show default width off a terminal" -- "$adpa" --course tests/fixtures/hostile show escapes
if awk '{ if (length($0) > 80) bad=1 } END { exit bad }' "$tmp/out"; then result ok "80 columns off a terminal"; else result fail "80 columns off a terminal" "$tmp/out"; fi
hasnot out $'\x1b' "no colour when stdout is not a terminal"
run 1 "show unknown fiche" -- "$adpa" --course $bad show nope
has err 'no fiche "nope" in this course \(adpa list shows the ids\)$' "unknown fiche explained"
run 1 "show a fiche id with a typo" -- "$adpa" --course $bad show ok-fihce
has err '^adpa: no fiche "ok-fihce" in this course \(did you mean ok-fiche\?\)$' "unknown fiche: the closest id"
run 1 "quiz a fiche id with a typo" -- "$adpa" --course tests/fixtures/quiz --db "$tmp/typo.db" quiz rgdp
has err '^adpa: no fiche "rgdp" \(did you mean rgpd\?\)$' "quiz: the closest id"
run 1 "list a rubric with a typo" -- "$adpa" --course $bad list --rubric annexe
has err '^adpa: unknown rubric "annexe" \(did you mean annexes\?\); rubrics: comprendre annexes$' "unknown rubric: the closest one"
run 2 "show without id" -- "$adpa" --course $bad show
run 0 "show invalid UTF-8 body" -- "$adpa" --course $bad show bad-utf8 --color never
has out $'caf\xef\xbf\xbd' "invalid byte shown as U+FFFD"
run 0 "show NUL body" -- "$adpa" --course $bad show nul-byte --color never
has out 'Ligne' "NUL body shown"

# text safety: no escape sequence from course files reaches the terminal
run 0 "show hostile, colour" -- "$adpa" --course $hostile show escapes --color always
hasnot out $'\x1b\\[2J|\x1b\\]|\x07|\x1b\\[5m|\xc2\x9b' "hostile fiche: only adpa's own SGR codes"
has out $'\x1b\\[0;1;35m' "colour when asked"
NO_COLOR=1 run 0 "NO_COLOR" -- "$adpa" --course $hostile show escapes --color always
hasnot out $'\x1b' "NO_COLOR wins"
run 0 "list hostile" -- "$adpa" --course $hostile list
hasnot out $'\x1b|\x07' "hostile titles cleaned in list"
run 0 "list hostile json" -- "$adpa" --course $hostile list --json
schema list "list hostile json: valid against the JSON Schema"
hasnot out '\\u001b|\\u0007' "hostile titles cleaned in JSON"

# progress store, quizzes and trainer commands (ADPA_NOW injects the clock)
qc=tests/fixtures/quiz
db="$tmp/store/progress.db"
export ADPA_NOW=1700000000
# no learner named: the login name becomes one, and that is said, once
login_db="$tmp/login/progress.db"
run 0 "quiz as the login name" -- env -u ADPA_LEARNER "$adpa" --course $qc --db "$login_db" quiz rgpd --no-shuffle < <(printf '1\n1 2\n1\n')
has err "^adpa: nouvel apprenant .*$(id -un).* \(le nom de session\).*--learner NOM" "quiz: a learner made from the login name is said"
run 0 "quiz as the login name again" -- env -u ADPA_LEARNER "$adpa" --course $qc --db "$login_db" quiz rgpd --no-shuffle < <(printf '1\n1 2\n1\n')
empty err "quiz: said only when the learner is new"
run 0 "quiz with --learner" -- "$adpa" --course $qc --db "$login_db" --learner léa quiz rgpd --no-shuffle < <(printf '1\n1 2\n1\n')
empty err "quiz: nothing said for a learner named"
run 1 "quiz interrupted at the end of input" -- "$adpa" --course $qc --db "$db" --learner ana quiz rgpd --no-shuffle < <(printf '1\n1 2\n')
has out 'Quiz interrompu après 2 questions \(réponses enregistrées\)' "interrupted quiz says its answers are kept"
if python3 -c 'import sqlite3,sys; n=sqlite3.connect(sys.argv[1]).execute("select count(*) from answer").fetchone()[0]; assert n==2, n' "$db" 2>"$tmp/why"
then result ok "answers given before the interruption are stored"; else result fail "answers given before the interruption are stored" "$tmp/why"; fi
run 0 "quiz answered" -- "$adpa" --course $qc --db "$db" --learner ana quiz rgpd --no-shuffle < <(printf '1\n1 2\n1\n')
has out '^1\) Six$' "choices as numbered lines"
has out 'Question 2/3 — plusieurs réponses possibles' "multiple-answer question announced"
has out '✓ 1\) Six — bonne réponse, votre choix' "feedback with sign and words"
has out '✗ 3\) Le droit à une place gratuite — mauvaise réponse$' "wrong choice marked in words"
has out 'Score[^0-9]+3/3 \(100[^0-9]+%\)\. Fiche maîtrisée\.' "score and mastery"
has out '^Récapitulatif$' "review of the attempt"
run 0 "quiz: bad input asked again" -- "$adpa" --course $qc --db "$db" --learner bob quiz rgpd --no-shuffle < <(printf '4\n\n2\n1 3\n1 2\n1\n')
has out 'tapez un numéro de 1 à 3' "out-of-range answer explained"
has out 'aucune réponse choisie' "empty answer explained"
has out 'une seule réponse est attendue ici' "several answers to a single-answer question explained"
has out 'Score[^0-9]+1/3 \(33[^0-9]+%\)\. Pas encore maîtrisée\.' "wrong answers scored"
run 0 "quiz shuffled" -- "$adpa" --course $qc --db "$db" --learner carl quiz rgpd < <(printf '1\n1 2\n1\n')
has out 'Score[^0-9]+[0-3]/3' "shuffled quiz graded"
if [ "$(stat -c %a "$db")" = 600 ] && [ "$(stat -c %a "$tmp/store")" = 700 ]; then result ok "store file 0600, directory 0700"; else
    ls -la "$tmp/store" >"$tmp/why"; result fail "store file 0600, directory 0700" "$tmp/why"; fi
run 0 "progress" -- "$adpa" --course $qc --db "$db" --learner ana progress
has out '^rgpd +maîtrisée +100[^0-9]+% +100[^0-9]+% +1 ' "progress per fiche: best, last, attempts"
has out '^Bases +0/2 +1/1 +100[^0-9]+%' "progress per rubric: mastered is not read"
run 0 "progress --json" -- "$adpa" --course $qc --db "$db" progress --learner ana --json
schema progress "progress --json: valid against the JSON Schema"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f=[x for x in d["fiches"] if x["fiche"]=="rgpd"][0]; assert f["status"]=="mastered" and f["best"]==100 and f["attempts"]==1 and d["total"]["mastered"]==1, d' "$tmp/out" 2>"$tmp/why"
then result ok "progress --json parses"; else result fail "progress --json parses" "$tmp/why"; fi
run 0 "export csv" -- "$adpa" --db "$db" export --all --format csv
if python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert open(sys.argv[1], "rb").read().count(b"\r\n") == 4, "CRLF line ends"
by = {r["learner"]: r for r in rows}
assert by["ana"]["best"] == "100" and by["ana"]["attempts"] == "1", by
assert by["bob"]["best"] == "33" and by["ana"]["last_activity"] == "2023-11-14T22:13:20Z", by
' "$tmp/out" 2>"$tmp/why"; then result ok "export csv parses back (RFC 4180)"; else result fail "export csv parses back (RFC 4180)" "$tmp/why"; fi
run 0 "export json" -- "$adpa" --db "$db" --learner bob export --format json
schema export "export json: valid against the JSON Schema"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["rows"]; assert len(d)==1 and d[0]["learner"]=="bob" and d[0]["completed"] is None' "$tmp/out" 2>"$tmp/why"
then result ok "export json parses back"; else result fail "export json parses back" "$tmp/why"; fi
run 2 "export needs a format" -- "$adpa" --db "$db" export
# notes and bookmarks (written as the TUI writes them): on the fiche's row,
# and a row for a fiche with only a note
if python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ana = c.execute("select id from learner where name = ?", ("ana",)).fetchone()[0]
c.execute("insert into note values (?, ?, ?, ?, ?)", (ana, "quiz-test", "rgpd", "vu, « \"bien\" »\r\nà revoir", 1700000001))
c.execute("insert into note values (?, ?, ?, ?, ?)", (ana, "quiz-test", "seule", "rien que la note", 1700000002))
c.executemany("insert into bookmark(learner, course, fiche, line, label, created) values (?, ?, ?, ?, ?, ?)",
              [(ana, "quiz-test", "rgpd", 40, "suite", 1700000003), (ana, "quiz-test", "rgpd", 12, "", 1700000004)])
c.commit()
' "$db" 2>"$tmp/why"; then result ok "notes and bookmarks written"; else result fail "notes and bookmarks written" "$tmp/why"; fi
run 0 "export csv with notes" -- "$adpa" --db "$db" --learner ana export --format csv
if python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
by = {r["fiche"]: r for r in rows}
assert list(rows[0])[-2:] == ["note", "bookmarks"], list(rows[0])
assert by["rgpd"]["note"] == "vu, « \"bien\" »\r\nà revoir", repr(by["rgpd"]["note"])
assert by["rgpd"]["bookmarks"] == "12; 40:suite", by["rgpd"]
assert by["seule"]["note"] == "rien que la note" and by["seule"]["bookmarks"] == "" and by["seule"]["attempts"] == "0", by
' "$tmp/out" 2>"$tmp/why"; then result ok "export csv: note quoted per RFC 4180, bookmarks by line"; else result fail "export csv: note quoted per RFC 4180, bookmarks by line" "$tmp/why"; fi
has out '^ana,[0-9a-f-]{36},quiz-test,rgpd,.*,"vu, « ""bien"" »' "CSV quoting of a note with a comma and quotes"
run 0 "export json with notes" -- "$adpa" --db "$db" --learner ana export --format json
schema export "export json with notes: valid against the JSON Schema"
if python3 -c '
import json, sys
d = {r["fiche"]: r for r in json.load(open(sys.argv[1], encoding="utf-8"))["rows"]}
assert d["rgpd"]["note"] == "vu, « \"bien\" »\r\nà revoir", d["rgpd"]
assert d["rgpd"]["bookmarks"] == [{"line": 12, "label": None, "created": "2023-11-14T22:13:24Z"},
                                  {"line": 40, "label": "suite", "created": "2023-11-14T22:13:23Z"}], d["rgpd"]
assert d["seule"]["bookmarks"] == [] and d["seule"]["note"] == "rien que la note", d["seule"]
' "$tmp/out" 2>"$tmp/why"; then result ok "export json: note and bookmarks"; else result fail "export json: note and bookmarks" "$tmp/why"; fi
ADPA_LEARNER='Zoé "Z", atelier' run 0 "learner from ADPA_LEARNER" -- "$adpa" --course $qc --db "$db" quiz rgpd < <(printf '1\n1\n2\n')
run 0 "export quotes fields" -- "$adpa" --db "$db" export --all --format csv
has out '^"Zoé ""Z"", atelier",[0-9a-f-]{36},quiz-test' "CSV quoting of commas and quotes"
cp "$db" "$tmp/laptop2.db"
run 0 "second laptop" -- "$adpa" --course $qc --db "$tmp/laptop2.db" --learner dina quiz rgpd --no-shuffle < <(printf '1\n1 2\n1\n')
run 0 "report of two files" -- "$adpa" --course $qc report "$db" "$tmp/laptop2.db"
has out '^dina +[^ ]*laptop2\.db +0/2 +100[^0-9]+% \(1[^0-9]quiz\)' "report: learner, file, fiches read, quiz mean and its quiz count"
has out '^Par apprenant \(9\)' "report keeps a name found in two files as two learners (one per file)"
has out '^ana \(\*\) ' "report marks a name that several learners carry"
has err '^adpa: même nom pour plusieurs apprenants de fichiers différents \(.*« ana »' "report says on stderr when names collide"
run 1 "report: unknown --learner" -- "$adpa" --course $qc --learner nobody report "$db" "$tmp/laptop2.db"
has err '^adpa: apprenant inconnu « nobody » ; apprenants connus : .*« ana », « bob », « carl », « dina »' "report: unknown learner, with the known names"
empty out "report: nothing on stdout for an unknown learner"
run 1 "progress --db: unknown learner" -- "$adpa" --course $qc --db "$tmp/laptop2.db" --learner nobody progress
has err 'apprenant inconnu « nobody » ; apprenants connus : .*« dina »' "progress --db: unknown learner, with the known names"
run 1 "export: unknown learner" -- "$adpa" --db "$tmp/laptop2.db" --learner nobody export --format csv
has err 'apprenant inconnu « nobody »' "export: unknown learner is an error, not an empty file"
run 0 "report --learner" -- "$adpa" --course $qc --learner dina report "$db" "$tmp/laptop2.db" --by learner
has out '^Par apprenant \(1\)' "report --learner keeps that learner only"
run 2 "report: --excel without csv" -- "$adpa" --course $qc report "$db" --excel
run 2 "report: bad --by" -- "$adpa" --course $qc report "$db" --by rubric
run 0 "report --format csv --excel" -- "$adpa" --course $qc report "$db" --format csv --excel
if python3 -c '
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw, raw[:20]
rows = list(csv.DictReader(raw[3:].decode("utf-8").splitlines(), delimiter=";"))
z = [r for r in rows if r["learner"].startswith("Zoé")][0]
assert z["learner"] == "Zoé \"Z\", atelier" and z["quizzes"] == "1", z
' "$tmp/out" 2>"$tmp/why"; then result ok "report --excel: BOM, ';', CRLF, quoting"; else result fail "report --excel: BOM, ';', CRLF, quoting" "$tmp/why"; fi
run 0 "report --json" -- "$adpa" --course $qc report "$db" --json
schema report "report --json: valid against the JSON Schema"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert {l["learner"] for l in d["learners"]} >= {"ana","bob"}' "$tmp/out" 2>"$tmp/why"
then result ok "report --json parses"; else result fail "report --json parses" "$tmp/why"; fi
sum_before=$(md5sum "$db" | cut -d" " -f1)
run 0 "report opens files read-only" -- "$adpa" --course $qc report "$db"
[ "$(md5sum "$db" | cut -d" " -f1)" = "$sum_before" ] && result ok "report leaves the file unchanged" || result fail "report leaves the file unchanged"
printf 'pas une base\n' >"$tmp/junk.db"
run 1 "progress on a junk file" -- "$adpa" --course $qc --db "$tmp/junk.db" progress
has err 'junk.db: .*pas un fichier de progression adpa' "junk file named, with what is wrong"
[ "$(cat "$tmp/junk.db")" = "pas une base" ] && result ok "junk file never overwritten" || result fail "junk file never overwritten"
run 1 "quiz where nothing can be written" -- "$adpa" --course $qc --db "$tmp/junk.db/sub/p.db" quiz rgpd < <(printf '1\n1\n1\n')
has err 'impossible de créer le dossier' "unwritable place: the reason"
has err 'progression non enregistrée' "unsaved progress said"
has out 'Score' "quiz without a store still runs, and its exit status says nothing was saved"
# kill -9 in the middle of a quiz: the answers already given are there
mkfifo "$tmp/fifo"
"$adpa" --course $qc --db "$tmp/kill.db" --learner eve quiz rgpd --no-shuffle <"$tmp/fifo" >"$tmp/kill.out" 2>&1 &
qpid=$!
exec 7>"$tmp/fifo"
printf '1\n1 2\n' >&7
for _ in $(seq 100); do grep -q 'Question 3/3' "$tmp/kill.out" && break; sleep 0.05; done
kill -9 $qpid; wait $qpid 2>/dev/null; exec 7>&-
if python3 -c 'import sqlite3,sys; n=sqlite3.connect(sys.argv[1]).execute("select count(*) from answer").fetchone()[0]; assert n==2, n' "$tmp/kill.db" 2>"$tmp/why"
then result ok "kill -9 during a quiz keeps the answers given"; else cat "$tmp/kill.out" >>"$tmp/why"; result fail "kill -9 during a quiz keeps the answers given" "$tmp/why"; fi
unset ADPA_NOW

# review (Leitner): a wrong answer comes back the next day, a right one in
# review two days after that (the clock injected with ADPA_NOW)
rdb="$tmp/review.db" day=86400 t0=1700000000
rv() { "$adpa" --course $qc --db "$rdb" --learner rita "$@"; }
ADPA_NOW=$t0 run 0 "quiz with a wrong answer" -- rv quiz rgpd --no-shuffle < <(printf '2\n1 2\n1\n')
ADPA_NOW=$t0 run 0 "review --due the same day" -- rv review --due
has out '^0$' "review --due: nothing due the same day"
ADPA_NOW=$t0 run 0 "review with nothing due" -- rv review
has out 'Aucune question à revoir' "review with nothing due says so"
ADPA_NOW=$((t0 + day)) run 0 "review --due the next day" -- rv review --due
has out '^1$' "review --due: the wrong answer is due the next day"
ADPA_NOW=$((t0 + day)) run 1 "review interrupted" -- rv review < /dev/null
has out 'Révision interrompue après 0 question\.' "an interrupted review says so"
ADPA_NOW=$((t0 + day)) run 0 "review answered right" -- rv review --no-shuffle < <(printf '1\n')
has out '^Question 1/1 — une seule réponse$' "review: the due question"
has out '^Fiche[^:]*: Le RGPD en trois questions$' "review: the question's fiche named"
has out '✓ 1\) Six — bonne réponse, votre choix' "review: feedback as in a quiz"
has out 'Révision terminée[^0-9]+1/1 juste\.' "review: the count of right answers"
ADPA_NOW=$((t0 + day)) run 0 "review --due after the review" -- rv review --due
has out '^0$' "review --due: nothing left that day"
ADPA_NOW=$((t0 + 3 * day - 1)) run 0 "review --due a second before" -- rv review --due
has out '^0$' "review --due: not due before two more days"
ADPA_NOW=$((t0 + 3 * day)) run 0 "review --due two days later" -- rv review --due
has out '^1$' "review --due: due again two days after the right answer"
ADPA_NOW=$((t0 + 3 * day)) run 0 "review --due for another learner" -- "$adpa" --course $qc --db "$rdb" --learner zoe review --due
has out '^0$' "review --due: per learner"
run 2 "--due belongs to review" -- "$adpa" --course $qc --db "$rdb" quiz rgpd --due
has err -- '--due does not apply to quiz' "--due elsewhere explained"
run 2 "review takes no operand" -- rv review rgpd

# search: accents ignored, JSON that parses, the cache file, rebuilt when a fiche changes
export XDG_CACHE_HOME="$tmp/cache"
tc=tests/fixtures/tui-course
run 0 "search without accents" -- "$adpa" --course $tc search donnees
has out '^Premiers pas avec les données$' "« donnees » finds « données »"
has out '^  Comprendre le contexte · fix-premiers-pas$' "rubric and id under the title"
hasnot out $'\x1b' "search: no colour off a terminal"
if [ "$(stat -c %a "$tmp"/cache/adpa/search-*.db)" = 600 ] && [ "$(stat -c %a "$tmp/cache/adpa")" = 700 ]; then
    result ok "search cache file 0600 in \$XDG_CACHE_HOME/adpa (0700)"; else
    ls -la "$tmp/cache/adpa" >"$tmp/why" 2>&1; result fail "search cache file 0600 in \$XDG_CACHE_HOME/adpa (0700)" "$tmp/why"; fi
run 0 "search --json" -- "$adpa" --course $tc search ZEPH --json
schema search "search --json: valid against the JSON Schema"
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
r = d["results"]
assert d["query"] == "ZEPH" and d["total"] == 1 and len(r) == 1, d
h = r[0]
assert h["fiche"] == "fix-premiers-pas" and h["rubric"] == "comprendre" and h["rank"] == 1, h
assert h["highlights"] and all(m["text"].lower().startswith("zéph") for m in h["highlights"]), h
b = h["snippet"].encode()
assert all(b[m["offset"]:m["offset"] + m["length"]].decode() == m["text"] for m in h["highlights"]), h
' "$tmp/out" 2>"$tmp/why"; then result ok "search --json parses, highlights are byte ranges of the snippet"; else result fail "search --json parses, highlights are byte ranges of the snippet" "$tmp/why"; fi
run 0 "search colour" -- "$adpa" --course $tc search theatre --color always
has out $'\x1b\\[0;7mthéâtre\x1b\\[0m' "matches in reverse video with --color always"
run 1 "search without hit" -- "$adpa" --course $tc search 'AND (' xyzzy
has err 'no fiche matches "AND \( xyzzy"' "FTS5 syntax is searched as words"
empty out "nothing on stdout without a hit"
run 2 "search without a word" -- "$adpa" --course $tc search '"' '*' '('
has err 'search needs a word' "a query of operators only explained"
run 2 "search without operand" -- "$adpa" --course $tc search
cp -r $tc "$tmp/sc"
run 1 "search before a change" -- "$adpa" --course "$tmp/sc" search zanzibar
printf '\nUn mot nouveau : zanzibar.\n' >>"$tmp/sc/comprendre/03-courte.md"
touch -d '2030-01-01' "$tmp/sc/comprendre/03-courte.md"
run 0 "search after a change: index rebuilt" -- "$adpa" --course "$tmp/sc" search zanzibar
has out '^Une fiche courte$' "the changed fiche is found"
for f in "$tmp"/cache/adpa/search-*.db; do printf 'abîmé' >"$f"; done
run 0 "search with a corrupt cache" -- "$adpa" --course "$tmp/sc" search zanzibar
empty err "a corrupt cache is rebuilt silently"
unset XDG_CACHE_HOME

# glossary: every entry, one by term or alias (accents ignored), JSON, unknown terms
gc=tests/fixtures/tui-course
run 0 "glossary" -- "$adpa" --course $gc glossary --width 60
has out '^Indicateur$' "glossary: every term"
has out '^  Aussi.: KPI, Indicateur clé$' "glossary: aliases"
has out '^  Fiches.: Premiers pas avec les données$' "glossary: fiches wrapped at --width"
has out '^  \(fix-premiers-pas\).; Le vocabulaire des données$' "glossary: a semicolon never starts a line"
hasnot out $'\x1b' "glossary: no colour off a terminal"
run 0 "glossary TERM by alias" -- "$adpa" --course $gc glossary indicateur cle
has out '^Indicateur$' "glossary: alias without accent, unquoted words"
hasnot out '^Vent$' "glossary TERM: that entry only"
run 0 "glossary --json" -- "$adpa" --course $gc glossary --json
schema glossary "glossary --json: valid against the JSON Schema"
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
t = {e["term"]: e for e in d["terms"]}
assert d["course"] and list(t) == ["Donnée", "Indicateur", "Vent"], d
assert t["Indicateur"]["aliases"] == ["KPI", "Indicateur clé"], t
assert [f["fiche"] for f in t["Vent"]["fiches"]] == ["fix-premiers-pas", "fix-courte"], t
assert len(t["Donnée"]["fiches"]) == 6, t
' "$tmp/out" 2>"$tmp/why"; then result ok "glossary --json parses, fiches in course order"; else result fail "glossary --json parses, fiches in course order" "$tmp/why"; fi
run 0 "glossary TERM --json" -- "$adpa" --course $gc glossary KPI --json
schema glossary "glossary TERM --json: valid against the JSON Schema"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["terms"]; assert len(d)==1 and d[0]["term"]=="Indicateur" and d[0]["fiches"]==[{"fiche":"fix-objectifs","title":"Fixer des objectifs"}], d' "$tmp/out" 2>"$tmp/why"
then result ok "glossary TERM --json is the entry"; else result fail "glossary TERM --json is the entry" "$tmp/why"; fi
run 1 "glossary unknown term" -- "$adpa" --course $gc glossary indicatuer
has err 'no glossary term "indicatuer" in this course; close terms: "Indicateur"' "glossary: close terms offered"
empty out "glossary: nothing on stdout for an unknown term"
run 0 "glossary bundled course" -- "$adpa" glossary --json
schema glossary "glossary bundled course: valid against the JSON Schema"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["terms"]) > 10 and any(e["fiches"] for e in d["terms"])' "$tmp/out" 2>"$tmp/why"
then result ok "glossary: bundled course parses"; else result fail "glossary: bundled course parses" "$tmp/why"; fi
run 2 "glossary --rubric" -- "$adpa" glossary --rubric x

# output safety: a progress file with hostile learner names and notes, built
# here with adpa and the sqlite3 shell (adpa drops control characters from the
# names it creates and refuses invalid UTF-8, so each learner is renamed in
# the file as another program would). On a terminal nothing raw (ESC, OSC 52,
# OSC 8); in JSON nothing dropped (invalid UTF-8 repaired, said once per kind
# on stderr); in CSV no formula.
export ADPA_NOW=1700000000
hdb="$tmp/hostile.db"
esc=$'esc\e[2Jname' osc52=$'clip\e]52;c;aGVsbG8=\a' osc8=$'link\e]8;;http://evil/\e\\click\e]8;;\e\\'
badutf=$'bad\xffname' formula='=HYPERLINK("http://evil","x")' script='<script>alert(1)</script>'
i=0
for who in "$esc" "$osc52" "$osc8" "$badutf" "$formula" "$script" '-2+3' '@SUM(A1)'; do
    i=$((i + 1))
    "$adpa" --course $qc --db "$hdb" --learner "hostile$i" quiz rgpd --no-shuffle < <(printf '1\n1 2\n1\n') >/dev/null 2>&1
    sqlite3 "$hdb" "update learner set name = cast(x'$(printf '%s' "$who" | od -An -tx1 | tr -d ' \n')' as text) where name = 'hostile$i'"
done
sqlite3 "$hdb" "insert into note select id, 'quiz-test', 'rgpd', cast(x'636166e90a3d636d647c' as text), 1700000001 from learner where name = 'esc' || char(27) || '[2Jname';
insert into note select id, 'quiz-test', 'rgpd', '=cmd|'' /C calc''!A0', 1700000002 from learner where name = '<script>alert(1)</script>';
insert into bookmark(learner, course, fiche, line, label, created) select id, 'quiz-test', 'rgpd', 3, cast(x'ff6c6162656c' as text), 1700000003 from learner where name = '-2+3';" 2>"$tmp/why"
nl=$(sqlite3 "$hdb" 'select count(*) from learner; select count(*) from note; select count(*) from bookmark' | tr '\n' ' ')
[ "$nl" = "8 2 1 " ] && result ok "hostile progress file: 8 learners, 2 notes, 1 bookmark" || result fail "hostile progress file: 8 learners, 2 notes, 1 bookmark" "$tmp/why"
raw=$'\x1b|\x07|\xc2\x9b'
run 0 "report with hostile names" -- env -C "$tmp" "$adpa" --course "$PWD/$qc" report hostile.db
hasnot out "$raw" "report: no raw control character from learner names"
golden report-hostile.out out "report: hostile names shown in caret notation, byte by byte"
run 0 "report csv with hostile names" -- "$adpa" --course $qc report "$hdb" --format csv
has out '^"'"'"'=HYPERLINK\(""http://evil"",""x""\)",' "report csv: a formula name neutralised and quoted"
has out '^"'"'"'@SUM\(A1\)",' "report csv: @ neutralised"
run 0 "report html with hostile names" -- "$adpa" --course $qc report "$hdb" --format html
hasnot out '<script>alert' "report html: no script element from a name"
has out '<td>&lt;script&gt;alert\(1\)&lt;/script&gt;</td>' "report html: the name escaped, shown as text"
hasnot out "$raw" "report html: no raw control character"
has out 'esc\^\[\[2Jname' "report html: controls in caret notation"
run 0 "progress of a hostile name" -- "$adpa" --course $qc --db "$hdb" --learner "$osc8" progress
hasnot out "$raw" "progress: no raw control character"
if [ "$(head -1 "$tmp/out")" = 'Progression de link^[]8;;http://evil/^[\click^[]8;;^[\ — Cours de test des quiz (maîtrise à 80'$'\xc2\xa0''%)' ]
then result ok "progress: OSC 8 name in caret notation"; else result fail "progress: OSC 8 name in caret notation" "$tmp/out"; fi
run 0 "export json with invalid UTF-8" -- "$adpa" --db "$hdb" export --all --format json
schema export "export json, hostile: valid against the JSON Schema"
if python3 -c '
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))["rows"]
names = sorted({r["learner"] for r in rows})
want = sorted(["esc\x1b[2Jname", "clip\x1b]52;c;aGVsbG8=\x07", "link\x1b]8;;http://evil/\x1b\\click\x1b]8;;\x1b\\",
               "bad\ufffdname", "=HYPERLINK(\"http://evil\",\"x\")", "<script>alert(1)</script>", "-2+3", "@SUM(A1)"])
assert names == want, names
assert len(rows) == 8, len(rows)
notes = {r["learner"]: r["note"] for r in rows if r["note"]}
assert notes["esc\x1b[2Jname"] == "caf\ufffd\n=cmd|", notes
assert notes["<script>alert(1)</script>"] == "=cmd|\x27 /C calc\x27!A0", notes
marks = [m for r in rows for m in r["bookmarks"]]
assert marks == [{"line": 3, "label": "\ufffdlabel", "created": "2023-11-14T22:13:23Z"}], marks
' "$tmp/out" 2>"$tmp/why"; then result ok "export json: every row kept, names and notes exact, invalid bytes as U+FFFD"; else result fail "export json: every row kept, names and notes exact, invalid bytes as U+FFFD" "$tmp/why"; fi
printf '%s\n' 'adpa: invalid UTF-8 in 1 learner names: each invalid byte written as U+FFFD' \
    'adpa: invalid UTF-8 in 1 notes: each invalid byte written as U+FFFD' \
    'adpa: invalid UTF-8 in 1 bookmark labels: each invalid byte written as U+FFFD' >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/err"; then result ok "export json: the repairs said once per kind of field"; else diff "$tmp/want" "$tmp/err" >"$tmp/why"; result fail "export json: the repairs said once per kind of field" "$tmp/why"; fi
run 0 "report --json with invalid UTF-8" -- "$adpa" --course $qc report "$hdb" --json
schema report "report --json, hostile: valid against the JSON Schema"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); n=[l["learner"] for l in d["learners"]]; assert len(n)==8 and "bad\ufffdname" in n, n' "$tmp/out" 2>"$tmp/why"
then result ok "report --json: no learner dropped"; else result fail "report --json: no learner dropped" "$tmp/why"; fi
has err '^adpa: invalid UTF-8 in 1 learner names: each invalid byte written as U\+FFFD$' "report --json: the repair said"
run 0 "progress --json with invalid UTF-8" -- "$adpa" --course $qc --db "$hdb" --learner "$badutf" progress --json
schema progress "progress --json, hostile: valid against the JSON Schema"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["learner"]=="bad\ufffdname" and d["fiches"][0]["best"]==100, d' "$tmp/out" 2>"$tmp/why"
then result ok "progress --json: the learner repaired, not dropped"; else result fail "progress --json: the learner repaired, not dropped" "$tmp/why"; fi
run 0 "export csv with formulas" -- "$adpa" --db "$hdb" export --all --format csv
if python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8", errors="surrogateescape")))
assert len(rows) == 8, len(rows)
names = {r["learner"] for r in rows}
assert "\x27=HYPERLINK(\"http://evil\",\"x\")" in names and "\x27-2+3" in names and "\x27@SUM(A1)" in names, names
assert "<script>alert(1)</script>" in names, names
notes = {r["learner"]: r["note"] for r in rows}
assert notes["<script>alert(1)</script>"] == "\x27=cmd|\x27 /C calc\x27!A0", notes
for r in rows:
    for k, v in r.items():
        assert not v or v[0] not in "=+-@\t\r", (k, v)
' "$tmp/out" 2>"$tmp/why"; then result ok "export csv: formula cells prefixed with a quote"; else result fail "export csv: formula cells prefixed with a quote" "$tmp/why"; fi
has out $'^"\'=HYPERLINK\\(""http://evil"",""x""\\)",[0-9a-f-]{36},quiz-test,rgpd,' "export csv: a formula cell, byte by byte (RFC 4180 quoting kept)"
has out $'^esc\x1b\\[2Jname,' "export csv to a file: the data as it is"
if script -qec "$adpa --db '$hdb' export --all --format csv" /dev/null >"$tmp/out" 2>&1; then
    hasnot out "$raw" "export csv on a terminal: no raw control character"
    has out '^esc\^\[\[2Jname,' "export csv on a terminal: caret notation"
else result fail "export csv on a terminal (script)" "$tmp/out"; fi
# JSON: the controls jansson leaves raw (C1 CSI, bidi RLO, DEL) as \u escapes
# (adpa drops such characters from the names it creates: renamed in the file)
c1=$'c1\xc2\x9b2Jbidi\xe2\x80\xaeevil\x7f\xc3\xa9'
"$adpa" --course $qc --db "$tmp/c1.db" --learner c1 quiz rgpd --no-shuffle < <(printf '1\n') >/dev/null 2>&1
sqlite3 "$tmp/c1.db" "update learner set name = cast(x'$(printf '%s' "$c1" | od -An -tx1 | tr -d ' \n')' as text) where name = 'c1'"
run 0 "export json: C1, bidi and DEL" -- "$adpa" --db "$tmp/c1.db" export --all --format json
has out '^      "learner": "c1\\u009b2Jbidi\\u202eevil\\u007fé",$' "JSON: C1, bidi and DEL written as \\u escapes, byte by byte"
hasnot out $'\xc2\x9b|\xe2\x80\xae|\x7f' "JSON: none of them raw"
# diagnostics: a file name and an SQLite message quoting a schema name
cp -r $bad "$tmp/hc" && mv "$tmp/hc/comprendre/02-yaml-syntax.md" "$tmp/hc/comprendre/"$'\e]52;c;aGk=\a.md'
run 1 "check: a file named with OSC 52" -- "$adpa" check "$tmp/hc"
hasnot out "$raw" "check: the file name cleaned"
has out $'/comprendre/\\^\\[\\]52;c;aGk=\\^G\\.md:5:1: error:' "check: the file name in caret notation"
cp "$hdb" "$tmp/view.db"
sqlite3 "$tmp/view.db" "alter table learner rename to learner_old; create view learner as select * from \"$(printf 'x\e]52;c;aGk=\a')\""
run 1 "report: SQLite error quoting a hostile name" -- "$adpa" --course $qc report "$tmp/view.db"
hasnot err "$raw" "report: the SQLite message cleaned"
has err '^adpa: .*view.db: ' "report: the file named"
unset ADPA_NOW

echo "1..$n"
[ "$failed" -eq 0 ]
