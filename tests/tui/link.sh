#!/usr/bin/env bash
# Flow: select links with Tab / Shift-Tab, follow a fiche: link, come back
# to the same place (same top line, same link selected), through two hops;
# an external link shows its URL.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24
adpa
wait_home
open_long_fiche
for i in 1 2 3 4 5 6 7 8 9 10; do keys j; done
wait_for "l. 11–32/122"
keys Tab
wait_for "[1] → Le vocabulaire des données"
wait_for "l. 11–32/122" # the link was on screen: no scrolling
place=$(screen | sed -n '2,23p')
screen_e | grep -q $'\e\\[[0-9;]*7[0-9;]*mla fiche sur le vocabulaire' ||
	fail "the selected link is not drawn in reverse video"
ok "Tab selects the first link on screen and names its target"

keys Enter
wait_row 0 "Comprendre le contexte › Le vocabulaire des données"
wait_for "Début de la fiche sur le vocabulaire."
wait_for "l. 1–22/35"
ok "Enter follows a fiche: link"

keys Tab
wait_for "[1] → Premiers pas avec les données"
keys Enter
wait_row 0 "Comprendre le contexte › Premiers pas avec les données"
# a fiche reopens where it was left: the source line at the top when we
# followed the link (the paragraph starting at line 4 of the screen)
wait_for "l. 4–25/122"
keys Left
wait_row 0 "Comprendre le contexte › Le vocabulaire des données"
wait_for "[1] → Premiers pas avec les données"
ok "a second hop, and back returns to the fiche in between with its link"

keys q
wait_row 0 "Comprendre le contexte › Premiers pas avec les données"
wait_for "l. 11–32/122"
wait_for "[1] → Le vocabulaire des données"
[ "$(screen | sed -n '2,23p')" = "$place" ] || fail "back did not return to the same place"
ok "back (q) returns to the exact place with the link still selected"

keys Tab
wait_for "https://www.cnil.fr/fr/rgpd-de-quoi-parle-t-on"
wait_for "[2] https://www.cnil.fr/"
keys Enter
wait_for "À ouvrir dans un navigateur : https://www.cnil.fr/fr/rgpd-de-quoi-parle-t-on"
wait_row 0 "Comprendre le contexte › Premiers pas avec les données"
ok "Tab scrolls to the next link; an external link shows its URL"

keys BTab
wait_for "[1] → Le vocabulaire des données"
keys Escape
wait_for "l. "
wait_gone "[1] → Le vocabulaire"
ok "Shift-Tab selects the previous link, Escape clears the selection"

keys Escape
wait_for "fiche 1/3"
wait_for "Le vocabulaire des données"
keys Q
wait_exit 0
check_restored "Q from the rubric"
