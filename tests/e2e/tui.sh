#!/bin/sh
# End to end: the real binary in a real terminal (tmux), driven by keys.
. "$(dirname "$0")/../lib.sh"

. "$(dirname "$0")/tmux.sh"

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

# bar COL: the overview bar in column COL (0-based), top to bottom, one
# word a row: its character, and "r" after it when in reverse video.
bar() {
	screen_e | python3 -c '
import re, sys
col, cur, words = int(sys.argv[1]), set(), []
for line in sys.stdin.read().split("\n"):
    cells = []
    for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b])", line):
        if m.group(1) is None:
            cells.append(m.group(2) + ("r" if 7 in cur else ""))
            continue
        for c in [int(c) for c in m.group(1).split(";") if c] or [0]:
            if c == 0:
                cur = set()
            elif c == 7:
                cur.add(7)
            elif c == 27:
                cur.discard(7)
    if len(cells) > col:
        words.append(cells[col])
print(" ".join(words))' "$1"
}

# The thumb, the part of the essay in view, is a full block: the same
# filled cells as reverse video, with no attribute switched on and off
# as it moves (the rest of the bar is a dashed line).
bar 199 | grep -Eq '^(█ )+(┊ )+┊$'
ok "the overview bar's thumb is full blocks, not reverse video"

top_right=$(right 1)
keys 5 j
left 1 | grep -vq 'Japan-U.S.-South Korea Trilateral' &&
    [ "$(right 1)" != "$top_right" ] && row 60 | grep -q 'sync.*sync'
ok "5j scrolls both panes together (sync lock on)"

keys G
[ "$(row 60 | grep -o '100%' | wc -l)" -eq 2 ] &&
    right 59 | grep -q 'Nanyang Technology University'
ok "G goes to the bottom of both essays"

keys g
left 1 | grep -q 'Japan-U.S.-South Korea Trilateral'
ok "g goes back to the top"

keys s
row 60 | grep -q 'free.*free'
ok "s unlocks: the status rows say free"

keys l G
right 59 | grep -q 'Nanyang Technology University' &&
    [ "$(row 60 | awk '{ print $NF }')" = 100% ] &&
    left 1 | grep -q 'Japan-U.S.-South Korea Trilateral'
ok "unlocked, l focuses the right pane and G moves it alone"

keys s
row 60 | grep -q 'sync.*sync' &&
    [ "$(row 60 | grep -o 'References and authors' | wc -l)" -eq 2 ]
ok "s locks again: the left pane comes to the right pane's section"

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
screen | grep -q '│' && [ "$(screen | wc -l)" -eq 24 ] &&
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

# --- every terminal of the list ----------------------------------------------
# Each reads: both essays, a jump, the status row, and q exits 0 with
# the terminal restored.
for term in xterm-256color xterm screen tmux-256color linux vt100 vt220 \
    xterm-mono; do
	start 100 30 TERM=$term
	keys ']'
	row 30 | grep -q 'Ogi 2024' && row 30 | grep -q 'Koga 2023' &&
	    screen | grep -q 'North Korea' && keys q &&
	    [ "$(wait_exit)" = 0 ] && grep -q ' icanon' "$TMPD/stty"
	ok "TERM=$term: reads, jumps, quits with the terminal restored"
done

# --- without colour, every kind of highlight still looks its own --------------
# The attributes tmux reports for each kind, under NO_COLOR: a citation,
# a glossary term, the current match and another match differ.
printf 'See [the source](http://example.org/x) on GSOMIA, alpha beta alpha gamma.\n' > "$TMPD/mono.md"
DIPTYCH_ARGS="$TMPD/mono.md $TMPD/mono.md" start 100 20 NO_COLOR=1
keys / a l p h a Enter
screen_e | head -1 | python3 -c '
import re, sys
line = sys.stdin.read()
attrs, cur, pos = {}, set(), 0
for m in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b])", line):
    if m.group(1) is not None:
        codes = [int(c) for c in m.group(1).split(";") if c] or [0]
        for c in codes:
            if c == 0:
                cur = set()
            elif c in (1, 2, 3, 4, 7):
                cur.add(c)
    else:
        attrs[pos] = frozenset(cur)
        pos += 1
text = "".join(ch for ch in re.sub(r"\x1b\[[0-9;]*m", "", line))
def at(word, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(word, i + 1)
    return attrs[i]
kinds = {"citation": at("the source"), "term": at("GSOMIA"),
    "current": at("alpha"), "match": at("alpha", 1)}
assert len(set(kinds.values())) == 4, kinds
assert 7 in kinds["current"] and 7 not in kinds["match"], kinds
'
ok "NO_COLOR: citation, term, current match and match each look their own"
keys q

# --- a hostile text on the screen -------------------------------------------
# Escapes, an OSC 52 clipboard write, C1, DEL and bidirectional controls
# in the text show as visible stand-ins that take their columns: the
# divider stays in its column and no control reaches the terminal.
printf 'Pay \342\200\2560001\342\200\254 to \342\201\246Bob\342\201\251, \033[2J\033]52;c;eA==\007 \302\233 \177 end.\n' > "$TMPD/bidi.md"
DIPTYCH_ARGS="$TMPD/bidi.md $TMPD/bidi.md" start 160 20
# divider FILE CHAR: the divider is in one column on every row.
divider() {
	python3 -c '
import sys
rows = open(sys.argv[1], encoding="utf-8").read().splitlines()
cols = {r.index(" " + sys.argv[2] + " ") for r in rows if sys.argv[2] in r}
sys.exit(0 if len(cols) == 1 and len(rows) > 10 else 1)' "$@"
}
screen > "$TMPD/scr"
row 1 | grep -q '^Pay <RLO>0001<PDF> to <LRI>Bob<PDI>, ␛\[2J␛\]52;c;eA==␇ � ␡ end' &&
    divider "$TMPD/scr" '│' && ! python3 -c '
import sys
t = open(sys.argv[1], encoding="utf-8").read()
sys.exit(0 if any(c in t for c in "\u202e\u202c\u2066\u2069\x1b\x07\x9b\x7f") else 1)' "$TMPD/scr"
ok "a hostile text: controls and bidi shown by name, divider in place"
keys q
DIPTYCH_ARGS="$TMPD/bidi.md $TMPD/bidi.md" start 160 20 LC_ALL=C
screen > "$TMPD/scr"
row 1 | grep -q '^Pay <RLO>0001<PDF> to <LRI>Bob<PDI>, ?\[2J?\]52;c;eA==? ? ? end' &&
    divider "$TMPD/scr" '|'
ok "LC_ALL=C: the same stand-ins, in ASCII"
keys q

# Without UTF-8 there is no block: the thumb is in reverse video.
start 200 60 LC_ALL=C
bar 199 | grep -Eq '^(#r )+(: )+:$'
ok "LC_ALL=C: the overview bar's thumb is in reverse video"
keys q

# --- signals ---------------------------------------------------------------
start 100 30
signal TERM
[ "$(wait_exit)" = 143 ] && grep -q ' icanon' "$TMPD/stty" &&
    grep -q ' echo ' "$TMPD/stty"
ok "SIGTERM ends it with the terminal restored"

start 100 30
signal HUP
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
keys ']'
screen | grep -q '"inseparable"'
ok "LANG=C: typographic quotes shown as ASCII"
keys q
[ "$(wait_exit)" = 0 ]
ok "TERM=vt100 LANG=C: quits cleanly"

# Terminals that cannot do it get a message, not garbage.
stop_server
rm -f "$TMPD/exit"
T -f /dev/null new-session -d -x 100 -y 10 \
    "TERM=dumb '$DIPTYCH' 2> '$TMPD/err'; echo \$? > '$TMPD/exit'; sleep 30"
[ "$(wait_exit)" = 1 ] && grep -q "terminal type 'dumb' cannot move the cursor" "$TMPD/err" ||
    { diag "exit: $(cat "$TMPD/exit" 2>/dev/null)" "$(cat "$TMPD/err")"; false; }
ok "TERM=dumb: a clear message and exit 1"
rm -f "$TMPD/exit"
T respawn-pane -k "TERM=no-such-terminal '$DIPTYCH' 2> '$TMPD/err'; echo \$? > '$TMPD/exit'; sleep 30"
[ "$(wait_exit)" = 1 ] && grep -q "cannot use terminal type 'no-such-terminal'" "$TMPD/err" ||
    { diag "exit: $(cat "$TMPD/exit" 2>/dev/null)" "$(cat "$TMPD/err")"; false; }
ok "an unknown TERM: a clear message and exit 1"

done_testing
