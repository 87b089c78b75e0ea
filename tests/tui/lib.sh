# Shared helpers for the TUI flows, sourced by each tests/tui/*.sh script.
#
# Usage in a flow:   . "$(dirname "$0")/lib.sh" "$@"   (first argument: adpa)
#
# Each flow gets a private tmux server (-L adpa-test-PID, no config file), a
# fixed-size window running a clean bash (env -i), HOME and XDG directories
# in a temporary directory, and the fixture course tests/fixtures/tui-course.
# Nothing sleeps to synchronise: helpers poll the screen (capture-pane) until
# the expected text shows, or fail after $ADPA_TEST_TIMEOUT seconds with the
# screen printed. The server and the temporary directory go in a trap.

set -u

ADPA=$(realpath "${1:?usage: $0 PATH/TO/adpa}")
TESTS_TUI=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
COURSE=$(realpath "$TESTS_TUI/../fixtures/tui-course")
SOCK=adpa-test-$$
TIMEOUT=${ADPA_TEST_TIMEOUT:-10}
T=$(mktemp -d "${TMPDIR:-/tmp}/adpa-tui.XXXXXX")
NAME=$(basename "$0" .sh)
export TMUX_TMPDIR=$T # the server's socket goes with the temporary directory
unset TMUX            # a flow started from inside tmux still gets its own server

cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

command -v tmux >/dev/null || { echo "$NAME: tmux is needed (apt-get install tmux)"; exit 77; }

mkdir -p "$T/home" "$T/config" "$T/data" "$T/state" "$T/cache"

tm() { tmux -L "$SOCK" "$@"; }

fail() {
	echo "FAIL $NAME: $*" >&2
	echo "--- screen ---" >&2
	tm capture-pane -p -t adpa >&2 2>/dev/null
	echo "--------------" >&2
	exit 1
}

ok() { echo "ok $NAME: $*"; }

# start [W H] [TERM]: a window of W×H (80×24) running bash in a clean
# environment, with $ADPA and $COURSE set; returns at its first prompt.
start() {
	local w=${1:-80} h=${2:-24} term=${3:-tmux-256color}
	tm -f /dev/null new-session -d -s adpa -x "$w" -y "$h" \
		env -i PATH="$PATH" HOME="$T/home" XDG_CONFIG_HOME="$T/config" \
		XDG_DATA_HOME="$T/data" XDG_STATE_HOME="$T/state" XDG_CACHE_HOME="$T/cache" \
		TERM="$term" LANG=C.UTF-8 LC_ALL= LESSHISTFILE=- PS1='$ ' T="$T" \
		ADPA="$ADPA" COURSE="$COURSE" ASAN_OPTIONS="${ASAN_OPTIONS:-}" \
		UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" LSAN_OPTIONS="${LSAN_OPTIONS:-}" \
		bash --norc --noprofile ||
		fail "cannot start tmux"
	tm set-option -g status off >/dev/null
	wait_row 0 '$'
}

# The screen as text; no-break spaces (U+00A0, U+202F) read as spaces, so
# that flows match text as typed (strings.py checks the typography itself).
screen() { tm capture-pane -p -t adpa | sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g'; }
# The screen with attributes as escape sequences.
screen_e() { tm capture-pane -p -e -t adpa; }
# Row N of the screen (0 is the top).
row() { screen | sed -n "$(($1 + 1))p"; }

# The first row (0 is the top) holding TEXT, or nothing.
row_of() { screen | grep -nF -- "$1" | head -1 | awk -F: '{ print $1 - 1 }'; }

keys() { tm send-keys -t adpa "$@"; }
# Types a command line in the pane's shell and runs it.
run() { tm send-keys -t adpa -l "$1" && tm send-keys -t adpa Enter; }

# adpa [ENV=VALUE...] [ARGS...]: runs adpa on the fixture course; the shell
# prints ADPA-EXIT-N=status (N counts the runs) when it ends. stty -a is saved
# before and after.
adpa() {
	local envs="" args=""
	for a in "$@"; do
		case $a in
		*=*) envs="$envs $a" ;;
		*) args="$args $a" ;;
		esac
	done
	RUNS=$((RUNS + 1)) # each run has its own exit marker: an earlier one stays on screen
	rm -f "$T/stty.before" "$T/stty.after"
	run "stty -a > \$T/stty.before; $envs \"\$ADPA\" --course \"\$COURSE\"$args; echo ADPA-EXIT-$RUNS=\$?; stty -a > \$T/stty.tmp; mv \$T/stty.tmp \$T/stty.after"
}
RUNS=0

# wait_for TEXT [SECONDS]: until TEXT (fixed string) is on screen.
wait_for() {
	local end=$((SECONDS + ${2:-$TIMEOUT}))
	while ((SECONDS <= end)); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	fail "timed out waiting for \"$1\""
}

# wait_gone TEXT: until TEXT is no longer on screen.
wait_gone() {
	local end=$((SECONDS + TIMEOUT))
	while ((SECONDS <= end)); do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05
	done
	fail "timed out waiting for \"$1\" to go"
}

# wait_row N TEXT: until row N starts with TEXT (after its margin blank).
wait_row() {
	local end=$((SECONDS + TIMEOUT))
	while ((SECONDS <= end)); do
		case "$(row "$1")" in " $2"* | "$2"*) return 0 ;; esac
		sleep 0.05
	done
	fail "timed out waiting for row $1 to start with \"$2\" (it is \"$(row "$1")\")"
}

# wait_change: until the screen differs from what it was when called
# (capture first with: before=$(screen)).
wait_change() {
	local end=$((SECONDS + TIMEOUT))
	while ((SECONDS <= end)); do
		[ "$(screen)" != "$before" ] && return 0
		sleep 0.02
	done
	fail "timed out waiting for the screen to change"
}

# number NAME: the number shown before the quiz choice NAME (choices are
# shuffled).
number() { screen | grep -F -- "$1" | sed -E 's/.*\(.\) ([1-9])\).*/\1/' | head -1; }

# The home screen of the fixture is up. A first launch shows the welcome
# page first (view_welcome.c): it is passed with Enter, which takes the name
# suggested (the login name) or, for a learner given, goes on; Home then
# says « Bienvenue, NAME » in its status line until the next key.
wait_home() {
	local end=$((SECONDS + TIMEOUT)) s
	while ((SECONDS <= end)); do
		s=$(screen)
		case $(head -1 <<<"$s") in
		" Bienvenue"*)
			grep -qE '^Votre nom : .|Entrée : ' <<<"$s" && { keys Enter; wait_gone "Par où commencer"; } ;;
		" Suggéré ›"*) # a new learner lands on the course's first suggested path
			grep -qF "Bienvenue, " <<<"$s" && { keys q; wait_gone "Suggéré ›"; } ;;
		*"Cours d’essai de l’interface"*)
			grep -qE 'rubriques, 7 fiches|Bienvenue, ' <<<"$s" && return 0 ;;
		esac
		sleep 0.05
	done
	fail "timed out waiting for Home"
}

# Opens the first rubric, then its first fiche (the long one).
open_long_fiche() {
	# from a fresh home, or one offering « Reprendre » (a fiche read before):
	# the first rubric either way
	screen | grep -q "Reprendre" && keys j
	keys Enter
	wait_for "fiche 1/3"
	keys Enter
	wait_for "Premiers pas avec les données"
	wait_for "l. " # it reopens where it was left; the flows start from the top
	keys g
	wait_for "l. 1–"
}

# wait_exit STATUS: adpa has ended with STATUS and the shell is back.
wait_exit() {
	wait_for "ADPA-EXIT-$RUNS=$1"
	local end=$((SECONDS + TIMEOUT))
	while ((SECONDS <= end)); do
		[ -s "$T/stty.after" ] && return 0
		sleep 0.05
	done
	fail "stty -a after adpa was never written"
}

# The terminal state tmux sees in the pane: alternate screen, cursor,
# keypad and mouse modes.
pane_modes() {
	tm display -p -t adpa 'alt=#{alternate_on} cursor=#{cursor_flag} keypad=#{keypad_flag}/#{keypad_cursor_flag} mouse=#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}#{mouse_all_flag}#{mouse_sgr_flag}'
}

# After wait_exit: stty -a identical, and the modes as the shell had them.
check_restored() {
	# the size may differ when the flow resized the window, nothing else
	local size='s/rows [0-9]*; columns [0-9]*; //'
	diff -u <(sed "$size" "$T/stty.before") <(sed "$size" "$T/stty.after") >&2 ||
		fail "stty -a differs after adpa ($1)"
	local m
	m=$(pane_modes)
	[ "$m" = "$MODES_BEFORE" ] || fail "terminal modes not restored ($1): $m, before: $MODES_BEFORE"
	rm -f "$T/stty.before" "$T/stty.after"
}

# Starts the window and records the shell's terminal modes.
start_shell() {
	start "$@"
	MODES_BEFORE=$(pane_modes)
}

# The pid of the program the pane's shell is running (adpa).
child_pid() {
	local shell_pid
	shell_pid=$(tm display -p -t adpa '#{pane_pid}')
	pgrep -P "$shell_pid" | head -1
}
