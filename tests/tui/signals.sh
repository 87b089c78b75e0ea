#!/usr/bin/env bash
# Flow: SIGTERM and SIGHUP (an SSH disconnection) end adpa cleanly: status
# 128+N, stty -a and the terminal modes restored.
. "$(dirname "$0")/lib.sh" "$@"

start_shell 80 24

signal_in_reader() { # $1: signal name, $2: expected status
	adpa
	wait_home
	open_long_fiche
	keys t
	wait_row 0 "Sommaire"
	local pid
	pid=$(child_pid)
	[ -n "$pid" ] || fail "no adpa process under the pane's shell"
	kill -"$1" "$pid"
	wait_exit "$2"
	check_restored "SIG$1"
	ok "SIG$1 ends adpa with status $2 and restores the terminal"
}

signal_in_reader TERM 143
signal_in_reader HUP 129
signal_in_reader INT 130
