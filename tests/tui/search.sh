#!/usr/bin/env bash
# Flow: / searches the fiche (case and accents ignored), highlights every
# match, n and N go to the next and previous one.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24
adpa
wait_home
open_long_fiche
keys /
wait_row 23 "/"
keys -l zephyr
wait_row 23 "/zephyr"
keys Enter
wait_for "/zephyr 1/4"
wait_row 8 "Le vent zéphyr" # the first match, a third down the screen
matches=$(screen_e | grep -c $'\e\\[[0-9;]*m[Zz][ée]phyr')
[ "$matches" -ge 3 ] || fail "matches on screen are not highlighted ($matches)"
ok "/zephyr finds zéphyr, Zéphyr and zephyr, highlighted"

keys n
wait_for "/zephyr 2/4"
keys n n
wait_for "/zephyr 4/4"
wait_for "Avant-dernier paragraphe, souffle du zephyr compris."
keys n
wait_for "Recherche reprise au début" # the message stands for the position
wait_row 8 "Le vent zéphyr"
keys N
wait_for "Recherche reprise à la fin"
keys N
wait_for "/zephyr 3/4"
keys n n n
wait_for "/zephyr 2/4"
ok "n and N move through the matches and wrap around"

keys /
keys -l "introuvable-xyz"
keys Enter
wait_for "« introuvable-xyz » : introuvable"
keys n
wait_for "« introuvable-xyz » : introuvable"
ok "a search without match says so"

keys / BSpace
wait_for "l. "
keys /
keys -l "théâtre"
keys Escape
wait_gone "/théâtre"
keys /
keys -l "THEATRE"
keys Enter
wait_for "/THEATRE 6/21" # from the screen: the first match at or below the top
keys Escape
wait_gone "/THEATRE"
ok "Escape cancels the prompt, then clears the search"

keys Q
wait_exit 0
check_restored "Q from the reader"
