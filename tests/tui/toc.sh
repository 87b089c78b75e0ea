#!/usr/bin/env bash
# Flow: the table of contents lists the headings and jumps to one.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24
adpa
wait_home
open_long_fiche
keys t
wait_row 0 "Sommaire"
wait_row 2 "›   Pourquoi mesurer"
wait_row 3 "    Le vent zéphyr"
wait_row 4 "    Sources et liens"
wait_row 5 "    Conclusion"
wait_for "intertitre 1/4"
ok "t lists the fiche's headings"

keys j j
wait_for "intertitre 3/4"
keys k
wait_for "intertitre 2/4"
keys Enter
wait_row 0 "Comprendre le contexte › Premiers pas avec les données"
wait_row 1 "Le vent zéphyr"
wait_row 2 "──────────────"
ok "Enter puts the heading at the top of the reader"

keys t
wait_for "intertitre 2/4" # the heading we are at is selected
keys q
wait_row 1 "Le vent zéphyr"
keys t
wait_for "intertitre 2/4"
keys G Right
wait_row 1 "Conclusion"
ok "q closes the table; G and Right pick the last heading"

keys ]
wait_for "Le vocabulaire des données"
keys t
wait_row 2 "›   Les mots de base"
wait_row 3 "    Les mots avancés"
keys Escape
wait_for "fiche 2/3"
keys ]
wait_for "fiche 3/3"
keys t
wait_for "Ce texte n’a pas d’intertitre"
ok "each fiche has its own table; a fiche without headings says so"

keys Q
wait_exit 0
check_restored "Q from the reader"
