#!/usr/bin/env bash
# Flow: in a fiche, B bookmarks the line read (with a label) and a writes the
# fiche's note in the status-line field; after a restart, « Signets et
# notes » (s on Home) lists both, Enter opens the fiche at the bookmark, the
# note comes back in the field to edit, x deletes the bookmark.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24
adpa ADPA_NOW=1700000000 --learner ana
wait_home
open_long_fiche
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do keys j; done
wait_for "l. 13–34/122"
keys B
wait_for "Signet, libellé (facultatif) :"
keys -l "mon repère"
keys Enter
wait_for "Signet posé : mon repère"
ok "B bookmarks the line read, with a label"

keys a
wait_for "Note (vide : supprimer) :"
keys -l 'à revoir, « vite »'
keys Enter
wait_for "Note enregistrée"
keys G
wait_for "100 %"
keys Q
wait_exit 0
ok "a writes the fiche's note"

adpa ADPA_NOW=1700000100 --learner ana
wait_home
keys s
wait_row 0 "Signets et notes"
wait_for "Signets (1)"
wait_for "Premiers pas avec les données : mon repère"
wait_for "Notes (1)"
wait_for "Premiers pas avec les données : à revoir, « vite »"
ok "after a restart, « Signets et notes » lists the bookmark and the note"

keys Enter
wait_for "fiche 1/3"
wait_for "l. 13–34/122"
ok "Enter opens the fiche at the bookmark's line"

keys a
wait_for "Note (vide : supprimer) : à revoir, « vite »"
keys Escape
wait_gone "Note (vide"
keys '?'
wait_for "poser un signet à la ligne lue"
wait_for "annoter : écrire la note de la fiche"
keys '?'
wait_gone "poser un signet"
ok "the note comes back in the field; the help lists B and a"

keys q
wait_row 0 "Signets et notes"
keys x
wait_for "Signet supprimé"
wait_gone "mon repère"
wait_for "Notes (1)"
wait_gone "Signets ("
keys q
wait_home
keys Q
wait_exit 0
check_restored "bookmarks flow"
ok "x deletes the bookmark, the note stays"

# $EDITOR: a script standing for the learner's editor adds a second line
printf '#!/bin/sh\nstat -c %%a "$1" >"$T/perm"\nprintf "deuxième ligne\\n" >>"$1"\n' >"$T/ed.sh"
chmod +x "$T/ed.sh"
adpa EDITOR='$T/ed.sh' --learner ana
wait_home
keys s
wait_for "Notes (1)"
keys Enter
wait_for "fiche 1/3"
keys a
wait_for "Note enregistrée"
[ "$(cat "$T/perm")" = 600 ] || fail "the editor's file is not private: $(cat "$T/perm")"
keys q
wait_for "Premiers pas avec les données : à revoir, « vite » …"
keys Q
wait_exit 0
check_restored "editor flow"
ok "\$EDITOR edits the note in a private file, curses comes back"

# x on a note asks first: n keeps it, o deletes it
adpa --learner ana
wait_home
keys s
wait_for "Notes (1)"
keys x
wait_for "Supprimer la note de « Premiers pas avec les données » ? (o/n)"
keys n Enter
wait_for "Note gardée"
wait_for "Notes (1)"
keys x
wait_for "Supprimer la note de"
keys o Enter
wait_for "Note supprimée"
wait_for "Aucun signet ni note"
keys Q
wait_exit 0
ok "x on a note deletes it only after a confirmation"
