# tests/e2e/tmux.sh: drive diptych in a real terminal (tmux), sourced
# after tests/lib.sh.

command -v tmux >/dev/null 2>&1 || { echo "1..0 # SKIP tmux not installed"; exit 0; }

SOCK="$TMPD/tmux.sock"
T() { tmux -S "$SOCK" "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$TMPD"' EXIT

# start W H [ENV=VALUE...]: run diptych (with $DIPTYCH_ARGS) in a fresh
# W x H terminal; when it ends, its exit status and the terminal modes
# are saved.  Each start is a first start: a default store of its own,
# so no reading place is kept from the one before (a --store in
# DIPTYCH_ARGS is kept, with its place).
starts=0
start() {
	w=$1 h=$2
	shift 2
	stop_server
	rm -f "$TMPD/exit" "$TMPD/stty"
	starts=$((starts + 1))
	T -f /dev/null new-session -d -x "$w" -y "$h" \
	    "env XDG_DATA_HOME='$TMPD/data.$starts' $* '$DIPTYCH' ${DIPTYCH_ARGS:-}; echo \$? > '$TMPD/exit'; echo EXIT; stty -a > '$TMPD/stty'; sleep 60"
	T set-option -g status off 2>/dev/null
	wait_for "${DIPTYCH_WAIT:-Dealing with North Korea|too small|[a-z]}"
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

# signal SIG: send SIG to this test's diptych (and no other).  Under a
# wrapper (make check-valgrind), DIPTYCH_MATCH is what its command line
# holds.
signal() {
	pkill "-$1" -P "$(T display-message -p '#{pane_pid}')" \
	    -f "${DIPTYCH_MATCH:-$DIPTYCH}"
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


# Readers side by side (the seminar tests): each in a tmux session of
# its own on the one server, named after its reader.

# open_reader NAME W H ARG...: run diptych ARG... in a new W x H session
# NAME, which says EXIT when it ends.
open_reader() {
	name=$1 w=$2 h=$3
	shift 3
	cmd="'$DIPTYCH'"
	for a; do
		cmd="$cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
	done
	T -f /dev/null new-session -d -s "$name" -x "$w" -y "$h" \
	    "$cmd; echo EXIT; sleep 60"
	T set-option -g status off 2>/dev/null
}

# scr NAME: the screen of reader NAME.
scr() { T capture-pane -p -t "$1"; }

# within SECONDS NAME REGEX: NAME's screen matches within SECONDS, with
# no key pressed.  It looks every $READER_POLL seconds (0.1 unless set).
within() {
	poll=${READER_POLL:-0.1}
	n=$(awk "BEGIN { print int($1 / $poll + 0.5) }")
	i=0
	while [ $i -lt "$n" ]; do
		scr "$2" | grep -Eq "$3" && return 0
		sleep "$poll"
		i=$((i + 1))
	done
	return 1
}

# k NAME KEY...: send the keys to reader NAME, and give it 0.3 s.
k() { T send-keys -t "$@"; sleep 0.3; }

# top_row NAME: the first row of NAME's left pane (its margin mark
# dropped: one's private notes are one's own).
top_row() { scr "$1" | head -1 | sed 's/▐//g; s/ *[┃┊•≡◆◇]* *│.*//'; }

# same_top A B: until readers A's and B's left panes start with the
# same row (at most 3 s).
same_top() {
	i=0
	while [ $i -lt 30 ]; do
		[ "$(top_row "$1")" = "$(top_row "$2")" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
