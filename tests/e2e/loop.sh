#!/bin/sh
# End to end: the reader model in a real terminal: resizes keep the
# passage, lists keep their cursors, ? lists every mode's keys, and the
# event loop (suspend, resume, signals, no CPU when idle).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

# cpu PID: user + system clock ticks it has used.
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# words N TEXT: its first N words.
words() { echo "$2" | awk -v n="$1" '{ s = $1; for (i = 2; i <= n; i++) s = s " " $i; print s }'; }

# --- a resize keeps the passage --------------------------------------------
# The case that jumped ~100 rows: deep in a section whose start pads
# the left pane, a resize by one column.
start 120 40
keys ']' ']' 1 0 j
before=$(right 1 | tr -s ' ')
resize 121 40
[ "$(right 1 | tr -s ' ')" = "$before" ] ||
    { diag "before: $before" "after: $(right 1)"; false; }
ok "120x40, ] ] 10j, one column wider: the same passage at the top"
resize 120 40
[ "$(right 1 | tr -s ' ')" = "$before" ]
ok "and back: still the same passage"
resize 90 30
resize 160 50
resize 120 40
[ "$(right 1 | tr -s ' ')" = "$before" ]
ok "after several resizes: still the same passage"

# The left pane shows "no counterpart" (Koga's own section) at the top.
keys g ']' ']'
left 1 | grep -q 'no counterpart' || diag "left: $(left 1)"
before=$(words 6 "$(right 1)")
resize 130 40
[ "$(words 6 "$(right 1)")" = "$before" ] && left 1 | grep -q 'no counterpart'
ok "a one-sided section at the top stays there across a resize"

# --- lists keep their own cursor ----------------------------------------
keys S j j j Escape T
# selected: the first line of a list drawn in reverse (not the status row,
# not the overview bar's part in view): reverse video, then a letter.
selected() {
	e=$(printf '\033')
	screen_e | sed '$d' | grep -E "$e\[[0-9;]*7m($e\[[0-9;]*m)*[A-Za-z]" |
	    head -1
}
sel=$(selected)
first=$("$DIPTYCH" --terms | head -1 | cut -f1)
printf '%s\n' "$sel" | grep -qF "$first" ||
    { diag "selected: $sel" "first term: $first"; false; }
ok "S j j j Esc T: the glossary list starts on its first term"
keys j j Escape T
selected | grep -qF "$("$DIPTYCH" --terms | sed -n 3p | cut -f1)"
ok "the glossary list comes back where it was left"
keys Escape

# --- ? lists every mode -------------------------------------------------
keys '?'
screen | grep -q 'Reading' &&
    keys G && screen | grep -q 'Writing a note' &&
    screen | grep -q 'erase the word before'
ok "? lists the keys of every mode, grouped"
keys Escape

# --- one pane at a time ------------------------------------------------
resize 70 20
keys h S g j j Enter
row 20 | grep -q 'Koga 2023 · Japan and trilateral' && row 20 | grep -q '2/2'
ok "narrow: S to a section of the other essay only shows that essay"
keys h
resize 160 40

# --- search folds typography, accents and width ---------------------------
keys g
keys / K o r e a "'" s Enter
row 40 | grep -q "/Korea's: match 1/5 " && screen_e | sed '$d' |
    grep -q "$(printf '\033')\[[0-9;]*7m[^ ]*Korea’s" ||
    diag "status: $(row 40)"
row 40 | grep -q "/Korea's: match 1/5 "
ok "/Korea's finds Korea’s (5 in Ogi)"
keys l / v i s - a - v i s Enter
row 40 | grep -q '/vis-a-vis: match 1/1 ' && screen | grep -q 'vis-à-vis'
ok "/vis-a-vis finds vis-à-vis"
keys h Escape

# --- the loop ------------------------------------------------------------
# Two seconds after the last key the place is kept, once; then nothing.
give 2.5
p=$(reader_pid)
c0=$(cpu "$p")
sleep 2
c1=$(cpu "$p")
[ "$c0" = "$c1" ] || diag "CPU ticks idle: $c0 -> $c1"
[ "$c0" = "$c1" ]
ok "idle, the reader uses no CPU at all"

signal QUIT
[ "$(wait_exit)" = 131 ] && grep -q ' icanon' "$TMPD/stty" &&
    grep -q ' echo ' "$TMPD/stty"
ok "SIGQUIT ends it with the terminal restored"

# Under LANG=C the screen shows ' for ’, and /Korea's still finds it.
start 120 30 LANG=C LC_ALL=C
keys / K o r e a "'" s Enter
row 30 | grep -q "/Korea's: match 1/5 " && screen | grep -q "Korea's"
ok "LANG=C: /Korea's finds Korea’s, shown as Korea's"
keys Escape g
top=$(row 1)
keys 'éjjj'
[ "$(row 1)" != "$top" ]
ok "LANG=C: keys after a non-ASCII character still work"
keys / 'abécd'
row 30 | grep -Eq '^/abcd( |$)'
ok "LANG=C: the prompt drops what it cannot show, and keeps what follows"
keys Escape
keys q
wait_exit > /dev/null

# Ctrl-Z and fg, as from an interactive shell with job control.
# Valgrind drops the stop of a SIGTSTP the reader raises at itself: under
# it the reader never stops, and these cannot hold.
why="valgrind does not stop a process that raises SIGTSTP"
if vg_skip "Ctrl-Z stops the reader and gives the shell its screen back" "$why"; then
	vg_skip "fg: it draws its screen again" "$why"
	vg_skip "and takes keys again" "$why"
	vg_skip "resized while stopped, fg redraws at the new size" "$why"
	vg_skip "after fg and q, the terminal modes are restored" "$why"
else
	stop_server
	T -f /dev/null new-session -d -x 100 -y 30 "env PS1='$ ' bash --norc --noprofile -i"
	sleep 0.5
	T send-keys "'$DIPTYCH'" Enter
	wait_for 'Dealing with North Korea'
	before=$(screen)
	keys C-z
	screen | grep -q 'Stopped' && ! screen | grep -q 'Dealing with North Korea'
	ok "Ctrl-Z stops the reader and gives the shell its screen back"
	T send-keys fg Enter
	wait_for 'Dealing with North Korea'
	[ "$(screen)" = "$before" ]
	ok "fg: it draws its screen again"
	keys j
	[ "$(screen)" != "$before" ]
	ok "and takes keys again"
	# Resized while stopped: fg draws at the new size.
	keys C-z
	resize 80 24
	T send-keys fg Enter
	wait_for 'Ogi 2024'
	row 24 | grep -q 'Ogi 2024' && ! screen | grep -q '│.*│.*│' &&
	    [ "$(screen | wc -l)" -le 24 ] && row 24 | grep -q 'sync'
	ok "resized while stopped, fg redraws at the new size"
	keys q
	sleep 0.3
	T send-keys 'echo "stty: $(stty -a | grep -o " icanon")"' Enter
	sleep 0.3
	screen | grep -q 'stty:  icanon'
	ok "after fg and q, the terminal modes are restored"
fi

# Sizes: 20x6 reads; smaller says so and comes back; 400x120 reads; a
# storm of resizes leaves the screen right and the reader alive.
start 20 6
row 6 | grep -q 'Ogi' && screen | grep -q '[A-Za-z]\{4\}' &&
    ! screen | grep -q 'too small'
ok "20x6: the reader reads"
resize 19 5
screen | grep -q 'too small'
ok "19x5: too small, said"
resize 400 120
row 120 | grep -q 'Ogi 2024' && row 120 | grep -q 'Koga 2023' &&
    screen | grep -q 'Dealing with North Korea'
ok "and back at 400x120: both essays"
keys ']' ']'
top=$(right 1)
i=0
while [ $i -lt 200 ]; do
	T resize-window -x $((20 + (i * 37) % 380)) -y $((6 + (i * 13) % 114))
	i=$((i + 1))
done
resize 400 120
p=$(reader_pid)
[ -n "$p" ] && [ "$(right 1)" = "$top" ] && row 120 | grep -q 'Koga 2023'
ok "200 resizes in a row: alive, at the same passage, the screen whole"
keys q
[ "$(wait_exit)" = 0 ]

done_testing
