#!/usr/bin/env bash
# Flow: scrolling a fiche by line, half page and page, to the end and back.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24
adpa
wait_home
open_long_fiche
wait_for "l. 1–22/122  18 %"

keys j
wait_for "l. 2–23/122"
wait_row 1 "Comprendre le contexte · 7 min"
keys Down Down
wait_for "l. 4–25/122"
keys k
wait_for "l. 3–24/122"
keys Up Up Up
wait_for "l. 1–22/122"
ok "j/k and arrows scroll one line, never above the top"

keys d
wait_for "l. 12–33/122"
keys u
wait_for "l. 1–22/122"
keys Space
wait_for "l. 22–43/122"
keys PageDown
wait_for "l. 43–64/122"
keys PageUp b
wait_for "l. 1–22/122"
ok "half pages (d/u) and pages (Space, PageDown, PageUp, b)"

keys G
wait_for "l. 101–122/122  100 %"
wait_for "FIN DE LA FICHE UN."
wait_for "[2] https://www.cnil.fr/fr/rgpd-de-quoi-parle-t-on"
wait_row 22 "[3] Une fiche courte"
keys j Space
keys k
wait_for "l. 100–121/122"
ok "G goes to the end (the last line at the bottom, 100 %), no scrolling past it"

keys g
wait_for "l. 1–22/122  18 %"
keys End
wait_for "l. 101–122/122  100 %"
keys Home
wait_for "l. 1–22/122"
for i in 1 2 3 4 5 6; do keys Space; done
wait_for "100 %"
wait_for "FIN DE LA FICHE UN."
ok "g/G, Home/End, and paging with Space reaches the end"

keys Q
wait_exit 0
check_restored "Q from the reader"
