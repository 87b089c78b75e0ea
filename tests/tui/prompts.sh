#!/usr/bin/env bash
# Flow: at 80×24, a prompt longer than the status line keeps its question
# whole (on the rows above) and the text typed in view; a message longer
# than the line is wrapped, not cut.
. "$(dirname "$0")/lib.sh" "$@"

long1="Un parcours au nom assez long pour remplir"
long2="Un deuxième parcours au nom long aussi"

start_shell 80 24
adpa ADPA_NOW=1700000000 --learner ana
wait_home
keys Enter
wait_for "fiche 1/3"
keys j j +
wait_for "Nom du nouveau parcours :"
keys -l "$long1"
keys Enter
wait_for "Ajoutée au parcours : Une fiche courte"
keys +
wait_for "« Une fiche courte » est déjà dans le parcours"
screen | tr -d '\n' | grep -qF "« $long1 »" || fail "the end of the message is cut"
ok "a message longer than the line wraps onto the row above"

keys q
wait_home
keys c
wait_row 0 "Parcours"
keys n
wait_for "Nom du nouveau parcours :"
keys -l "$long2"
keys Enter
wait_row 0 "$long2" # the new path, open
keys q
wait_row 0 "Parcours"
keys q
wait_home
keys j j Enter
wait_for "Des méthodes"
keys +
wait_for "ou un nom nouveau) :"
wait_for "Ajouter au parcours (1 "
keys 1
wait_row 23 "1"
[ "$(row 22 | sed 's/ *$//')" != "" ] || fail "no question above the typed text"
row 22 | grep -q "nouveau) :" || fail "the question does not end the row above the text"
ok "« Ajouter au parcours (…) » on the rows above, the choice typed below"

keys Enter
wait_for "Les ajouter avant ? (o/n)"
wait_for "Prérequis absents du parcours : Premiers pas avec les données"
keys o
wait_row 23 "o"
keys Enter
wait_for "Ajoutées au parcours"
ok "« Prérequis absents … (o/n) » whole, the answer typed below"

keys Q
wait_exit 0
check_restored "Q"
