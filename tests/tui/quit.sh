#!/usr/bin/env bash
# Flow: quit from every screen (Q anywhere, q back to home then out,
# Ctrl-C); each time stty -a and the terminal modes are as before.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24

quit_from() { # $1: label; the screen is up; Q quits
	keys Q
	wait_exit 0
	check_restored "$1"
	ok "Q from $1 restores the terminal"
}

adpa
wait_home
keys q
wait_exit 0
check_restored "home with q"
ok "q on home quits and restores the terminal"

adpa
wait_home
quit_from "home"

adpa
wait_home
keys Enter
wait_for "rubrique 1/5"
quit_from "a rubric"

adpa
wait_home
open_long_fiche
quit_from "the reader"

adpa
wait_home
open_long_fiche
keys t
wait_row 0 "Sommaire"
quit_from "the table of contents"

adpa
wait_home
keys ?
wait_row 0 "Aide › Accueil"
quit_from "the help screen"

adpa
wait_home
keys a
wait_row 0 "À propos"
wait_for "Ce cours d’essai sert aux tests de l’interface."
quit_from "À propos"

adpa
wait_home
open_long_fiche
keys /
keys -l "Qui"
wait_row 23 "/Qui" # Q is text in the prompt
keys Escape
wait_for "l. 1–22/"
quit_from "the reader after a search prompt"

adpa
wait_home
open_long_fiche
keys q
wait_for "rubrique 1/5"
keys q
wait_home
keys q
wait_exit 0
check_restored "q, q, q from the reader"
ok "q goes back screen by screen, then quits from home"

adpa
wait_home
open_long_fiche
keys C-c
wait_exit 130
check_restored "Ctrl-C in the reader"
ok "Ctrl-C quits (status 130) and restores the terminal"
