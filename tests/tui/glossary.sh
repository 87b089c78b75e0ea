#!/usr/bin/env bash
# Flow: the glossary (« Lexique »). From Home (its item, then x): the terms,
# a filter without accents, an entry and its fiches, Enter opens the fiche;
# from the reader, K lists the fiche's keywords and leads to their entries.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24
adpa --learner ana
wait_home
keys G
wait_for "Lexique : les termes du cours (x)"
keys k
keys Enter
wait_row 0 "Lexique"
wait_for "3 termes"
wait_for "Indicateur (KPI, Indicateur clé)"
wait_for "Une mesure suivie dans le temps."
ok "Home's « Lexique » item lists the terms, aliases and definitions"

keys /
wait_for "Filtrer :"
keys -l "deplacement"
keys Enter
wait_for "« deplacement » : 1/3"
wait_gone "Indicateur"
wait_for "Vent"
ok "the filter finds a definition without its accents"

keys f
wait_for "Filtrer :"
keys -l "v"
keys Enter
wait_for "« v » : 2/3"
wait_row 2 "› Vent"                # starts with v: first
wait_for "Indicateur"              # « suivie » in its definition: after
ok "the terms that start with the filter come first"

keys f
wait_for "Filtrer :"
keys Enter
wait_for "3 termes"
ok "an empty filter shows every term again"

keys j
keys Enter
wait_row 0 "Lexique › Indicateur"
wait_for "Aussi : KPI, Indicateur clé"
wait_for "Fiches qui l’utilisent :"
wait_for "Fixer des objectifs — Piloter"
keys Enter
wait_row 0 "Piloter la stratégie › Fixer des objectifs"
ok "an entry lists its fiches; Enter opens the selected one"

keys q
wait_row 0 "Lexique › Indicateur"
keys q
wait_row 0 "Lexique"
keys q
wait_home
keys x
wait_row 0 "Lexique"
wait_for "3 termes"
keys q
wait_home
ok "x opens the glossary from Home; q goes back step by step"

keys g
open_long_fiche
keys K
wait_row 0 "Mots-clés › Premiers pas avec les données"
wait_for "2 termes"
wait_for "Donnée"
keys j Enter
wait_row 0 "Lexique › Vent"
wait_for "Un déplacement d’air"
wait_for "Une fiche courte — "
ok "K in the reader lists the fiche's keywords and leads to their entries"

keys ?
wait_row 0 "Aide › Terme du lexique"
wait_for "lire la fiche choisie"
keys q
wait_row 0 "Lexique › Vent"
keys q
wait_row 0 "Mots-clés"
keys ?
wait_row 0 "Aide › Lexique"
wait_for "/ f"
wait_for "filtrer les termes (accents ignorés)"
keys q
wait_row 0 "Mots-clés"
keys q
wait_for "l. 1"
keys ?
wait_for "les mots-clés de la fiche, vers le lexique"
keys q
wait_for "l. 1"
keys q
wait_for "rubrique 1/5"
keys q
wait_home
keys ?
wait_for "le lexique : les termes du cours et leurs fiches"
keys Q
wait_exit 0
ok "the help screens list the new keys"
