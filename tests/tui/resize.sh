#!/usr/bin/env bash
# Flow: resizing narrower and wider while reading re-lays the text out and
# keeps the same source line at the top.
. "$(dirname "$0")/lib.sh" "$@"

size() { tm resize-window -t adpa -x "$1" -y "$2"; }

start_shell 80 24
adpa
wait_home
open_long_fiche
keys t j Enter
wait_row 1 "Le vent zéphyr"
size 50 24
wait_for "fiche 1/3" # the header is redrawn at the new width
wait_row 1 "Le vent zéphyr"
wait_row 4 "Le Zéphyr est un vent doux. Ce"
wait_row 5 "la recherche. Les équipes d’un théâtre" # re-wrapped at 48
ok "narrower: the heading stays at the top, the text is re-wrapped"

size 120 30
wait_row 4 "Le Zéphyr est un vent doux. Ce paragraphe sert à la recherche. Les équipes d’un théâtre"
wait_row 1 "Le vent zéphyr"
wait_for "l. 34–61/105"
ok "wider: the heading stays at the top"

keys j j j j
wait_for "l. 38–65/105"
wait_row 1 "chaque saison des informations sur leurs publics"
size 60 24
wait_for "/150"
keys k
wait_row 1 "Le Zéphyr est un vent doux." # the line above is the paragraph's first
keys j
size 80 24
wait_for "/122"
keys k
wait_row 1 "Le Zéphyr est un vent doux."
ok "inside a paragraph: the top stays on the same source line"

size 100 24
keys Q
wait_exit 0
check_restored "Q after resizes"
