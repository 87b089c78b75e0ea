#!/usr/bin/env bash
# Flow: below 40×10 a « terminal trop petit » message replaces the screen
# until it grows again; the view under it is intact.
. "$(dirname "$0")/lib.sh" "$@"

size() { tm resize-window -t adpa -x "$1" -y "$2"; }

start_shell 39 10
adpa
wait_for "Terminal trop petit"
wait_for "39×10 : il faut au moins 40×10."
keys Enter j
wait_for "Terminal trop petit" # keys other than Q do nothing blind
size 40 10
wait_home
wait_row 2 "› Comprendre le contexte"
ok "starting at 39×10: the message, then home at 40×10"

keys Enter
wait_for "rubrique 1/5"
keys Enter
wait_for "l. 1–8/"
keys t j Enter
wait_row 1 "Le vent zéphyr"
size 40 9
wait_for "40×9 : il faut au moins 40×10."
wait_gone "Le vent zéphyr"
size 30 20
wait_for "Terminal trop petit"
size 80 24
wait_row 1 "Le vent zéphyr"
wait_for "fiche 1/3"
ok "shrinking while reading shows the message; growing back restores the reader"

size 20 5
wait_for "Terminal trop petit"
keys Q
wait_exit 0
check_restored "Q from the too-small screen"
ok "Q quits from the too-small screen"
