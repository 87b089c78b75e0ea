#!/usr/bin/env bash
# Flow: read a fiche to the end, take its quiz with a right and a wrong
# answer, quit, reopen: the position, the marks and the scores are there;
# « Reprendre » opens the last fiche where it was left; the progress screen.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24
adpa ADPA_NOW=1700000000 --learner ana
wait_home
open_long_fiche
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do keys j; done
wait_for "l. 13–34/122"
keys G
wait_for "100 %"
wait_for "✓ lue"
wait_for "e quiz"
ok "reading to the end marks the fiche read and offers the quiz"

keys e
wait_row 0 "Quiz › Premiers pas avec les données"
wait_for "question 1/2"
keys "$(number "Par les questions")"
wait_for "(o) $(number "Par les questions")) Par les questions"
keys Enter
wait_for "✓ $(screen | grep -F 'Par les questions' | sed -E 's/.*([1-9])\).*/\1/' | head -1)) Par les questions — bonne réponse, votre choix"
wait_for "Juste."
wait_for "Explication :"
keys 1
wait_for "Réponse déjà validée"
ok "an answer, its feedback in signs and words, and no second answer"

keys Enter
wait_for "question 2/2"
keys "$(number "Une couleur")" Enter
wait_for "mauvaise réponse, votre choix"
wait_for "Pas tout à fait."
keys Enter
wait_for "Score : 1/2 (50 %). Pas encore maîtrisée"
wait_for "Récapitulatif"
wait_for "2. ✗ faux — Que mesure un indicateur ?"
ok "the score and the review of the attempt"

keys Enter
wait_for "fiche 1/3"
keys k k k
keys q
wait_for "rubrique 1/5"
wait_for "✓ Premiers pas avec les données"
wait_for "quiz 50 %"
keys Q
wait_exit 0
ok "the rubric shows the read mark and the best score"

adpa ADPA_NOW=1700000100 --learner ana
wait_for "Reprendre : Premiers pas avec les données"
keys Enter
wait_for "fiche 1/3"
wait_for "l. 95–116/122" # where it was left: the start of the paragraph at the top
ok "after a restart, « Reprendre » opens the fiche where it was left"

keys q
wait_home
keys p
wait_row 0 "Progression de ana"
wait_for "Comprendre le contexte : 1/3 lues, 0/1 maîtrisées, moyenne des quiz 50 %"
wait_for "✓ Premiers pas avec les données — lue · quiz : meilleur 50 %, dernier 50 %,"
wait_for "○ Le vocabulaire des données — nouvelle"
keys q
keys Q
wait_exit 0
check_restored "progress flow"
ok "the progress screen: per rubric and per fiche"

adpa --learner bob
wait_home # bob is new to the file: the welcome page first
wait_for "apprenant : bob"
wait_gone "Reprendre"
keys p
wait_for "Comprendre le contexte : 0/3 lues"
keys q L
wait_for "Apprenant :"
keys -l "ana"
keys Enter
wait_for "apprenant : ana"
wait_for "Reprendre : Premiers pas avec les données"
ok "two learners on one file: who reads is shown, L switches"

# L lists the learners: Escape leaves the name prompt for the list
keys L
wait_row 0 "Apprenants"
wait_for "Apprenant :"
keys Escape
wait_gone "Apprenant :"
wait_for "● ana"
wait_for "bob"
keys j Enter
wait_for "apprenant : bob"
wait_gone "Reprendre"
keys Q
wait_exit 0
ok "« Apprenants » lists the learners, Enter switches to the one chosen"

mkdir -p "$T/ro" && printf 'pas une base\n' >"$T/ro/junk.db"
adpa --db "$T/ro/junk.db"
wait_for "Progression non enregistrée"
wait_for "junk.db"
keys Q
wait_exit 0
[ "$(cat "$T/ro/junk.db")" = "pas une base" ] || fail "the junk file was changed"
ok "a progress file that is not ours: reading works, the home screen says why, the file is untouched"
