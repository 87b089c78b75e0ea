#!/usr/bin/env bash
# Flow: home -> a rubric -> a fiche, with what each screen must show.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24
adpa
wait_home
wait_for "Comprendre le contexte"
wait_for "Découvrir les bases"
wait_for "Annexes"
wait_for "3 fiches"
wait_for "0 % lu (0/3)"
keys G # the last items are below the fold at 24 rows
wait_for "À propos"
keys g
wait_row 2 "› Comprendre le contexte"
ok "home lists the five rubrics, counts, progress and À propos"

keys Down
wait_row 5 "› Découvrir les bases"
keys Up
wait_row 2 "› Comprendre le contexte"
keys Enter
wait_row 0 "Comprendre le contexte"
wait_for "rubrique 1/5"
wait_for "Premiers pas avec les données"
wait_for "Le vocabulaire des données"
wait_for "Une fiche courte"
wait_for "7 min"
wait_for "intermédiaire"
wait_for "quiz –/2"
wait_for "fiche 1/3"
screen | grep -q "› ○ Premiers pas avec les données" || fail "selection or status mark missing"
ok "rubric lists its fiches with duration, level and marks"

keys j
wait_for "fiche 2/3"
screen | grep -q "› ○ Le vocabulaire des données" || fail "j does not move the selection"
keys k
wait_for "fiche 1/3"
keys Right
wait_row 0 "Comprendre le contexte › Premiers pas avec les données"
wait_row 1 "Premiers pas avec les données"
wait_for "débutant · quiz de 2 questions"
wait_for "Première phrase de la fiche un."
wait_for "l. 1–22/"
wait_for "? aide  t sommaire  q retour"
ok "Right opens the fiche: header, title, body and status line"

keys ]
wait_row 0 "Comprendre le contexte › Le vocabulaire des données"
wait_for "fiche 2/3"
keys [
wait_row 0 "Comprendre le contexte › Premiers pas avec les données"
keys [
wait_for "C’est la première fiche de la rubrique"
ok "] and [ move within the rubric"

keys h
wait_for "rubrique 1/5"
keys BSpace
wait_home
keys Q
wait_exit 0
check_restored "Q from home"
ok "Left/h/Backspace go back"
