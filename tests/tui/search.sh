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

# a phrase wrapped onto two rows: found on the text, not on the rows
src=$COURSE/comprendre/01-premiers-pas.md
want=$(tr '\n' ' ' <"$src" | grep -o "achats de billets" | wc -l)
keys g /
keys -l "achats  de billets"
keys Enter
wait_for "/achats  de billets 1/$want"
# the first match ends one row (« achats ») and begins the next (« de billets »)
r=$(row_of "inscriptions à la lettre d’information. Ces informations ne valent")
[ -n "$r" ] || fail "the first paragraph is not on screen"
screen_e | grep -qE $'\e\\[[0-9;]*machats(\e\\[[0-9;]*m)*$' ||
	fail "the match's first half (end of a row) is not highlighted"
screen_e | grep -qE $'^(\e\\[[0-9;]*m)* (\e\\[[0-9;]*m)+de billets' ||
	fail "the match's second half (start of the next row) is not highlighted"
tm resize-window -t adpa -x 60 -y 24
wait_for "/achats  de billets 1/$want"
tm resize-window -t adpa -x 80 -y 24
wait_for "/achats  de billets 1/$want"
ok "a phrase wrapped onto two rows is found; the count does not depend on the width"

keys Q
wait_exit 0
check_restored "Q from the reader"
