#!/bin/sh
# End to end: what the reader sends the terminal per key, counted in
# bytes (never timed), on a pseudo-terminal of 160x48 with
# TERM=xterm-256color, through tests/e2e/bytes.py.  Over a slow link the
# bytes are the wait: a one-row scroll must stay a scroll and the new
# row, never the screen drawn again.  Each run also checks that the
# screen the bytes leave (in a model of the terminal, tests/e2e/vt.py)
# is the one a full redraw leaves.
. "$(dirname "$0")/../lib.sh"

command -v python3 >/dev/null 2>&1 ||
    { echo "1..0 # SKIP python3 not installed"; exit 0; }

export TERM=xterm-256color
unset NO_COLOR COLORTERM

# run ARGS...: bytes.py at 160x48 on a reader of the bundled essays
# from the top (a store of its own each time), printing "KEY BYTES"
# per step; the screen checked after each key.  Quiet 0.5 s ends a step:
# only how long to wait, the counts do not depend on it.
run() {
	rm -f "$TMPD/s.db"
	python3 "$SRCDIR/tests/e2e/bytes.py" --cols 160 --rows 48 \
	    --quiet 0.5 --wait 20 --check-each "$@" -- \
	    "$DIPTYCH" --store "$TMPD/s.db" --top
}
# nth KEY N: the bytes of the Nth step that sent KEY.
nth() { awk -v k="$1" -v n="$2" '$1 == k && ++i == n { print $2 }'; }
# under LIMIT: the number read is below LIMIT (and is a number).
under() {
	read -r got
	diag "$got bytes (limit $1)"
	[ -n "$got" ] && [ "$got" -gt 0 ] && [ "$got" -lt "$1" ]
}

# The limits, from measurements at this size (commit "Screen: a pane
# scrolled alone..."; J_MAX from "Screen: the bar's thumb in full
# blocks..."), with room for the text to change:
#
# J_MAX: one j with the sync lock on sends about 180 bytes: the scroll
# region and a line feed (24), the row coming in on each side (its text,
# the bars and the divider beside it), the two bars' thumbs, a cell or
# two each to mend because the bars scrolled with the text (full blocks,
# no attribute switched: about 25), and a status row's percentage when
# it changes (about 30); with the thumbs in reverse video it was about
# 195.  The screen's text drawn again is over 4000.
J_MAX=210
# PAGE_MAX: Space sends about 4500 bytes: every row of text is new, but
# the bars, the divider and the status rows stay, and blanks are erased,
# not written.  The whole screen cleared and drawn again is about 6800
# (the first frame).
PAGE_MAX=6000
# FREE_MAX: with the sync lock off, one j on a terminal with left and
# right margins scrolls the pane's rectangle (about 40 bytes) and sends
# the row coming in: 90 to 150 bytes.  Without margins it is every row
# of the pane, about 3700.
FREE_MAX=400

out=$(run -k j -n 3 -k k) || { diag "$out"; false; }
ok "j, j, j, k: the screen is drawn right"

echo "$out" | nth j 1 | under $J_MAX
ok "one j at 160x48, sync on: under $J_MAX bytes"

echo "$out" | nth k 1 | under $J_MAX
ok "one k back: under $J_MAX bytes"

out=$(run -k Space -n 2) || { diag "$out"; false; }
ok "Space, Space: the screen is drawn right"

echo "$out" | nth Space 1 | under $PAGE_MAX
ok "one Space (a page) at 160x48: under $PAGE_MAX bytes"

# Free mode: s unlocks, then j scrolls the left pane alone, l j the
# right one, and k back.
out=$(run --margins -k s -k j -n 3 -k l -k j -n 2 -k k) ||
    { diag "$out"; false; }
ok "free mode, a terminal with margins: the screen is drawn right"

echo "$out" | nth j 2 | under $FREE_MAX
ok "free mode, margins: one j scrolls the pane alone, under $FREE_MAX bytes"

echo "$out" | nth k 1 | under $FREE_MAX
ok "free mode, margins: one k on the right pane, under $FREE_MAX bytes"

out=$(run -k s -k j -n 2 -k l -k j -n 2 -k k) || { diag "$out"; false; }
ok "free mode, a terminal without margins: the screen is drawn right"

# Two columns wide characters and combining marks, at 80x8, where the
# small golden pairs scroll: a pane's edge must not split a character.
for pair in cjk combining; do
	rm -f "$TMPD/s.db"
	out=$(python3 "$SRCDIR/tests/e2e/bytes.py" --cols 80 --rows 8 \
	    --quiet 0.5 --wait 20 --margins --check-each -k j -k s -k j -n 3 \
	    -k l -k j -n 2 -k k -- "$DIPTYCH" --store "$TMPD/s.db" --top \
	    "$SRCDIR/tests/golden/$pair.left.md" \
	    "$SRCDIR/tests/golden/$pair.right.md") || { diag "$out"; false; }
	ok "80x8, $pair pair, sync and free, margins: the screen is drawn right"
done

done_testing
