#!/usr/bin/env bash
# Flow: Home at 80×24 once « Reprendre » and « Révision » are offered (a
# fiche read, a quiz answer missed the day before): every item still shows,
# down to « À propos ». On a shorter screen the list scrolls and an arrow in
# the last column says that items are hidden below, then above.
. "$(dirname "$0")/lib.sh" "$@"

T0=1700000000
DAY=86400

start_shell 80 24
adpa ADPA_NOW=$T0 --learner ana
wait_home
keys Enter
wait_for "rubrique 1/5"
keys Enter
wait_row 0 "Comprendre le contexte › Premiers pas avec les données"
keys e
wait_row 0 "Quiz › Premiers pas avec les données"
keys "$(number "Par l’outil")" Enter
wait_for "Pas tout à fait."
keys Q
wait_exit 0

adpa ADPA_NOW=$((T0 + DAY)) --learner ana
wait_for "Reprendre : Premiers pas avec les données"
wait_for "Révision : 1 question à revoir aujourd’hui"
for item in "Progression (p)" "Parcours (c)" "Signets et notes (s)" \
	"Rechercher dans le cours (/)" "Lexique : les termes du cours (x)" "À propos (a)"; do
	wait_for "$item"
done
screen | grep -q "[↑↓]$" && fail "an arrow says items are hidden while all show"
ok "at 80×24 with « Reprendre » and « Révision », Home shows every item"

tm resize-window -t adpa -x 80 -y 16
wait_gone "À propos (a)"
[ "$(row 14 | tail -c 4)" = "↓" ] || fail "no mark of more items below: \"$(row 14)\""
keys G
wait_for "› À propos (a)"
[ "$(row 2 | tail -c 4)" = "↑" ] || fail "no mark of more items above: \"$(row 2)\""
wait_gone "Reprendre"
ok "on a shorter screen the list scrolls and says so (↓, then ↑)"

keys Q
wait_exit 0
check_restored "home flow"
