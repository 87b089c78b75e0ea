#!/usr/bin/env bash
# Flow: in a non-UTF-8 locale (LANG=C) every character on screen is ASCII:
# accents dropped, box drawing, bullets, marks and ellipses replaced.
. "$(dirname "$0")/lib.sh" "$@"

only_ascii() { ! screen | LC_ALL=C grep -q '[^ -~]' || fail "$1: a non-ASCII byte on screen"; }

start_shell 80 24
adpa LANG=C
wait_for "Qui apprend ?" # the first launch's welcome page, in ASCII too
only_ascii "the welcome page"
keys Enter
wait_for "Cours d'essai de l'interface"
wait_row 2 "> Comprendre le contexte"
wait_for "...................."
wait_for "des li..."
keys G # below the fold at 24 rows
wait_for "A propos"
keys g
wait_row 2 "> Comprendre le contexte"
only_ascii "home"
keys Enter
wait_for "> - Premiers pas avec les donnees"
wait_for "quiz -/2"
only_ascii "rubric"
keys Enter
wait_row 0 "Comprendre le contexte > Premiers pas avec les donnees"
wait_for "Comprendre le contexte . 7 min . debutant"
wait_for "l. 1-22/122"
keys d
wait_for "* Un premier point de liste"
wait_row 3 "----------------"
only_ascii "reader"
keys t j Enter
wait_row 2 "--------------"
wait_for '| Une citation : " le zephyr souffle ou il veut ".'
only_ascii "reader, quote"
keys ?
wait_for "Haut k Ctrl-P"
only_ascii "help"
keys q
wait_for "l. "
keys e
wait_for "question 1/"
wait_for "1-9 ou Espace : choisir  Entree : valider" # not "1---9", not "Entr--e"
only_ascii "quiz"
keys 1 Enter
wait_for "[+] "
wait_for "[-] "
screen | grep -qF "[x]" && fail "a sign reads as a ticked box"
only_ascii "quiz feedback"
keys Q
wait_exit 0
check_restored "LANG=C"
ok "LANG=C: ASCII only, on every screen"
