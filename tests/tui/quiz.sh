#!/usr/bin/env bash
# Flow: a quiz answered with the arrows and Space, or a click; left half-way
# and resumed at the question left; the summary scrolls (a position and an
# arrow say there is more, G and End reach the end) and offers « refaire le
# quiz » and « fiche suivante ».
. "$(dirname "$0")/lib.sh" "$@"

report() { keys -l $'\e[M'"$(printf "\\$(printf %03o "$1")\\$(printf %03o $((33 + $2)))\\$(printf %03o $((33 + $3)))")"; }
click() { report 32 "$1" "$2" && report 35 "$1" "$2"; }
# number NAME: the number shown before the choice NAME (choices are shuffled)
number() { screen | grep -F -- "$1" | sed -E 's/.*[])] ([1-9])\).*/\1/' | head -1; }

start_shell 80 24
adpa ADPA_NOW=1700000000 --learner ana
wait_home
open_long_fiche
keys e
wait_for "question 1/2"
wait_for "1–9 ou Espace : choisir"
keys Space
wait_for "(o) 1)"
keys Down Space
wait_for "(o) 2)"
wait_gone "(o) 1)"
keys Up Space
wait_for "(o) 1)"
ok "the arrows move a cursor over the answers, Space chooses"

click 8 "$(row_of "( ) 2)")"
wait_for "(o) 2)"
wait_gone "(o) 1)"
keys "$(number "Par les questions")"
keys Enter
wait_for "Juste."
ok "a click on an answer chooses it"

keys Enter
wait_for "question 2/2"
keys q
wait_for "fiche 1/3"
keys e
wait_for "Quiz repris à la question 2 sur 2"
wait_for "question 2/2"
ok "a quiz left half-way resumes at the question left"

keys "$(number "Une couleur")" Enter
wait_for "Pas tout à fait."
tm resize-window -t adpa -x 80 -y 14
keys Enter
wait_for "Score : 1/2 (50 %)"
wait_for "l. 1–11/"
screen | grep -q "l. 1–11/[0-9]* ↓" || fail "no sign of more below"
keys G
wait_for "Entrée ou q : revenir"
screen | grep -q "↓" && fail "still an arrow at the end"
keys g
wait_for "Score : 1/2 (50 %)"
keys End
wait_for "] : fiche suivante, « Le vocabulaire des données »"
wait_for "r : refaire le quiz"
ok "the summary shows its position, G and End reach its end"

tm resize-window -t adpa -x 80 -y 24
keys r
wait_for "question 1/2"
screen | grep -q "repris" && fail "r resumed instead of starting again"
keys "$(number "Par les questions")" Enter Enter
wait_for "question 2/2"
keys "$(number "Un changement")" Enter Enter
wait_for "Score : 2/2 (100 %). Fiche maîtrisée"
ok "r takes the quiz again"

keys ]
wait_row 0 "Comprendre le contexte › Le vocabulaire des données"
keys q
wait_for "fiche 2/3"
ok "] goes on to the next fiche"

keys Q
wait_exit 0
check_restored "Q"
