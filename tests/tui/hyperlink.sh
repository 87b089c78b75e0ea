#!/usr/bin/env bash
# Flow: an external link's URL in the status line is written as an OSC 8
# hyperlink when enabled (ADPA_HYPERLINKS=1, or a terminal known to support
# it), never inside tmux by default; the screen text is the same either way.
. "$(dirname "$0")/lib.sh" "$@"

osc8=$'\e]8;;https://www.cnil.fr/fr/rgpd-de-quoi-parle-t-on\e\\https://www.cnil.fr/fr/rgpd-de-quoi-parle-t-on\e]8;;\e\\'

select_url() { # with the output of the step recorded in $T/out
	wait_home
	open_long_fiche
	keys t j j Enter
	wait_row 1 "Sources et liens"
	tm pipe-pane -o -t adpa "cat > $T/out"
	keys Tab
	wait_for "[2] https://www.cnil.fr/fr/rgpd-de-quoi-parle-t-on"
	shown=$(screen_e)
	keys Q
	wait_exit 0
	tm pipe-pane -t adpa
}

start_shell 80 24
adpa ADPA_HYPERLINKS=1
select_url
grep -qaF "$osc8" "$T/out" || fail "no OSC 8 hyperlink around the URL: $(cat -v "$T/out" | tail -c 400)"
grep -qaF $'\e7' "$T/out" && grep -qaF $'\e8' "$T/out" || fail "the hyperlink is not inside DECSC/DECRC"
check_restored "ADPA_HYPERLINKS=1"
with_osc8=$shown
ok "ADPA_HYPERLINKS=1: the URL is written as an OSC 8 hyperlink, the screen unchanged"

adpa
select_url
grep -qaF $'\e]8;' "$T/out" && fail "an OSC 8 sequence was sent inside tmux without ADPA_HYPERLINKS"
check_restored "default"
[ "$shown" = "$with_osc8" ] || fail "the screen (text and attributes) differs with OSC 8"
ok "by default inside tmux: no OSC 8; the screen is the same, attributes included"

adpa --hyperlinks always
select_url
grep -qaF "$osc8" "$T/out" || fail "--hyperlinks always: no OSC 8 inside tmux"
check_restored "--hyperlinks always"
ok "--hyperlinks always: OSC 8 inside tmux too"

adpa ADPA_HYPERLINKS=1 --hyperlinks never
select_url
grep -qaF $'\e]8;' "$T/out" && fail "--hyperlinks never: an OSC 8 sequence was sent"
check_restored "--hyperlinks never"
ok "--hyperlinks never wins over ADPA_HYPERLINKS=1"
