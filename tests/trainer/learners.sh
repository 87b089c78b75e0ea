#!/bin/bash
# adpa learners and learner identity: names normalised, a stable UUID per
# learner kept in the file and in exports, hostile names cleaned, collected
# files left untouched.
set -u
adpa=$1
cd "$(dirname "$0")/../.." || exit 1
. tests/trainer/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset ADPA_COURSE ADPA_DB ADPA_LEARNER
export ADPA_NOW=1700000000
qc=tests/fixtures/quiz
db=$tmp/p.db

quiz() { "$adpa" --course $qc --db "$db" --learner "$1" quiz rgpd --no-shuffle < <(printf '1\n1 2\n1\n') >/dev/null 2>&1; }
quiz $'  Zoé \t Martin '
ADPA_NOW=1700000500 quiz bob
run 0 "learners" -- "$adpa" --db "$db" learners
has out '^Zoé Martin +[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}  2023-11-14T22:13:20Z  2023-11-14T22:13:20Z$' \
    "learners: normalised name, v4 UUID, created, last activity"
has out '^bob ' "learners: the second learner"
has out '^2 apprenants dans ' "learners: count and file"
run 0 "learners --json" -- "$adpa" --db "$db" learners --json
cp "$tmp/out" "$tmp/learners.json"
if python3 tests/cli/schema.py tests/cli/adpa-json.schema.json learners "$tmp/out" >"$tmp/why" 2>&1
then result ok "learners --json: valid against the JSON Schema"; else result fail "learners --json: valid against the JSON Schema" "$tmp/why"; fi
py "learners --json: format 1, two learners, distinct v4 ids" '
import json, sys, re
d = json.load(open(sys.argv[1]))
assert d["format"] == 1, d
names = [l["learner"] for l in d["learners"]]
assert names == ["Zoé Martin", "bob"], names
ids = [l["learner_id"] for l in d["learners"]]
assert all(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", i) for i in ids), ids
assert len(set(ids)) == 2
assert d["learners"][1]["last_activity"] == "2023-11-14T22:21:40Z"
' "$tmp/learners.json"
quiz "Zoé Martin"
"$adpa" --db "$db" learners --json >"$tmp/again.json"
py "the same name is the same learner, with the same id" '
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["learners"] == b["learners"], (a, b)
' "$tmp/learners.json" "$tmp/again.json"
run 0 "export csv" -- "$adpa" --db "$db" export --all --format csv
py "export csv carries the learner id" '
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
ids = {l["learner"]: l["learner_id"] for l in json.load(open(sys.argv[2]))["learners"]}
assert rows and all(r["learner_id"] == ids[r["learner"]] for r in rows), rows
' "$tmp/out" "$tmp/learners.json"
run 0 "export json" -- "$adpa" --db "$db" export --all --format json
py "export json carries the learner id" '
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
ids = {l["learner"]: l["learner_id"] for l in json.load(open(sys.argv[2]))["learners"]}
assert rows and all(r["learner_id"] == ids[r["learner"]] for r in rows), rows
' "$tmp/out" "$tmp/learners.json"

# bad input
run 1 "an empty learner name" -- "$adpa" --course $qc --db "$db" --learner $' \t ' quiz rgpd
has err 'le nom d’apprenant est vide' "empty name: said in French"
run 1 "a learner name of control characters" -- "$adpa" --course $qc --db "$db" --learner $'\e\x7f' quiz rgpd
run 2 "learners takes no operand" -- "$adpa" --db "$db" learners extra
run 1 "learners of a missing file" -- "$adpa" --db "$tmp/none.db" learners
has err 'none.db' "missing file named"
printf 'not a database at all, a learner'"'"'s notes\n' >"$tmp/junk.db"
run 1 "learners of a file that is not a progress file" -- "$adpa" --db "$tmp/junk.db" learners

# a hostile name written into a collected file by another program
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("insert into learner(name, created, uuid) values (?, 1, ?)", ("ev\x1b]52;c;aGk=\x07il\x1b[2J", "00000000-0000-4000-8000-000000000001"))
c.commit()' "$db"
sum=$(md5sum <"$db")
run 0 "learners with a hostile name" -- "$adpa" --db "$db" learners
hasnot out $'\e' "hostile name: no escape reaches the terminal"
has out '^ev\^\[\]52;c;aGk=\^Gil\^\[\[2J ' "hostile name: shown in caret notation"
run 0 "learners --json with a hostile name" -- "$adpa" --db "$db" learners --json
py "hostile name: JSON escapes it" '
import json, sys
d = json.load(open(sys.argv[1]))
assert any(l["learner"] == "ev\x1b]52;c;aGk=\x07il\x1b[2J" for l in d["learners"])
' "$tmp/out"
[ "$(md5sum <"$db")" = "$sum" ] && result ok "learners leaves the file as it was" || result fail "learners leaves the file as it was"
finish
