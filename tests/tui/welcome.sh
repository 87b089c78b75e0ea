#!/usr/bin/env bash
# Flow: the first launch. On a fresh progress file the welcome page says
# where to start and asks who is learning, the login name suggested; the
# name typed is the only learner recorded. On a shared account the next
# launch asks again (↑ recalls the names already there): a known name goes
# to Home, a new one to the course's first suggested path. q before any
# name quits and records nobody. --learner naming someone new shows who,
# without asking; a known one goes straight to Home. A half-done quiz is
# resumed by its learner only.
. "$(dirname "$0")/lib.sh" "$@"

learners() { sqlite3 "$T/data/adpa/progress.db" 'SELECT name FROM learner ORDER BY name' | tr '\n' ' '; }

start_shell 80 24
cp -r "$COURSE" "$T/course"
cat >>"$T/course/course.yaml" <<'YAML'
paths:
  - id: premiers-pas
    title: "Premiers pas"
    description: "Un parcours suggéré pour commencer."
    fiches: [fix-premiers-pas, fix-vocabulaire, fix-courte]
YAML
run "COURSE=\$T/course"
login=$(id -un)

adpa
wait_row 0 "Bienvenue"
wait_for "Qui apprend ?"
wait_for "Par le parcours suggéré « Premiers pas » : 3 fiches,"
wait_for "environ 14 min. Un parcours suggéré pour commencer."
wait_for "$T/data/adpa/progress.db"
wait_for "Votre nom : $login"
keys Escape
wait_for "Entrée : donner votre nom"
keys q
wait_exit 0
check_restored "q on the welcome page"
[ -z "$(learners)" ] || fail "q before any name recorded a learner: $(learners)"
ok "first launch: where to start, who is learning; q quits and records nobody"

adpa
wait_for "Votre nom : $login"
for _ in $(seq ${#login}); do keys BSpace; done
wait_for_row_is() { # N TEXT: row N is exactly TEXT (trailing blanks aside)
	local end=$((SECONDS + TIMEOUT))
	while ((SECONDS <= end)); do
		[ "$(row "$1" | sed 's/ *$//')" = "$2" ] && return 0
		sleep 0.05
	done
	fail "row $1 is \"$(row "$1")\", not \"$2\""
}
wait_for_row_is 23 "Votre nom :"
keys -l "$(printf 'x%.0s' $(seq 81))"
keys Enter
wait_for "Ce nom ne convient pas"
wait_row 0 "Bienvenue"
for _ in $(seq 81); do keys BSpace; done
keys -l "Alice Martin"
keys Enter
wait_row 0 "Suggéré › Premiers pas"
wait_for "Bienvenue, Alice Martin"
[ "$(learners)" = "Alice Martin " ] || fail "learners after the first name: $(learners)"
keys q
wait_for "Cours d’essai de l’interface"
keys q
wait_exit 0
ok "a name too long is refused and kept to correct; the name given is the only learner"

adpa
wait_for "Déjà enregistrés ici : Alice Martin"
wait_for_row_is 23 "Votre nom :" # nothing filled in on a shared account
keys Up
wait_for "Votre nom : Alice Martin"
keys Enter
wait_for "Cours d’essai de l’interface" # Home, not the path again
wait_for "Apprenant : Alice Martin"
keys q
wait_exit 0
[ "$(learners)" = "Alice Martin " ] || fail "learners after Alice came back: $(learners)"
ok "a shared account asks again; ↑ recalls a known name, which goes to Home"

adpa
wait_for "Votre nom :"
keys -l "Bob"
keys Enter
wait_row 0 "Suggéré › Premiers pas"
keys q
wait_for "apprenant : Bob"
keys q
wait_exit 0
[ "$(learners)" = "Alice Martin Bob " ] || fail "learners after Bob: $(learners)"
ok "a new name on a shared account starts on the suggested path"

adpa --learner zoé
wait_row 0 "Bienvenue"
wait_for "Apprenant : zoé. Votre progression est enregistrée à ce nom."
screen | grep -q "Votre nom" && fail "a learner given is asked their name"
wait_for "Entrée : commencer par « Premiers pas »"
keys Enter
wait_row 0 "Suggéré › Premiers pas"
keys q q
wait_exit 0
adpa --learner zoé
wait_home
screen | grep -q "Bienvenue" && fail "the welcome page again for a known learner"
keys q
wait_exit 0
ok "--learner: a new learner is told who they are, a known one goes to Home"

# A quiz left half-way belongs to its learner: another learner starts it afresh
quiz_as() { # quiz_as NAME: from the quiz, back to Home, L to NAME, the same quiz
	keys q
	wait_for "fiche 1/3"
	keys q q
	wait_home
	keys L
	wait_for "Apprenant :"
	keys -l "$1"
	keys Enter
	wait_for "apprenant : $1"
	keys g # the top of Home, « Reprendre » or not
	open_long_fiche
	keys e
}
adpa --learner zoé
wait_home
open_long_fiche
keys e
wait_for "question 1/2"
keys "$(number "Par les questions")" Enter # right: no « Révision » item on Home
wait_for "Explication"
keys Enter
wait_for "question 2/2"
quiz_as Bob
wait_for "question 1/2"
screen | grep -q "repris" && fail "Bob resumed zoé's quiz"
quiz_as zoé
wait_for "Quiz repris à la question 2 sur 2"
keys Q
wait_exit 0
ok "a half-done quiz is its learner's: another starts afresh, its learner resumes"
