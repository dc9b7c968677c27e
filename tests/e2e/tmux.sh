# tests/e2e/tmux.sh: drive diptych in a real terminal (tmux), sourced
# after tests/lib.sh.

command -v tmux >/dev/null 2>&1 || { echo "1..0 # SKIP tmux not installed"; exit 0; }

SOCK="$TMPD/tmux.sock"
T() { tmux -S "$SOCK" "$@"; }
trap 'stop_server; rm -rf "$TMPD"' EXIT

# A slow reader (make check-valgrind sets DIPTYCH_SLOW to 10): every
# wait below waits up to SLOW times as long, and settling waits for the
# readers to be idle too, since their screen may stay the same for long
# while they work.  Plain runs (SLOW 1) wait exactly as before.  What
# only a slow run calls keeps to variables named _x, so as not to
# change the tests' own (i, n, p) under them.
SLOW=${DIPTYCH_SLOW:-1}
case $SLOW in
''|*[!0-9]*|0) echo "Bail out! DIPTYCH_SLOW is a whole number, not '$SLOW'"; exit 1 ;;
esac

# vg_skip DESCRIPTION REASON: under valgrind (make check-valgrind sets
# VG_BIN for tests/valgrind-diptych), a test that cannot hold there is
# skipped, and says why; elsewhere it returns 1 and the test runs.
vg_skip() {
	[ -n "${VG_BIN:-}" ] || return 1
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP under valgrind: $2"
}

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

# stop_server: end the tmux server and wait until it is gone.  A slow
# reader is first left to finish what it is doing (one quitting is not
# hung up halfway through), and its end (a leak check) is waited for.
stop_server() {
	_pids=
	if [ "$SLOW" -gt 1 ]; then
		idle
		_pids=$(readers)
	fi
	T kill-server 2>/dev/null || return 0
	i=0
	while T has-session 2>/dev/null && [ $i -lt 30 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	rm -f "$SOCK"
	_i=0
	for _p in $_pids; do
		while kill -0 "$_p" 2>/dev/null && [ $_i -lt $((100 * SLOW)) ]; do
			sleep 0.1
			_i=$((_i + 1))
		done
	done
}

# readers: the pids of the readers in this test's tmux sessions (each
# a child of its pane's shell).  Under a wrapper (make
# check-valgrind), DIPTYCH_MATCH is what its command line holds.
readers() {
	for _pane in $(T list-panes -a -F '#{pane_pid}' 2>/dev/null); do
		pgrep -P "$_pane" -f "${DIPTYCH_MATCH:-$DIPTYCH}"
	done
}

# reader_pid: this test's reader (in its one session).
reader_pid() { readers | head -1; }

# busy: each reader's pid and CPU ticks (user and system), a line each.
busy() {
	for _p in $(readers); do
		awk '{ print $1, $14 + $15 }' "/proc/$_p/stat" 2>/dev/null
	done
}

# idle: until each reader has used at most one tick of CPU (a fifth of
# it) in each of two twentieths of a second (at most 3 s times SLOW):
# what it was sent is done, and what is left is its timers' small work
# (a seminar's reader looks at the seminar twice a second).
idle() {
	_prev=$(busy)
	_n=0
	_i=0
	while [ $_i -lt $((60 * SLOW)) ]; do
		sleep 0.05
		_now=$(busy)
		if printf '%s\n--\n%s\n' "$_prev" "$_now" | awk '
		    $0 == "--" { now = 1; next }
		    NF == 2 && !now { was[$1] = $2 }
		    NF == 2 && now && (!($1 in was) || $2 - was[$1] > 1) { bad = 1 }
		    END { exit bad }'; then
			_n=$((_n + 1))
			[ $_n -lt 2 ] || return 0
		else
			_n=0
		fi
		_prev=$_now
		_i=$((_i + 1))
	done
}

# signal SIG: send SIG to this test's diptych (and no other).
signal() {
	pkill "-$1" -P "$(T display-message -p '#{pane_pid}')" \
	    -f "${DIPTYCH_MATCH:-$DIPTYCH}"
}

screen() { T capture-pane -p; }
screen_e() { T capture-pane -p -e; }

# wait_for REGEX: until the screen matches (at most 5 s times SLOW).
wait_for() {
	i=0
	while [ $i -lt $((50 * SLOW)) ]; do
		screen 2>/dev/null | grep -Eq "$1" && { settle; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# settle: until the screen stops changing (and, slow, the readers are
# idle).
settle() {
	[ "$SLOW" -eq 1 ] || idle
	prev=
	i=0
	while [ $i -lt $((30 * SLOW)) ]; do
		cur=$(screen)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 0.1
		i=$((i + 1))
	done
}

keys() { T send-keys "$@"; sleep 0.2; settle; }
# give SECONDS: give the reader SECONDS for what it was sent (slow:
# until it is idle and its screen still).
give() {
	sleep "$1"
	[ "$SLOW" -eq 1 ] || settle
}
resize() { T resize-window -x "$1" -y "$2"; sleep 0.2; settle; }
row() { screen | sed -n "$1p"; }
# left ROW / right ROW: a pane's text on a screen row (1-based).
left() { row "$1" | awk -F ' │ ' '{ print $1 }'; }
right() { row "$1" | awk -F ' │ ' '{ print $2 }'; }

# wait_exit: until diptych has ended (at most 5 s times SLOW); prints
# its exit status.
wait_exit() {
	i=0
	while [ ! -s "$TMPD/exit" ] && [ $i -lt $((50 * SLOW)) ]; do
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

# within SECONDS NAME REGEX: NAME's screen matches within SECONDS (times
# SLOW), with no key pressed.  It looks every $READER_POLL seconds (0.1
# unless set).
within() {
	poll=${READER_POLL:-0.1}
	n=$(awk "BEGIN { print int($1 * $SLOW / $poll + 0.5) }")
	i=0
	while [ $i -lt "$n" ]; do
		scr "$2" | grep -Eq "$3" && return 0
		sleep "$poll"
		i=$((i + 1))
	done
	return 1
}

# ready NAME: slow, until the readers are idle and NAME's screen is
# still (a screen matched while half drawn is not read on); at once
# otherwise.
ready() {
	[ "$SLOW" -gt 1 ] || return 0
	idle
	_prev=
	_i=0
	while [ $_i -lt $((30 * SLOW)) ]; do
		_now=$(scr "$1")
		[ "$_now" = "$_prev" ] && return 0
		_prev=$_now
		sleep 0.1
		_i=$((_i + 1))
	done
}

# k NAME KEY...: send the keys to reader NAME, and give it 0.3 s (slow:
# until it is ready).
k() {
	T send-keys -t "$@"
	sleep 0.3
	ready "$1"
}

# top_row NAME: the first row of NAME's left pane (its margin mark
# dropped: one's private notes are one's own).
top_row() { scr "$1" | head -1 | sed 's/▐//g; s/ *[┃█┊•≡◆◇]* *│.*//'; }

# same_top A B: until readers A's and B's left panes start with the
# same row (at most 3 s times SLOW).
same_top() {
	i=0
	while [ $i -lt $((30 * SLOW)) ]; do
		[ "$(top_row "$1")" = "$(top_row "$2")" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
