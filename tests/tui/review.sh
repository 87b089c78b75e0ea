#!/usr/bin/env bash
# Flow: answer a quiz question wrongly: the same day Home says when it comes
# back and r offers to review ahead; restart the next day (the clock injected
# with ADPA_NOW): Home offers « Révision » with the count, r asks the question
# again with the quiz's feedback, and a right answer sends it two days
# further; Enter on the Home entry starts a review too.
. "$(dirname "$0")/lib.sh" "$@"

T0=1700000000
DAY=86400

start_shell 80 24
adpa ADPA_NOW=$T0 --learner ana
wait_home
keys Enter
wait_for "rubrique 1/5"
keys e
wait_row 0 "Quiz › Premiers pas avec les données"
keys "$(number "Par l’outil")" Enter
wait_for "Pas tout à fait."
keys Enter
wait_for "question 2/2"
keys "$(number "Un changement")" Enter
wait_for "Juste."
keys Enter
wait_for "Score : 1/2 (50 %)"
keys Enter q
wait_home
wait_for "Révision : prochaine demain (ou en avance)"
keys r
wait_for "Aucune question à revoir aujourd’hui ; prochaine révision demain (1 question)."
wait_for "Réviser en avance ? (o/n)"
keys n Enter
wait_home
screen | grep -q "question 1/1" && fail "n reviewed ahead all the same"
ok "a wrong answer is not due the same day: Home and r say when it is"

keys r
wait_for "Réviser en avance ? (o/n)"
keys o Enter
wait_row 0 "Révision › Premiers pas avec les données"
wait_for "question 1/1"
keys "$(number "Par l’outil")" Enter
wait_for "Pas tout à fait."
keys Enter
wait_for "Révision terminée : 0/1 juste."
keys q
wait_home
wait_for "Révision : prochaine demain (ou en avance)"
keys Q
wait_exit 0
ok "o reviews ahead (Anki's custom study); a wrong answer keeps it for tomorrow"

adpa ADPA_NOW=$((T0 + DAY)) --learner ana
wait_for "Révision : 1 question à revoir aujourd’hui"
keys ?
wait_row 0 "Aide › Accueil"
wait_for "réviser les questions à revoir aujourd’hui, ou en avance"
keys q
wait_home
keys r
wait_row 0 "Révision › Premiers pas avec les données"
wait_for "question 1/1"
wait_for "Par quoi commencer ?"
keys "$(number "Par les questions")" Enter
wait_for "bonne réponse, votre choix"
wait_for "Juste."
wait_for "Explication :"
keys Enter
wait_row 0 "Révision"
wait_for "Révision terminée : 1/1 juste."
wait_for "1. ✓ juste — Par quoi commencer ?"
keys Enter
wait_home
wait_for "Révision : prochaine après-demain (ou en avance)"
keys Q
wait_exit 0
ok "the next day, Home shows the count and r reviews the question with the quiz's feedback"

adpa ADPA_NOW=$((T0 + 3 * DAY - 1)) --learner ana
wait_home
wait_for "Révision : prochaine aujourd’hui à 22 h 13 (ou en avance)"
keys Q
wait_exit 0
adpa ADPA_NOW=$((T0 + 3 * DAY)) --learner ana
wait_for "Révision : 1 question à revoir aujourd’hui"
keys Enter # the first item
wait_row 0 "Révision › Premiers pas avec les données"
keys "$(number "Par l’outil")" Enter
wait_for "Pas tout à fait."
keys Enter
wait_for "Révision terminée : 0/1 juste."
keys q
wait_home
wait_for "Révision : prochaine demain (ou en avance)"
keys Q
wait_exit 0
check_restored "review flow"
ok "two days later it is due again; Enter on the entry reviews it, a wrong answer sends it to tomorrow"
