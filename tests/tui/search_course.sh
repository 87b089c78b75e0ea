#!/usr/bin/env bash
# Flow: / on Home searches the whole course, accents ignored; the results
# show title, rubric and a snippet with the matched words underlined; Enter
# opens the fiche at its first match with the in-fiche search already set.
# Start-up builds no index; the cache file is private. Then the « Rechercher »
# item, a new search from the results, / in a rubric, no match, Escape.
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
keys Enter
wait_row 0 "Recherche › « zephyr »"
wait_for "1 fiche"
wait_row 2 "› Premiers pas avec les données"
wait_for "Comprendre le contexte"
wait_for "résultat 1/1"
screen | sed -n 4p | grep -q "Le vent zéphyr Le Zéphyr est un vent doux" || fail "snippet missing"
hits=$(screen_e | sed -n 4p | grep -Eo $'\e\\[4m(\e\\[[0-9;]*m)*[Zz]éphyr' | wc -l)
[ "$hits" -ge 2 ] || fail "matched words are not underlined in the snippet ($hits)"
ok "zephyr finds zéphyr: title, rubric, snippet with the words underlined"

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
ok "Enter opens the fiche at the first match, the in-fiche search set (n goes on)"

keys q
wait_row 0 "Recherche › « zephyr »"
keys q
wait_home
keys G k k # above « Lexique »
wait_for "› Rechercher dans le cours (/)"
keys Enter
wait_row 23 "Rechercher :"
keys -l "donnees"
keys Enter
wait_row 0 "Recherche › « donnees »"
wait_for "Le vocabulaire des données"
wait_for "Premiers pas avec les données"
keys /
wait_row 23 "Rechercher :"
keys -l "THEATRE equipes"
keys Enter
wait_row 0 "Recherche › « THEATRE equipes »"
wait_for "théâtre"
keys q
wait_home
ok "the « Rechercher » item; / in the results searches again in place"

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
wait_for "fiche 1/3"
keys ?
wait_row 0 "Aide › Rubrique"
wait_for "rechercher dans tout le cours"
keys q
ok "/ in a rubric; no match leaves the screen as it was; Escape cancels; help lists /"

keys Q
wait_exit 0
check_restored "Q after searching"
