#!/bin/bash
# adpa sync against a real Learning Record Store: Learning Locker's statement
# service (npm xapi-statements 5.0.1, in memory, on 127.0.0.1), which checks
# every statement with Learning Locker's own xAPI validator. Pushes, pushes
# again (nothing twice), loses the LRS in the middle of a sync (the outbox
# keeps what did not arrive, the next sync completes), and compares what the
# LRS holds with the progress file. The service is installed once with npm
# into ${XDG_CACHE_HOME:-~/.cache}/adpa-test/lrs and reused.
set -u
adpa=$1
cd "$(dirname "$0")/../.." || exit 1
. tests/trainer/lib.sh
here=$PWD/tests/trainer
tmp=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
unset ADPA_COURSE ADPA_DB ADPA_LEARNER ADPA_LRS_URL ADPA_LRS_USER ADPA_LRS_PASSWORD
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
qc=tests/fixtures/quiz
db=$tmp/laptop.db
lrsdir=${XDG_CACHE_HOME:-$HOME/.cache}/adpa-test/lrs

install_lrs() {
    [ -f "$lrsdir/.installed-5.0.1" ] && return 0
    command -v npm >/dev/null && command -v node >/dev/null || {
        echo "# node and npm are needed (scripts/test installs them)"; return 1; }
    mkdir -p "$lrsdir" &&
        npm install --prefix "$lrsdir" --no-audit --no-fund --loglevel=error \
            xapi-statements@5.0.1 >"$tmp/npm.log" 2>&1 &&
        touch "$lrsdir/.installed-5.0.1" || { sed 's/^/# /' "$tmp/npm.log" | tail -20; return 1; }
}

start_lrs() { # sets lrs_pid and lrs_url
    local port dir=$tmp/lrs$1
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$dir"
    (cd "$dir" && MODELS_REPO=memory STORAGE_REPO=local AUTH_REPO=test EVENTS_REPO=test \
        EXPRESS_PORT=$port FS_LOCAL_STORAGE_DIR=$dir/storage EXPRESS_MORGAN_DIRECTORY=$dir/logs \
        WINSTON_CONSOLE_LEVEL=error exec node --require "$here/lrs_localhost.js" \
        "$lrsdir/node_modules/xapi-statements/dist/index.js" >"$dir/log" 2>&1) &
    lrs_pid=$!
    pids+=("$lrs_pid")
    lrs_url=http://127.0.0.1:$port/xAPI
    python3 - "$lrs_url/about" <<'PY'
import sys, time, urllib.request
for _ in range(120):
    try:
        urllib.request.urlopen(sys.argv[1], timeout=2).read(); sys.exit(0)
    except Exception:
        time.sleep(0.5)
sys.exit(1)
PY
}

if install_lrs; then result ok "LRS service installed (cached in $lrsdir)"; else
    result fail "LRS service installed"; finish; exit; fi
if start_lrs 1; then result ok "LRS started on 127.0.0.1"; else
    result fail "LRS started" "$tmp/lrs1/log"; finish; exit; fi

# a laptop: two learners, a quiz passed and one failed, two fiches read
quiz() { "$adpa" --course $qc --db "$db" --learner "$1" quiz rgpd --no-shuffle < <(printf "$2") >/dev/null 2>&1; }
ADPA_NOW=1700000000 quiz ana '1\n1 2\n1\n'
ADPA_NOW=1700000300 quiz 'Zoé' '2\n1\n1\n'
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ana = c.execute("select id from learner where name = ?", ("ana",)).fetchone()[0]
c.executemany("insert into reading(learner, course, fiche, first_opened, last_opened, completed) values (?, ?, ?, ?, ?, ?)",
              [(ana, "quiz-test", "rgpd", 1699999900, 1700000000, 1699999950), (ana, "quiz-test", "suite", 1700000400, 1700000400, 0)])
c.commit()' "$db"
sync() { "$adpa" --course $qc --db "$1" sync --user adpa-test --password secret "${@:2}"; }

sum=$(md5sum <"$db")
run 0 "dry run" -- sync "$db" --lrs "$lrs_url" --dry-run
has out '^11 déclarations iraient à http://127\.0\.0\.1:[0-9]+/xAPI/statements' "dry run: what would be sent"
[ "$(md5sum <"$db")" = "$sum" ] && result ok "dry run: file unchanged" || result fail "dry run: file unchanged"

run 0 "sync" -- sync "$db" --lrs "$lrs_url"
has out '^11 déclarations acceptées par le LRS, 0 refusée, 0 en attente\.$' "sync: all accepted"
"$adpa" --course $qc --db "$db" export --all --format xapi >"$tmp/export.json"
run 0 "the LRS holds the progress file's events, once each, as adpa built them" -- \
    python3 "$here/lrs_check.py" "$lrs_url" "$db" "$tmp/export.json"

run 0 "sync again" -- sync "$db" --lrs "$lrs_url"
has out '^Rien à envoyer' "sync again: nothing to send"
cp "$db" "$tmp/copy.db"
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("delete from outbox"); c.commit()' "$tmp/copy.db"
run 0 "a copy of the file pushes everything again" -- sync "$tmp/copy.db" --lrs "$lrs_url" --batch 4
has out '^11 déclarations acceptées' "the LRS accepts them again"
run 0 "pushed twice, held once" -- python3 "$here/lrs_check.py" "$lrs_url" "$db" "$tmp/export.json"

# the LRS dies in the middle of a sync: batches of 2, killed after the 2nd
ADPA_NOW=1700001000 quiz bob '1\n1 2\n1\n'
ADPA_NOW=1700001100 quiz carl '1\n3\n2\n'
python3 "$here/lrs_proxy.py" "$tmp/port" "${lrs_url%/xAPI}" "$lrs_pid" 2 "$tmp/relayed" &
pids+=($!)
for _ in $(seq 100); do [ -f "$tmp/port" ] && break; sleep 0.1; done
run 1 "sync while the LRS dies" -- sync "$db" --lrs "http://127.0.0.1:$(cat "$tmp/port")/xAPI" --batch 2
has out '^4 déclarations acceptées par le LRS, 0 refusée, 4 en attente\.$' "two batches arrived, two did not"
has err 'injoignable .*4 déclarations restent en attente, rien n’est perdu' "network error reported in French"
hasnot err $'\e' "no control characters in the report"
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
sent = {r[0] for r in c.execute("select id from outbox where sent > 0 and state = ?", ("sent",))}
for i in open(sys.argv[2]).read().split():
    assert i in sent, i
rows = c.execute("select id, attempts, last_error from outbox where state = ?", ("pending",)).fetchall()
assert len(rows) == 4, rows
tried = [r for r in rows if r[1]]  # the batch that met the dead LRS
assert len(tried) == 2 and all(e.startswith("réseau") for _, _, e in tried), rows
assert all(a == 0 and e == "" for _, a, e in rows if (_, a, e) not in tried), rows
open(sys.argv[3], "w").write("".join(r[0] + "\n" for r in rows))' "$db" "$tmp/relayed" "$tmp/pending" 2>"$tmp/why" &&
    result ok "outbox intact: the relayed batches sent, the rest pending with the error" ||
    result fail "outbox intact" "$tmp/why"

if start_lrs 2; then result ok "LRS restarted (empty: it keeps statements in memory)"; else
    result fail "LRS restarted" "$tmp/lrs2/log"; finish; exit; fi
run 0 "the next sync completes" -- sync "$db" --lrs "$lrs_url"
has out '^4 déclarations acceptées par le LRS, 0 refusée, 0 en attente\.$' "the 4 pending ones sent"
"$adpa" --course $qc --db "$db" export --all --format xapi >"$tmp/export2.json"
run 0 "the new LRS holds exactly what was pending" -- \
    python3 "$here/lrs_check.py" "$lrs_url" "$db" "$tmp/export2.json" --only "$tmp/pending"
run 0 "then nothing is left" -- sync "$db" --lrs "$lrs_url"
has out '^Rien à envoyer.*les 19 déclarations du fichier sont déjà acceptées' "19 statements, all accepted"

ADPA_NOW=1700002000 quiz dina '1\n1 2\n1\n'
run 0 "dry run needs no LRS: it opens no connection" -- sync "$db" --lrs "http://127.0.0.1:1/xAPI" --dry-run
has out '^4 déclarations iraient' "dry run: the new quiz"
run 1 "an LRS that is not there" -- sync "$db" --lrs "http://127.0.0.1:1/xAPI"
has err 'injoignable' "unreachable LRS said"
finish
