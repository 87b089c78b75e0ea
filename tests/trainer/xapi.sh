#!/bin/bash
# adpa export --format xapi and the usage of adpa sync (the network part is
# lrs.sh): statements that are valid JSON, deterministic, one per event,
# hostile names escaped, bad usage refused, collected files untouched.
set -u
adpa=$1
cd "$(dirname "$0")/../.." || exit 1
. tests/trainer/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset ADPA_COURSE ADPA_DB ADPA_LEARNER ADPA_LRS_URL ADPA_LRS_USER ADPA_LRS_PASSWORD
qc=tests/fixtures/quiz
db=$tmp/p.db
quiz() { "$adpa" --course $qc --db "$db" --learner "$1" quiz rgpd --no-shuffle < <(printf "$2") >/dev/null 2>&1; }
ADPA_NOW=1700000000 quiz ana '1\n1 2\n1\n'
ADPA_NOW=1700000300 quiz bob '2\n1\n1\n'
x() { "$adpa" --course $qc --db "$db" "$@"; }

sum=$(md5sum <"$db")
run 0 "export --format xapi" -- x export --all --format xapi
cp "$tmp/out" "$tmp/a.json"
py "8 statements, valid ids, one per event" '
import json, re, sys
a = json.load(open(sys.argv[1]))
assert len(a) == 8, len(a)
ids = [s["id"] for s in a]
assert len(set(ids)) == 8
assert all(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", i) for i in ids)
verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in a]
assert verbs == ["answered"] * 3 + ["passed"] + ["answered"] * 3 + ["failed"], verbs
assert all(s["actor"]["account"]["homePage"] == "https://adpa.invalid/learners" for s in a)
' "$tmp/a.json"
x export --all --format xapi >"$tmp/b.json"
cmp -s "$tmp/a.json" "$tmp/b.json" && result ok "export twice: the same bytes" || result fail "export twice: the same bytes"
run 0 "export --format xapi for one learner" -- x --learner bob export --format xapi
py "only that learner" 'import json, sys; a = json.load(open(sys.argv[1])); assert len(a) == 4 and {s["actor"]["name"] for s in a} == {"bob"}' "$tmp/out"
run 1 "export --format xapi for an unknown learner" -- x --learner zoe export --format xapi
nb=$'\xc2\xa0' # typography: no-break spaces in « » and before a colon
has err "apprenant inconnu « zoe » ; apprenants connus : « ana », « bob »" "unknown learner: the known ones listed"
[ "$(md5sum <"$db")" = "$sum" ] && result ok "export leaves the file as it was" || result fail "export leaves the file as it was"

# a fiche edited since the answers: fewer questions now
mkdir -p "$tmp/course" && cp -r $qc/. "$tmp/course/"
python3 - "$tmp/course/bases/01-rgpd.md" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
i = s.index("  - question: \"Qui contrôle")
j = s.index("---", i)
open(p, "w").write(s[:i] + s[j:])
PY
run 0 "export after the course changed" -- "$adpa" --course "$tmp/course" --db "$db" export --all --format xapi
py "a question gone from the course: its answer still a statement, without choices" '
import json, sys
a = json.load(open(sys.argv[1]))
q3 = [s for s in a if s["object"]["id"].endswith("/questions/3")]
assert len(q3) == 2 and all("choices" not in s["object"]["definition"] for s in q3), q3
assert all(s["object"]["definition"]["interactionType"] == "choice" for s in q3)
' "$tmp/out"

# a hostile name written into the file by another program
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("insert into learner(name, created, uuid) values (?, 1, ?)", ("ev\x1b[2Jil", "00000000-0000-4000-8000-000000000001"))
c.execute("insert into reading(learner, course, fiche, first_opened, last_opened) values (last_insert_rowid(), ?, ?, 5, 5)", ("quiz-test", "rgpd"))
c.commit()' "$db"
run 0 "export with a hostile name" -- x export --all --format xapi
py "hostile name: escaped in JSON" 'import json, sys; a = json.load(open(sys.argv[1])); assert a[0]["actor"]["name"] == "ev\x1b[2Jil"' "$tmp/out"
hasnot out $'\e' "hostile name: no raw escape in the output"
run 0 "sync --dry-run with a hostile name" -- x sync --lrs http://127.0.0.1:1/xAPI --dry-run
hasnot out $'\e' "dry run: no escape reaches the terminal"
has out '^9 déclarations iraient' "dry run: the statements"

# bad usage
run 2 "sync without an LRS" -- x sync
has err 'l’adresse du LRS manque' "no LRS: said in French"
ADPA_LRS_URL=ftp://x run 2 "sync to a non-HTTP URL" -- x sync
run 2 "sync --user without --password" -- x sync --lrs http://127.0.0.1:1/ --user k
run 2 "sync --batch 0" -- x sync --lrs http://127.0.0.1:1/ --batch 0
run 2 "sync with an operand" -- x sync extra --lrs http://127.0.0.1:1/
run 2 "--dry-run on another command" -- x export --all --format csv --dry-run
run 2 "export --format xml" -- x export --all --format xml
run 1 "sync of a file that is not a progress file" -- "$adpa" --course $qc --db /dev/null/x.db sync --lrs http://127.0.0.1:1/ --dry-run
finish
