#!/bin/sh
# End to end: synchronized sections in a real terminal.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

# Each section of the bundled pair: its label, and how its first row
# begins in the left (Ogi) and right (Koga) pane.
sections='Front matter|Japan-U.S.-South Korea Trilateral|Dealing with North Korea
The Russia-North Korea partnership|The Russia-North Korea Partnership|North Korea’s leader, Kim Jong Un
Japan and trilateral cooperation|· no counterpart in Ogi 2024 ·|Since the end of the Cold War
China'"'"'s response|Relative Gains of Russia and North Korea|That said, the recent Russia-North Korea
What Japan should do|Deploy a Japan-US-South Korea|China holds the key
References and authors|Hirohito Ogi|References'

# at_section LABEL LEFT RIGHT: both panes show the section at their top.
at_section() {
	left 1 | grep -qF "$2" && right 1 | grep -qF "$3" &&
	    row "$H" | grep -qF "Koga 2023 · $1" &&
	    { [ "$1" = 'Japan and trilateral cooperation' ] ||
	    row "$H" | grep -qF "Ogi 2024 · $1"; }
}

H=40
start 160 $H
n=0
printf '%s\n' "$sections" > "$TMPD/sections"
while IFS='|' read -r label l r; do
	if [ $n -gt 0 ]; then
		keys ']'
	fi
	at_section "$label" "$l" "$r"
	ok "] $n: both panes start \"$label\" on the top row"
	n=$((n + 1))
done < "$TMPD/sections"

keys ']'
row $H | grep -q 'the last section: no section after it' &&
    left 1 | grep -qF 'Hirohito Ogi' && right 1 | grep -qF 'References'
ok "] at the last section stays there, and says so"
keys G ']'
row $H | grep -q 'the last section: no section after it' &&
    ! row 1 | grep -qF 'Hirohito Ogi'
ok "] at the end of the last section does not go back to its start"
keys g ']' ']' ']' ']' ']'

resize 120 30
H=30
at_section 'References and authors' 'Hirohito Ogi' 'References'
ok "after a resize the paired section still starts on one row"

keys '['
at_section 'What Japan should do' 'Deploy a Japan-US-South Korea' 'China holds the key'
ok "[ goes to the previous section"

keys 3 j '['
at_section 'What Japan should do' 'Deploy a Japan-US-South Korea' 'China holds the key'
ok "[ inside a section goes back to its start"

keys 2 '['
at_section 'Japan and trilateral cooperation' '· no counterpart in Ogi 2024 ·' \
    'Since the end of the Cold War'
ok "a count before [ moves that many sections"

keys S
screen | grep -q ' sections ' &&
    [ "$(screen | grep -cE 'Front matter|The Russia-North Korea partnership|Japan and trilateral cooperation|China.s response|What Japan should do|References and authors')" -ge 6 ] &&
    screen | grep 'Japan and trilateral cooperation' | grep -q 'Koga 2023 only' &&
    screen | grep 'Japan and trilateral cooperation' | grep -q '▸'
ok "S lists the sections, where each is, and marks the current one"

keys G Enter
at_section 'References and authors' 'Hirohito Ogi' 'References'
ok "Enter in the sections list jumps both panes"

keys g
keys S j j Enter
at_section 'Japan and trilateral cooperation' '· no counterpart in Ogi 2024 ·' \
    'Since the end of the Cold War'
ok "a one-sided section shows the quiet note in the other column"

# Free mode: ] steps through the focused essay's sections, and both
# panes land on each.
keys g s ']' ']'
left 1 | grep -qF 'Relative Gains' && right 1 | grep -qF 'That said, the recent' &&
    row "$H" | grep -q 'free'
ok "unlocked, ] still lands both panes on the section"

# Reading Ogi top to bottom in sync mode, Koga's pane always shows the
# same section.
keys g s
pages=0
bad=
while [ $pages -lt 200 ]; do
	pages=$((pages + 1))
	ls=$(row "$H" | sed -n 's/.*Ogi 2024 · \([^·]*[^ ]\) *sync.*Koga.*/\1/p')
	rs=$(row "$H" | sed -n 's/.*Koga 2023 · \([^·]*[^ ]\) *sync.*/\1/p')
	[ "$ls" = "$rs" ] || [ "$ls" = 'no counterpart' ] ||
	    { diag "left in '$ls', right in '$rs'"; bad=1; break; }
	row "$H" | grep -q '100%.*100%' && break
	[ $pages -lt 200 ] || { diag "never reached the end"; bad=1; break; }
	T send-keys f
	sleep 0.15
	settle
done
[ -z "$bad" ] && [ -n "$ls" ]
ok "paging through in sync, both panes are always in the same section"

keys q
[ "$(wait_exit)" = 0 ]
ok "q quits"

# Narrow: one pane; the other follows it and is in step when shown.
start 70 24
H=24
keys ']' ']'
left 1 | grep -qF 'Relative Gains' && ! screen | grep -q '│'
ok "narrow: ] moves the one pane shown, through its own sections"
keys l
row "$H" | grep -q "Koga 2023 · China's response"
ok "narrow: the other essay is at the same section when shown"
keys q
wait_exit > /dev/null

# Files of one's own ------------------------------------------------------

# A first section only the right file has: the reader still opens at
# the first row of both.
printf '<!-- section: a "A" -->\n\nLeft A.\n' > "$TMPD/p1.md"
printf '<!-- section: pre "Preface" -->\n\nRight preface.\n\n<!-- section: a "A" -->\n\nRight A.\n' > "$TMPD/p2.md"
H=20
DIPTYCH_ARGS="$TMPD/p1.md $TMPD/p2.md" start 100 $H
right 1 | grep -q 'Right preface' && left 1 | grep -q 'no counterpart'
ok "opens at the first row of both, a one-sided first section included"
keys q
wait_exit > /dev/null

# No section in common: the panes scroll by the same fraction, and both
# reach their ends.
printf 'Short.\n\nAnother.\n' > "$TMPD/n1.md"
i=1
while [ $i -le 120 ]; do printf 'Line %d of the long one.\n\n' $i; i=$((i + 1)); done > "$TMPD/n2.md"
DIPTYCH_ARGS="$TMPD/n1.md $TMPD/n2.md" start 100 $H
keys Space
right 1 | grep -q 'Line' && ! right 1 | grep -q 'Line 1 of'
ok "proportional: paging moves the longer text although the left is short"
keys G
screen | grep -q 'Line 120 of the long one' && row $H | grep -q '100%.*100%'
ok "proportional: G shows the end of both"
keys q
wait_exit > /dev/null

# At the bottom, a larger terminal shows a full last screen, and G works.
start 80 24
H=24
keys G
resize 160 40
H=40
[ "$(screen | awk 'NF' | wc -l)" -gt 30 ]
ok "after G, growing the terminal shows no blank screen past the end"
keys G
row $H | grep -q '100%.*100%' && right $((H - 1)) | grep -q 'Nanyang'
ok "G then goes to the end at the new size"
keys q
wait_exit > /dev/null

done_testing
