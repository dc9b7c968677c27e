#!/bin/sh
# End to end: the mouse, with --mouse only.  The wheel scrolls the panes
# and a click on a citation opens its popup, a click elsewhere closes
# it; without --mouse the reader asks for no mouse events, so the
# terminal keeps its own text selection.  The events are the bytes
# an xterm sends (X10 encoding: ESC [ M, button, column, row).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

# ev BUTTON X Y: the bytes of a mouse event at 0-based column X, row Y
# (button 0 pressed, 3 released, 64 wheel up, 65 wheel down).
ev() {
	printf '\033[M%b%b%b' "$(printf '\\%03o' $((32 + $1)))" \
	    "$(printf '\\%03o' $((33 + $2)))" "$(printf '\\%03o' $((33 + $3)))"
}
click() { T send-keys -l "$(ev 0 "$1" "$2")$(ev 3 "$1" "$2")"; sleep 0.3; settle; }
wheel() { T send-keys -l "$(ev "$1" 10 10)"; sleep 0.3; settle; }
# at TEXT: "COLUMN ROW" (0-based) of TEXT's first place on the screen.
at() {
	screen | python3 -c '
import sys
want = sys.argv[1]
for y, line in enumerate(sys.stdin.read().split("\n")):
    if want in line:
        print(len(line[:line.index(want)]), y)
        break
' "$1"
}

export DIPTYCH_ARGS="--top --mouse"
start 120 30
[ "$(T display-message -p '#{mouse_standard_flag}')" = 1 ]
ok "--mouse asks the terminal for mouse events"
first=$(row 1)
wheel 65
[ "$(row 1)" != "$first" ] && row 1 | grep -q 'Hirohito Ogi'
ok "--mouse: the wheel scrolls down three rows"
wheel 64
[ "$(row 1)" = "$first" ]
ok "and back up"
keys ']'
set -- $(at 'AP Seoul')
click $(($1 + 2)) "$2"
screen | grep -q 'Koga 2023: reference' && screen | grep -q 'Associated Press in Seoul'
ok "a click on a citation opens its popup"
click 5 5
! screen | grep -q 'Koga 2023: reference'
ok "a click elsewhere closes it"
keys q
[ "$(wait_exit)" = 0 ]

export DIPTYCH_ARGS="--top"
start 120 30
[ "$(T display-message -p '#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}')" = 000 ]
ok "without --mouse, the reader asks the terminal for no mouse events"
keys q
[ "$(wait_exit)" = 0 ]

done_testing
