#!/usr/bin/env bash
# Flow: ? shows the keys of the current screen, generated from its key
# tables (the ones that dispatch), and closes again.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24
adpa
wait_home
keys ?
wait_row 0 "Aide › Accueil"
wait_for "quitter adpa"
wait_for "à propos du cours"
wait_for "↓ j Ctrl-N"
wait_for "élément suivant"
wait_for "Entrée → l"
wait_for "Partout"
keys G # « Partout » ends below the first screen when Home has many keys
wait_for "quitter adpa, depuis n’importe quel écran"
screen | grep -q "^   Q  *quitter adpa, depuis" || fail "Q is not listed in front of its help"
ok "help on home lists its keys and the global ones"

keys q
wait_home
keys Enter Enter
wait_for "l. 1–22/"
keys ?
wait_row 0 "Aide › Lecture"
wait_for "← h Retour arrière q"
wait_for "fiche suivante de la rubrique"
wait_for "↓ j Ctrl-N Ctrl-E"
wait_for "Page suiv. Espace f Ctrl-F"
wait_for "d Ctrl-D"
keys G
wait_for "Tab"
wait_for "choisir le lien suivant"
wait_for "chercher dans le texte"
wait_for "sommaire : aller à un intertitre"
screen | grep -q "^   n  *occurrence suivante" || fail "n is not listed"
wait_for "repris dans la liste « Liens » en"
wait_for "fin de fiche : le titre de la fiche visée"
ok "help in the reader lists scrolling, link, search and toc keys"

keys ?
wait_for "l. 1–22/"
wait_row 0 "Comprendre le contexte › Premiers pas"
keys F1
wait_row 0 "Aide › Lecture"
keys Escape
wait_for "l. 1–22/"
ok "? and Escape close the help, F1 opens it"

keys q
wait_for "rubrique 1/5"
keys ?
wait_row 0 "Aide › Rubrique"
wait_for "rubrique suivante"
keys G # the notes come after the keys
wait_for "○ nouvelle, ◐ en cours, ✓ lue, ★ maîtrisée"
keys q
keys x
wait_for "Touche sans effet ici : ? affiche l’aide"
ok "the rubric's help explains the marks; an unknown key points to ?"

keys q
wait_home
keys s
wait_row 0 "Signets et notes"
keys ?
wait_for "Suppr"
screen | grep -q "touche [0-9]" && fail "a key shown by its number"
ok "every bound key has a name (Suppr, not « touche 330 »)"

keys Q
wait_exit 0
check_restored "Q"
