#!/usr/bin/env bash
# Flow: where the interface cannot run (TERM=dumb, an unknown TERM, output
# not a terminal) adpa says why and points to adpa show, with status 1.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24
adpa TERM=dumb
wait_exit 1
wait_for "adpa : le terminal « dumb » ne peut pas afficher l’interface plein écran."
wait_for "Pour lire sans elle : adpa list (les fiches), puis adpa show ID (une fiche)."
check_restored "TERM=dumb"
ok "TERM=dumb: a clear message and a hint to use adpa show"

run clear
wait_gone "dumb"
adpa TERM=nosuchterm
wait_exit 1
wait_for "adpa : terminal « nosuchterm » inconnu : vérifiez TERM"
wait_for "Pour lire sans elle : adpa list (les fiches), puis adpa show ID (une fiche)."
check_restored "unknown TERM"
ok "an unknown TERM: a clear message and a hint"

run clear
wait_gone "nosuchterm"
run '"$ADPA" --course "$COURSE" | cat; echo PIPE-EXIT=${PIPESTATUS[0]}'
wait_for "PIPE-EXIT=1"
wait_for "l’interface plein écran a besoin d’un terminal."
ok "output into a pipe: a clear message"
