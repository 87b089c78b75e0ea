#!/usr/bin/env bash
# Flow: the « Liens » list at the end of a fiche names a fiche: link by its
# fiche's title, and prints a URL whole on one line (never broken with an
# indent), so that it can be selected and copied over SSH; a selected URL
# too long to share the status line gets a row of its own, whole.
. "$(dirname "$0")/lib.sh" "$@"

url=https://www.example.org/ressources/guide-pratique-de-la-mesure-d-audience-2

start_shell 80 24
adpa
wait_home
open_long_fiche
keys G
wait_for "Liens"
wait_for "[1] Le vocabulaire des données"
screen | grep -q "fiche:fix-vocabulaire" && fail "a fiche: link shown by its id"
ok "« Liens » names a fiche: link by its title"

keys q q
wait_home
keys G k k k k k k # the last rubric, above the six entries that close Home
wait_for "› Annexes"
keys Enter
wait_for "fiche 1/1"
keys Enter
wait_for "Pour aller plus loin"
keys G
wait_for "[1] $url" # 79 cells, wider than the text (78): whole all the same
r=$(row_of "[1] $url")
[ -z "$(row $((r + 1)) | tr -d ' ')" ] || fail "the URL goes on on the next row: $(row $((r + 1)))"
ok "a URL longer than the text width is printed whole on one line"

keys Tab
wait_row 23 "$url"
wait_row 22 "[1]"
keys Enter
wait_row 23 "$url"
wait_row 22 "À ouvrir dans un navigateur :"
ok "a long URL in the status line gets a row of its own, whole"

keys Q
wait_exit 0
check_restored "Q"
