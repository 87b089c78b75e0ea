#!/bin/bash
# Shell completion: sources completions/adpa.bash as bash-completion would,
# checks that it registers itself (complete -p), then simulates the shell
# (COMP_WORDS, COMP_CWORD, then the completion function) and checks the
# candidates: commands, options per command, option values, fiche and rubric
# ids from --course, learner names from --db (quoted for the shell, never
# with control characters), files and directories left to the shell.
set -u
adpa=$1
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset ADPA_COURSE ADPA_DB ADPA_LEARNER
export XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
n=0 failed=0
bad=tests/fixtures/bad

result() { # ok|fail name [detail]
    n=$((n + 1))
    if [ "$1" = ok ]; then echo "ok $n - $2"; else
        failed=$((failed + 1)); echo "not ok $n - $2"; [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /'
    fi
}

# shellcheck source=../../completions/adpa.bash
source completions/adpa.bash
[ "$(complete -p adpa)" = "complete -F _adpa adpa" ] && result ok "complete -p adpa: registered" ||
    result fail "complete -p adpa: registered" "$(complete -p adpa 2>&1)"

comp() { # comp WORD...: the candidates for the last word, sorted, one a line
    COMP_WORDS=("$adpa" "$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _adpa
    [ ${#COMPREPLY[@]} -gt 0 ] && printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}

want() { # want NAME EXPECTED WORD...: the candidates are exactly EXPECTED (newline-separated)
    local name=$1 expected=$2; shift 2
    local got
    got=$(comp "$@")
    if [ "$got" = "$expected" ]; then result ok "$name"; else
        result fail "$name" "$(printf 'want:\n%s\ngot:\n%s' "$expected" "$got")"; fi
}

want "commands" $'search\nshow\nsnapshot\nsync' s
want "every command" "$(printf '%s\n' check export glossary help learners list progress quiz report review search show snapshot sync)" ''
want "help: command names" "glossary" help gl
want "options of list" $'--course\n--db\n--help\n--hyperlinks\n--json\n--learner\n--no-mouse\n--rubric\n--theme\n--version' list --
want "options of show, by prefix" "--width" show x --w
want "options without a command: the global ones" $'--no-mouse' --no
want "option values" $'always\nauto\nnever' show x --color ''
want "option values after --color=" "always" show x --color = al
want "values per command" $'csv\njson\nxapi' export --format ''
want "fiche ids from --course" "ok-fiche" --course $bad show ok
want "fiche ids, option after the command" "ok-fiche" quiz --course=$bad ok
want "rubric ids" $'annexes\ncomprendre' --course $bad list --rubric ''
want "one operand only" "" --course $bad show ok-fiche ''
want "report: files" "tests/cli/complete.sh" report tests/cli/compl
want "check: directories" "tests/fixtures" check tests/fixt
want "--course: directories" "tests/fixtures" --course tests/fixt

# learner names from the progress file named by --db; adpa drops control
# characters from the names it creates, so the hostile one is written into
# the file as another program would
db="$tmp/p.db"
for who in ana 'Zoé "Z", atelier' evil; do
    "$adpa" --course tests/fixtures/quiz --db "$db" --learner "$who" quiz rgpd --no-shuffle \
        < <(printf '1\n') >/dev/null 2>&1
done
python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute("update learner set name = ? where name = ?", ("evil\x1b]52;c;aGk=\x07", "evil")); c.commit()' "$db"
nl=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from learner where name like ?", ("%\x1b%",)).fetchone()[0] + 2)' "$db")
[ "$nl" = 3 ] && result ok "three learners, one with control characters" || result fail "three learners, one with control characters" "$nl"
want "learner names, quoted for the shell" "$(printf '%q\n%s' 'Zoé "Z", atelier' ana)" --db "$db" progress --learner ''
want "learner names by prefix" "ana" --db "$db" --learner a
got=$(comp --db "$db" --learner '')
case $got in *$'\e'*|*evil*) result fail "a name with control characters is never offered" "$got" ;;
*) result ok "a name with control characters is never offered" ;; esac
want "no progress file: no learner, no error" "" --db "$tmp/none.db" --learner ''
[ ! -e "$tmp/none.db" ] && result ok "completion creates no progress file" || result fail "completion creates no progress file"

# zsh: the same answers through completions/_adpa, with compadd and _files
# standing in for the completion system (the script only calls those two)
zcomp() { # zcomp CURRENT WORD...: what _adpa hands to compadd or _files
    local cur=$1; shift
    zsh -f -c 'compadd() { shift $(( ${@[(i)--]} )); print -rl -- "$@" }
        _files() { print -r -- "_files $*" }
        words=("$@"); CURRENT=$1; shift words; words[1]=$ADPA
        source completions/_adpa' "$cur" "$cur" "$@"
}
if command -v zsh >/dev/null; then
    export ADPA=$adpa
    zw() { local name=$1 want=$2 got; shift 2; got=$(zcomp "$@" | LC_ALL=C sort)
        if [ "$got" = "$want" ]; then result ok "zsh: $name"; else result fail "zsh: $name" "$(printf 'want:\n%s\ngot:\n%s' "$want" "$got")"; fi; }
    zw "commands" $'search\nshow\nsnapshot\nsync' 2 adpa s
    zw "fiche ids from --course" "ok-fiche" 5 adpa --course $bad show ok
    zw "option values" $'csv\njson\nxapi' 4 adpa export --format ''
    zw "learner names" $'Zoé "Z", atelier\nana' 5 adpa --db "$db" --learner ''
    zw "report: files" "_files " 3 adpa report tests/
    zw "check: directories" "_files -/" 3 adpa check tests/
else
    result ok "zsh # SKIP zsh is not installed"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
