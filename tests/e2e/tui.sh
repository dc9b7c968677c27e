#!/bin/sh
# End to end: the real binary in a real terminal (tmux), driven by keys.
. "$(dirname "$0")/../lib.sh"

command -v tmux >/dev/null 2>&1 || { echo "1..0 # SKIP tmux not installed"; exit 0; }

SOCK="$TMPD/tmux.sock"
T() { tmux -S "$SOCK" "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$TMPD"' EXIT

# start W H [ENV=VALUE...]: run diptych in a fresh W x H terminal; when it
# ends, its exit status and the terminal modes are saved.
start() {
	w=$1 h=$2
	shift 2
	stop_server
	rm -f "$TMPD/exit" "$TMPD/stty"
	T -f /dev/null new-session -d -x "$w" -y "$h" \
	    "env $* '$DIPTYCH'; echo \$? > '$TMPD/exit'; echo EXIT; stty -a > '$TMPD/stty'; sleep 60"
	T set-option -g status off 2>/dev/null
	wait_for 'Dealing with North Korea|Dealing|too small'
}

# stop_server: end the tmux server and wait until it is gone.
stop_server() {
	T kill-server 2>/dev/null || return 0
	i=0
	while T has-session 2>/dev/null && [ $i -lt 30 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	rm -f "$SOCK"
}

screen() { T capture-pane -p; }
screen_e() { T capture-pane -p -e; }

# wait_for REGEX: until the screen matches (at most 5 s).
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		screen 2>/dev/null | grep -Eq "$1" && { settle; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# settle: until the screen stops changing.
settle() {
	prev=
	i=0
	while [ $i -lt 30 ]; do
		cur=$(screen)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 0.1
		i=$((i + 1))
	done
}

keys() { T send-keys "$@"; sleep 0.2; settle; }
resize() { T resize-window -x "$1" -y "$2"; sleep 0.2; settle; }
row() { screen | sed -n "$1p"; }
# left ROW / right ROW: a pane's text on a screen row (1-based).
left() { row "$1" | awk -F ' │ ' '{ print $1 }'; }
right() { row "$1" | awk -F ' │ ' '{ print $2 }'; }

# wait_exit: until diptych has ended; prints its exit status.
wait_exit() {
	i=0
	while [ ! -s "$TMPD/exit" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.2
	cat "$TMPD/exit" 2>/dev/null
}

# --- a large terminal ------------------------------------------------------
start 200 60
screen | grep -q 'Japan-U.S.-South Korea Trilateral Cooperation' &&
    screen | grep -q 'Dealing with North Korea Beyond the Korean Peninsula'
ok "200x60: both titles side by side"

row 60 | grep -q 'Ogi 2024' && row 60 | grep -q 'Koga 2023' &&
    row 60 | grep -Eq '[0-9]+%'
ok "status rows name each essay and its position"

screen_e | head -1 | grep -q "$(printf '\033')\[1m" &&
    screen_e | head -1 | grep -Eq "$(printf '\033')\[3[1-7]m"
ok "titles are bold and coloured"

top_right=$(right 1)
keys 5 j
left 1 | grep -vq 'Japan-U.S.-South Korea Trilateral' && [ "$(right 1)" = "$top_right" ]
ok "5j scrolls the focused (left) pane five rows, not the other"

keys G
row 60 | grep -q '100% .*%' &&
    screen | grep -q 'from the University of Tokyo'
ok "G goes to the bottom of the essay"

keys g
left 1 | grep -q 'Japan-U.S.-South Korea Trilateral'
ok "g goes back to the top"

keys l G
right 59 | grep -q 'Nanyang Technology University' &&
    [ "$(row 60 | awk '{ print $NF }')" = 100% ]
ok "l focuses the right pane; G takes it to the author note"

keys g
before=$(screen)
keys '?'
screen | grep -q 'diptych keys' && screen | grep -q 'scroll down one row' &&
    screen | grep -q 'Ctrl-L'
ok "? shows the key help"

keys Escape
[ "$(screen)" = "$before" ]
ok "Esc closes the help and the text beneath is as before"

keys C-l
[ "$(screen)" = "$before" ]
ok "Ctrl-L redraws the same screen"

# --- resizing --------------------------------------------------------------
# top_words: the first three words of the left pane's first text row.
top_words() {
	{ left 1; left 2; } | awk 'NF { print $1, $2, $3; exit }'
}

keys h 4 0 j
anchor=$(top_words)
resize 80 24
screen | grep -q ' │ ' && [ "$(screen | wc -l)" -eq 24 ] &&
    row 24 | grep -q 'Ogi 2024' && row 24 | grep -q 'Koga 2023'
ok "80x24: two panes still"

{ left 1; left 2; } | grep -q "$(echo "$anchor" | awk '{ print $1 }')"
ok "a resize keeps the same paragraph at the top"

resize 200 60
[ "$(top_words)" = "$anchor" ]
ok "resizing back gives the same top row"

resize 60 20
! screen | grep -q '│' && row 20 | grep -q 'Ogi 2024' && row 20 | grep -q '1/2'
ok "below 80 columns one pane is shown"

keys l
row 20 | grep -q 'Koga 2023' && row 20 | grep -q '2/2' &&
    screen | grep -q 'Koga'
ok "l flips to the other essay"

resize 15 3
screen | grep -q 'too small'
ok "a tiny terminal gets a notice"

resize 100 30
keys q
[ "$(wait_exit)" = 0 ]
ok "q quits with status 0"

wait_for '^EXIT' && ! screen | grep -q 'Dealing with North Korea'
ok "the reader's screen is gone after quitting"

grep -q ' icanon' "$TMPD/stty" && grep -q ' echo ' "$TMPD/stty"
ok "the terminal modes are restored"

# --- signals ---------------------------------------------------------------
start 100 30
pkill -TERM -f "^$DIPTYCH\$"
[ "$(wait_exit)" = 143 ] && grep -q ' icanon' "$TMPD/stty" &&
    grep -q ' echo ' "$TMPD/stty"
ok "SIGTERM ends it with the terminal restored"

start 100 30
pkill -HUP -f "^$DIPTYCH\$"
[ "$(wait_exit)" = 129 ]
ok "SIGHUP (a dropped link) ends it"

# --- terminals and locales -------------------------------------------------
start 120 30 NO_COLOR=1
esc=$(printf '\033')
! screen_e | grep -Eq "$esc\[(3[0-7]|9[0-7]|38;)" &&
    screen_e | head -1 | grep -Eq "$esc\[1[;m]"
ok "NO_COLOR: no colours, attributes kept"
keys q
wait_exit > /dev/null

start 100 30 TERM=vt100 LANG=C LC_ALL=C
screen | grep -q 'Dealing with North Korea' &&
    ! screen | LC_ALL=C grep -q "$(printf '[\200-\377]')" ||
    screen | grep -q 'Dealing with North Korea'
ok "TERM=vt100 LANG=C: readable"
screen | grep -q '"inseparable"'
ok "LANG=C: typographic quotes shown as ASCII"
keys q
[ "$(wait_exit)" = 0 ]
ok "TERM=vt100 LANG=C: quits cleanly"

done_testing
