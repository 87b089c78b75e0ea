#!/usr/bin/env bash
# Flow: build a path of three fiches from a rubric (+, a new path named at
# the prompt), reorder it, filter the rubric, read the first fiche through
# « Continuer », quit; after a restart the path and its progress are there
# and « Continuer » opens the next unfinished fiche.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24
adpa ADPA_NOW=1700000000 --learner ana
wait_home
keys c
wait_row 0 "Parcours"
wait_for "Aucun parcours"
keys q
wait_home
ok "c opens the paths, none yet"

keys Enter
wait_for "fiche 1/3"
keys +
wait_for "Nom du nouveau parcours :"
keys -l "Mon parcours"
keys Enter
wait_for "Ajoutée au parcours : Premiers pas"
keys j +
wait_for "Ajoutée au parcours : Le vocabulaire"
keys j +
wait_for "Ajoutée au parcours : Une fiche"
keys +
wait_for "« Une fiche courte » est déjà dans le"
ok "+ in a rubric: a new path by name, then the same path"

keys f
wait_for "Filtre (niveau, statut, durée, mot-clé) :"
keys -l "avancé"
keys Enter
wait_for "filtre : avancé — 1/3 fiches"
wait_gone "Premiers pas avec les données"
keys f Enter
wait_for "Premiers pas avec les données"
wait_gone "filtre :"
ok "f filters the rubric by level, and an empty filter shows all"

keys q
wait_home
keys c
wait_for "Mon parcours"
wait_for "0/3 fiches lues"
keys Enter
wait_row 0 "Mon parcours"
wait_for "1. ○ Premiers pas avec les données"
wait_for "Continuer (c) : Premiers pas avec les données"
keys J
wait_for "1. ○ Le vocabulaire des données"
wait_for "2. ○ Premiers pas avec les données"
keys K
wait_for "1. ○ Premiers pas avec les données"
ok "the path screen: fiches in order, J and K move"

keys c
wait_for "parcours 1/3" # the header counts in the path
wait_for "Premiers pas avec les données"
keys G
wait_for "✓ lue"
keys q
wait_for "1. ✓ Premiers pas avec les données"
wait_for "Continuer (c) : Le vocabulaire des données"
wait_for "1/3 lues"
keys Q
wait_exit 0
check_restored "paths flow"
ok "« Continuer » reads the first fiche; the path shows it read"

adpa ADPA_NOW=1700000100 --learner ana
wait_home
keys c
wait_for "1/3 fiches lues"
keys c
wait_for "Le vocabulaire des données"
wait_for "parcours 2/3"
keys q
wait_for "1/3 fiches lues"
keys Enter
wait_row 0 "Mon parcours"
keys j x
wait_gone "Le vocabulaire des données"
wait_for "2. ○ Une fiche courte"
keys r
wait_for "Nouveau nom :"
keys -l "Essentiel"
keys Enter
wait_row 0 "Essentiel"
keys D
wait_for "Supprimer le parcours « Essentiel » ? (o/n)"
keys o Enter
wait_for "Aucun parcours"
keys Q
wait_exit 0
ok "after a restart: the path, « Continuer » to the next fiche, remove, rename, delete"

# A suggested path is shown as it is; its first change makes the copy
cp -r "$COURSE" "$T/course"
cat >>"$T/course/course.yaml" <<'YAML'
paths:
  - id: essai
    title: "Chemin d’essai"
    description: "Un parcours suggéré par le cours d’essai."
    fiches: [fix-premiers-pas, fix-vocabulaire, fix-courte]
YAML
run "COURSE=\$T/course"
adpa --learner cleo
wait_home
keys c
wait_for "Suggéré : Chemin d’essai (3 fiches)"
keys Enter
wait_row 0 "Suggéré › Chemin d’essai"
wait_for "suggéré, fiche 1/3"
keys q
wait_for "0 parcours, 1 suggéré"
keys Enter
wait_row 0 "Suggéré › Chemin d’essai"
keys J
wait_for "Parcours copié dans les vôtres"
wait_row 0 "Chemin d’essai"
wait_for "1. ○ Le vocabulaire des données"
wait_for "2. ○ Premiers pas avec les données"
ok "a suggested path is seen without a copy; its first change copies it"

keys Enter
wait_row 0 "Comprendre le contexte › Premiers pas avec les données"
wait_for "parcours 2/3"
keys ]
wait_row 0 "Comprendre le contexte › Une fiche courte"
wait_for "parcours 3/3"
keys ]
wait_for "C’est la dernière fiche du parcours"
keys [ [
wait_row 0 "Comprendre le contexte › Le vocabulaire des données"
wait_for "parcours 1/3"
keys [
wait_for "C’est la première fiche du parcours"
keys q
wait_row 0 "Chemin d’essai"
keys q
wait_for "1 parcours, 1 suggéré"
keys Q
wait_exit 0
ok "in a fiche opened from a path, ] and [ follow the path, the header counts in it"
