#!/usr/bin/env bash
# Bytes written for one line of scrolling in the reader, against less on the
# same text at the same size (80×24): the fiche as `adpa show` prints it at
# the reader's width, styled, in `less -R`. Over SSH bytes are latency;
# adpa must write at most twice what less writes. tmux pipe-pane records
# what each program writes to the terminal, one keystroke at a time, after
# a few lines of warm-up so both are in the middle of the text.
. "$(dirname "$0")/lib.sh" "$@"

N=10
command -v less >/dev/null || { echo "$NAME: less is needed"; exit 77; }

# One line down, waiting for the screen to change and the output to settle;
# prints the bytes written.
one_line() {
	local f=$T/pipe.$RANDOM size=-1 stable=0
	before=$(screen)
	tm pipe-pane -o -t adpa "cat > $f"
	keys j
	wait_change
	while ((stable < 5)); do # 5 polls (~0.1 s) without a new byte
		local now
		now=$(stat -c %s "$f" 2>/dev/null || echo 0)
		if [ "$now" = "$size" ]; then stable=$((stable + 1)); else stable=0 size=$now; fi
		sleep 0.02
	done
	tm pipe-pane -t adpa
	echo "$size"
}

# Total bytes for N lines after 5 of warm-up.
measure() {
	local total=0 i
	for i in 1 2 3 4 5; do
		before=$(screen)
		keys j
		wait_change
	done
	for ((i = 0; i < N; i++)); do
		total=$((total + $(one_line)))
	done
	echo "$total"
}

start 80 24
"$ADPA" --course "$COURSE" show fix-premiers-pas --width 78 --color always >"$T/fiche.txt" ||
	fail "adpa show failed"
run 'less -R "$T/fiche.txt"'
wait_for "Premiers pas avec les données"
less_total=$(measure)
keys q
wait_row 0 '$'

adpa
wait_home
open_long_fiche
adpa_total=$(measure)
keys Q
wait_exit 0

adpa_mean=$((adpa_total / N)) less_mean=$((less_total / N))
echo "bytes per line of scrolling at 80x24 (mean of $N): adpa $adpa_mean, less $less_mean" \
	"(ratio $(awk "BEGIN { printf \"%.2f\", $adpa_total / $less_total }"))"
((less_total > 0)) || fail "nothing measured for less"
((adpa_total > 0)) || fail "nothing measured for adpa"
((adpa_total <= 2 * less_total)) || fail "adpa writes more than twice what less writes"
ok "adpa writes at most twice what less writes per line of scrolling"
