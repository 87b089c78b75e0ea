#!/usr/bin/env bash
# Flow: / on Home searches the whole course, accents ignored; the results
# show as you type: title, rubric and a snippet with the matched words
# underlined; Enter opens the best fiche at its first match with the
# in-fiche search already set, q comes back to the results. Start-up builds
# no index; the cache file is private. Then the « Rechercher » item, a new
# search from the results, an empty line repeating the last search, the
# history (↑ ↓), / in a rubric, no match, Escape.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24
adpa
wait_home
wait_for "Rechercher dans le cours (/)"
[ -e "$T/cache/adpa" ] && fail "start-up made a search index"
ok "start-up builds no index; Home offers « Rechercher »"

keys /
wait_row 23 "Rechercher :"
keys -l zephyr
wait_row 0 "Recherche › « zephyr »" # as you type: no Enter yet
wait_row 23 "Rechercher : zephyr"
wait_for "1 fiche"
wait_row 2 "› Premiers pas avec les données"
wait_for "Comprendre le contexte"
screen | sed -n 4p | grep -q "Le vent zéphyr Le Zéphyr est un vent doux" || fail "snippet missing"
hits=$(screen_e | sed -n 4p | grep -Eo $'\e\\[4m(\e\\[[0-9;]*m)*[Zz]éphyr' | wc -l)
[ "$hits" -ge 2 ] || fail "matched words are not underlined in the snippet ($hits)"
ok "zephyr finds zéphyr as it is typed: title, rubric, snippet with the words underlined"

cache=$(ls "$T"/cache/adpa/search-*.db 2>/dev/null | head -1)
[ -n "$cache" ] || fail "no cache file under \$XDG_CACHE_HOME/adpa"
[ "$(stat -c %a "$cache")" = 600 ] && [ "$(stat -c %a "$T/cache/adpa")" = 700 ] ||
	fail "cache not private: $(ls -la "$T/cache/adpa")"
ok "the index is cached in \$XDG_CACHE_HOME/adpa, file 0600, directory 0700"

keys Enter
wait_row 0 "Comprendre le contexte › Premiers pas avec les données"
wait_for "/zephyr 1/4"
wait_row 8 "Le vent zéphyr" # the first match, a third down the screen
matches=$(screen_e | grep -c $'\e\\[[0-9;]*m[Zz][ée]phyr')
[ "$matches" -ge 3 ] || fail "matches in the reader are not highlighted ($matches)"
keys n
wait_for "/zephyr 2/4"
ok "Enter opens the best fiche at the first match, the in-fiche search set (n goes on)"

keys q
wait_row 0 "Recherche › « zephyr »"
wait_for "résultat 1/1"
keys q
wait_home
keys G k k # above « Lexique »
wait_for "› Rechercher dans le cours (/)"
keys Enter
wait_row 23 "Rechercher :"
keys -l "donnees"
wait_row 0 "Recherche › « donnees »"
wait_for "Le vocabulaire des données"
wait_for "Premiers pas avec les données"
keys Escape
wait_home
ok "Escape while typing leaves the screen as it was"

keys /
keys -l "donnees"
keys Enter
wait_gone "Rechercher :"
wait_for "/donnees"
keys q
wait_row 0 "Recherche › « donnees »"
keys /
wait_row 23 "Rechercher :"
keys -l "THEATRE equipes"
wait_row 0 "Recherche › « THEATRE equipes »"
wait_for "théâtre"
keys Escape
wait_row 0 "Recherche › « THEATRE equipes »"
keys q
wait_home
ok "the « Rechercher » item; / in the results searches again in place"

keys /
wait_row 23 "Rechercher :"
keys Enter
wait_for "/donnees" # an empty line: the last search entered, again
keys q
wait_row 0 "Recherche › « donnees »"
keys /
wait_row 23 "Rechercher :"
keys Up
wait_row 23 "Rechercher : donnees"
keys Up
wait_row 23 "Rechercher : zephyr"
keys Down
wait_row 23 "Rechercher : donnees"
keys Escape
wait_row 0 "Recherche › « donnees »"
keys q
wait_home
ok "an empty line repeats the last search; ↑ ↓ recall the earlier ones"

keys g j Enter # the first item is « Reprendre » now
wait_for "rubrique 1/5"
keys /
wait_row 23 "Rechercher :"
keys -l "xyzzy"
keys Enter
wait_for "« xyzzy » : aucune fiche"
wait_for "rubrique 1/5"
keys /
wait_row 23 "Rechercher :"
keys Escape
wait_for "fiche 2/3" # the rubric selects the fiche read last: « donnees » opened it
keys ?
wait_row 0 "Aide › Rubrique"
wait_for "rechercher dans tout le cours"
keys q
ok "/ in a rubric; no match leaves the screen as it was; Escape cancels; help lists /"

keys Q
wait_exit 0
check_restored "Q after searching"

adpa
wait_home
keys /
wait_row 23 "Rechercher :"
keys Up
wait_row 23 "Rechercher : donnees" # the history is the learner's, kept across sessions
keys Escape
wait_home
keys Q
wait_exit 0
ok "the search history is kept in the progress file, for the next session"
