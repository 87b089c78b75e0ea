#!/usr/bin/env bash
# Flow: the theme on 256 colours, 8 colours, NO_COLOR and a monochrome
# terminal: colour codes only where allowed, and meaning (selection,
# headings, links, matches) still shown by reverse, bold and underline.
. "$(dirname "$0")/lib.sh" "$@"

# The SGR parameters in the styled capture, one per line.
sgr_params() { screen_e | grep -ao $'\e\\[[0-9;]*m' | tr -d '\033[m' | tr ';' '\n' | sort -u; }
has_colour() { sgr_params | grep -qxE '3[0-7]|38|4[0-7]|48|9[0-7]|10[0-7]'; }
has_attr() { sgr_params | grep -qx "$1"; }

# A screen with a heading, a link, a selected link and search matches.
reader_screen() {
	wait_home
	open_long_fiche
	keys t j Enter
	wait_row 1 "Le vent zéphyr"
	keys /
	keys -l zephyr
	keys Enter
	wait_for "/zephyr 1/4"
	keys g Tab
	wait_for "[1] → Le vocabulaire"
}

check_mono() { # $1: label
	has_colour && fail "$1: colour codes on screen: $(sgr_params | tr '\n' ' ')"
	has_attr 7 || fail "$1: no reverse video (header, status, selection)"
	has_attr 1 || fail "$1: no bold (headings)"
	has_attr 4 || fail "$1: no underline (links)"
}

start_shell 80 24
adpa
wait_home
has_colour || fail "no colour on a 256-colour terminal"
keys Q
wait_exit 0
adpa
reader_screen
sgr_params | grep -qx 38 || fail "256 colours: no 38;5 colour"
has_attr 7 || fail "256 colours: no reverse for the selected link"
keys Q
wait_exit 0
check_restored "256 colours"
ok "256 colours (tmux-256color): colours, and reverse for the selection"

adpa NO_COLOR=1
reader_screen
check_mono "NO_COLOR"
keys q q
wait_home
has_colour && fail "NO_COLOR home: colour codes"
has_attr 7 || fail "NO_COLOR home: the selection is not in reverse video"
screen | grep -q "^ › Comprendre le contexte" || fail "NO_COLOR: the selection mark is missing"
keys Q
wait_exit 0
check_restored "NO_COLOR"
ok "NO_COLOR: no colour, selection by mark and reverse, bold headings, underlined links"

adpa TERM=xterm-mono
reader_screen
check_mono "TERM=xterm-mono"
keys Q
wait_exit 0
check_restored "xterm-mono"
ok "monochrome terminal (xterm-mono): bold, underline and reverse only"

adpa TERM=screen
reader_screen
has_colour || fail "8 colours: no colour"
sgr_params | grep -qx 38 && fail "8 colours: a 256-colour code was sent"
keys Q
wait_exit 0
check_restored "8 colours"
ok "8 colours (screen): only the 8 basic colours"

# The 256-colour codes on screen (38;5;N and 48;5;N), one per line.
colours256() { screen_e | grep -aoE $'\e\\[[0-9;]*m' | grep -oE '[34]8;5;[0-9]+' | sort -u; }

adpa --theme light
reader_screen
colours256 | grep -qx "38;5;25" || fail "--theme light: headings not in colour 25: $(colours256 | tr '\n' ' ')"
colours256 | grep -qx "38;5;38" && fail "--theme light: the dark theme's heading colour"
keys Q
wait_exit 0
adpa --theme dark
reader_screen
colours256 | grep -qx "38;5;38" || fail "--theme dark: headings not in colour 38"
keys Q
wait_exit 0
adpa 'COLORFGBG="0;15"'
reader_screen
colours256 | grep -qx "38;5;25" || fail "COLORFGBG=0;15 (auto): not the light theme"
keys Q
wait_exit 0
adpa 'COLORFGBG="15;default;0"'
reader_screen
colours256 | grep -qx "38;5;38" || fail "COLORFGBG=15;default;0 (auto): not the dark theme"
keys Q
wait_exit 0
check_restored "themes"
ok "--theme light and dark; auto from COLORFGBG"

adpa --theme sepia
wait_for 'ADPA-EXIT-'"$RUNS"'=2'
tm capture-pane -p -S -60 -t adpa | grep -qF -- '--theme wants auto, dark or light, not "sepia"' ||
	fail "no message for --theme sepia"
ok "a bad --theme value is a usage error"
