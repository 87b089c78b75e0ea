#!/usr/bin/env bash
# Flow: the wheel scrolls and a click opens (xterm X10 mouse reports, as
# tmux sends them); --no-mouse leaves the mouse to the terminal.
. "$(dirname "$0")/lib.sh" "$@"

# click X Y, wheel up|down X Y: a report at 0-based column X, row Y.
report() { keys -l $'\e[M'"$(printf "\\$(printf %03o "$1")\\$(printf %03o $((33 + $2)))\\$(printf %03o $((33 + $3)))")"; }
click() { report 32 "$1" "$2" && report 35 "$1" "$2"; } # press, release
wheel() { report $(($1 == 0 ? 96 : 97)) "$2" "$3"; }

start_shell 80 24
adpa
wait_home
modes=$(pane_modes)
case $modes in *mouse=00000*) fail "mouse tracking is not on: $modes" ;; esac
click 10 "$(row_of "Découvrir les bases")"
wait_row 0 "Découvrir les bases"
keys q
wait_home
click 10 "$(row_of "Comprendre le contexte")"
wait_for "rubrique 1/5"
click 10 "$(row_of "Premiers pas avec les données")"
wait_row 0 "Comprendre le contexte › Premiers pas avec les données"
ok "a click on an item opens it"

wheel 1 10 10
wait_for "l. 4–25/122"
wheel 1 10 10
wait_for "l. 7–28/122"
wheel 0 10 10
wait_for "l. 4–25/122"
ok "the wheel scrolls three lines"

keys G
wait_row 20 "[1] Le vocabulaire des données"
click 8 "$(row_of "[2] https://www.cnil.fr")"
wait_for "À ouvrir dans un navigateur : https://www.cnil.fr/"
click 8 "$(row_of "[1] Le vocabulaire des données")"
wait_row 0 "Comprendre le contexte › Le vocabulaire des données"
ok "a click on a link selects and follows it"
keys Q
wait_exit 0
check_restored "Q after mouse use"

adpa --no-mouse
wait_home
case $(pane_modes) in *mouse=00000) ;; *) fail "--no-mouse: mouse tracking is on: $(pane_modes)" ;; esac
click 10 "$(row_of "Découvrir les bases")"
keys ?
wait_row 0 "Aide › Accueil"
keys q
wait_home
screen | grep -q "rubrique 2/5" && fail "--no-mouse: a click opened a rubric"
keys Q
wait_exit 0
check_restored "--no-mouse"
ok "--no-mouse: no mouse tracking, clicks do nothing"
