#!/bin/sh
# End to end: pairing two texts whose marks are gone.  With the sync
# lock off, = on the passages at the top of the two panes pairs them
# from there on; the pairing is listed in S, deleted and undone there,
# reaches a second reader of the seminar with no key pressed, and a
# pairing of one's own is there again in the first frame of the next
# start.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

W=160 H=40
# The essays without their marks; for the first readers, with a last
# heading in common, so that nothing is suggested (see the last part).
mkdir -p "$TMPD/plain" "$TMPD/end"
for f in ogi-2024 koga-2023; do
	grep -v '^<!-- section:' "$SRCDIR/texts/$f.md" > "$TMPD/plain/$f.md"
	printf '\n## Afterword\n\nThe end.\n' |
	    cat "$TMPD/plain/$f.md" - > "$TMPD/end/$f.md"
done
L="$TMPD/end/ogi-2024.md" R="$TMPD/end/koga-2023.md"
SEM="$TMPD/group/seminar.db"
mkdir -p "$TMPD/group"

# The first words of the first row with text in NAME's left / right
# pane: what = pairs.
part() {
	scr "$1" | sed '$d; s/▐/ /g' | awk -F ' │ ' -v side="$2" '{
	    t = side == 1 ? $1 : $2
	    sub(/ *[┃█┊•≡◆◇]* *$/, "", t)
	    if (t != "") { print substr(t, 1, 30); exit } }'
}
lpart() { part "$1" 1; }
rpart() { part "$1" 2; }

# on_one_row NAME LEFT RIGHT: a row of NAME's screen begins with LEFT in
# the left pane and RIGHT in the right.
on_one_row() {
	scr "$1" | sed 's/▐/ /g' | awk -F ' │ ' -v l="$2" -v r="$3" '
	    index($1, l) == 1 && index($2, r) == 1 { found = 1 }
	    END { exit !found }'
}

open_reader ana $W $H --store "$TMPD/ana.db" --seminar "$SEM" \
    --author ana "$L" "$R"
open_reader bo $W $H --store "$TMPD/bo.db" --seminar "$SEM" \
    --author bo "$L" "$R"
within 5 ana 'Ogi 2024.*Koga 2023' && within 5 bo 'Ogi 2024.*Koga 2023' &&
    ready ana && ready bo

k ana =
scr ana | tail -1 | grep -q 'turn the sync lock off'
ok "= with the sync lock on says to turn it off first"

# Each pane brought to its passage alone.
k ana s 2 0 j l 3 0 j
LT=$(lpart ana) RT=$(rpart ana)
[ -n "$LT" ] && [ -n "$RT" ] && ! on_one_row ana "$LT" "$RT" &&
    scr ana | tail -1 | grep -q 'free'
ok "lock off, the panes moved apart: '$LT' and '$RT' at the top"
k bo S
k ana =
scr ana | grep -q '#pairing' &&
    scr ana | grep -q 'The Russia-North Korea Partnership and the' &&
    scr ana | tail -1 | grep -q 'pair from here on: Enter saves'
ok "= opens the note editor on both passages, labelled from the heading"
k ana Enter
scr ana | tail -1 | grep -q 'paired from here on: saved, shared with the seminar'
ok "Enter saves the pairing to the seminar"
k ana s
on_one_row ana "$LT" "$RT"
ok "the lock on: the two passages begin on one row"
k ana S
scr ana | grep -q 'The Russia-North Korea Partnership and the Alignment.* both · seminar.s'
ok "S lists the paired section, the seminar's"
within 3 bo 'both · seminar.s'
ok "the second reader's open list shows it, no key pressed"
# The fourth section: the part before the headings, Ogi's first,
# Koga's first, then the pairing.
k bo g j j j Enter
on_one_row bo "$LT" "$RT"
ok "Enter there: the second reader reads the two passages in step"

# Deleted in the list, and undone.
k ana g j j j x
scr ana | tail -1 | grep -q 'deleted' &&
    ! scr ana | grep -q 'both · seminar.s'
ok "x in S deletes the pairing: the section is gone"
# Ogi's pane stays where it is, in a section of Ogi's alone now.
within 3 bo "Koga 2023 · (no counterpart|Editor's Note)"
ok "and the second reader reads them apart again, no key pressed"
k ana u
scr ana | grep -q 'both · seminar.s'
ok "u brings it back"
within 3 bo 'Koga 2023 · The Russia-North Korea Partnership' && ready bo
k bo S g j j j x
scr bo | tail -1 | grep -q "this is ana's note: only they can change it"
ok "the second reader cannot delete ana's pairing"
k ana Escape q
k bo Escape q
stop_server

# Alone, in the personal store: kept for the next start.
open_reader cy $W $H --store "$TMPD/cy.db" --author cy "$L" "$R"
within 5 cy 'Ogi 2024.*Koga 2023' && ready cy
k cy s 4 0 j l 1 2 j
LT=$(lpart cy) RT=$(rpart cy)
k cy =
k cy Enter
k cy s S
scr cy | grep -q 'both · yours' && on_one_row cy "$LT" "$RT"
ok "a pairing alone is one's own, and reads in step"
k cy Escape q
stop_server
open_reader cy $W $H --store "$TMPD/cy.db" --author cy "$L" "$R"
within 5 cy 'Ogi 2024.*Koga 2023'
on_one_row cy "$LT" "$RT"
ok "started again, the first frame reads the pair in step where it was left"
k cy q
stop_server

# Suggested: texts that pair nothing of their own are offered pairings.
L="$TMPD/plain/ogi-2024.md" R="$TMPD/plain/koga-2023.md"
open_reader dee $W $H --store "$TMPD/dee.db" --author dee "$L" "$R"
within 5 dee 'Ogi 2024.*Koga 2023' && ready dee
k dee S
within 3 dee 'both · suggested'
ok "the sections list offers suggested pairings"
n0=$(scr dee | grep -c 'both · suggested')
# The first suggestion: the line after the parts before the headings.
i=$(scr dee | grep -n 'both · suggested' | head -1 | cut -d: -f1)
j=$(scr dee | grep -n '▸' | head -1 | cut -d: -f1)
while [ "$j" -lt "$i" ]; do k dee j; j=$((j + 1)); done
k dee Enter
scr dee | tail -1 | grep -q 'keep this suggestion: Enter saves it as yours' &&
    scr dee | grep -q '#pairing'
ok "Enter on one opens the note editor to keep it"
k dee Enter
k dee S
scr dee | grep -q 'both · yours' &&
    [ "$(scr dee | grep -c 'both · suggested')" -eq $((n0 - 1)) ]
ok "kept: it is yours, and one suggestion fewer"
k dee Escape q
stop_server

done_testing
