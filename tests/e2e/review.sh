#!/bin/sh
# End to end: a review session from the keyboard.  The search moves as
# it is typed and counts both essays, n goes on after Esc, marks and ''
# jump and are kept, N% goes to a percent, and a reader reopened (at
# another size, or after kill -9) is back at the same passage; --top
# starts at the top; the search prompt recalls what was searched.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

export DIPTYCH_ARGS="--store $TMPD/mine.db"
# words N TEXT: its first N words.
words() { echo "$2" | awk -v n="$1" '{ s = $1; for (i = 2; i <= n; i++) s = s " " $i; print s }'; }
status() { row "$1" ; }

start 120 40
keys / g s o m
row 40 | grep -q '^/gsom .*not in Ogi 2024 · 4 in Koga 2023 (Tab searches there)'
ok "/gsom, as it is typed: none in Ogi, 4 in Koga, beside the prompt"
keys Tab
row 40 | grep -q 'match 1/4 · 0 in Ogi 2024' && right 1 >/dev/null &&
    screen | grep -qi 'GSOMIA'
ok "Tab searches Koga: match 1/4, shown"
keys i a Enter
row 40 | grep -q '/gsomia: match 1/4 · 0 in Ogi 2024'
ok "Enter keeps it: match 1/4 · 0 in Ogi 2024"
keys n
row 40 | grep -q 'match 2/4'
ok "n: the next"
keys Escape n
row 40 | grep -q 'match 3/4'
ok "Esc clears the marks, and n goes on from the match that was current"
keys n n
row 40 | grep -q 'match 1/4 · 0 in Ogi 2024 (past the end: from the top)'
ok "past the last, n wraps to the first, and says so"

# Marks and jumps.
keys ']' ']' ']'
marked=$(words 5 "$(right 1)")
keys m a
row 40 | grep -q "mark a set ('a comes back here)"
ok "ma sets a mark"
keys G
[ "$(words 5 "$(right 1)")" != "$marked" ]
keys "'" a
[ "$(words 5 "$(right 1)")" = "$marked" ]
ok "G, then 'a: back at the mark"
keys "'" "'"
[ "$(words 5 "$(right 1)")" != "$marked" ]
keys "'" "'"
[ "$(words 5 "$(right 1)")" = "$marked" ]
ok "'' goes back to before the jump, and '' again returns"
keys m 7
row 40 | grep -q 'marks are a to z'
ok "m then a digit: no mark, and it says why"
keys 5 0 %
row 40 | grep -Eq 'Koga 2023 .* sync +(5[0-9]|6[0-5])%' || { diag "$(row 40)"; false; }
ok "50%: the middle of Koga's essay at the top (the status row counts to the bottom row)"
keys "'" a
give 2.5

# kill -9, two seconds after the last key: the place was kept.
top=$(right 1)
signal KILL
stop_server
start 100 30
[ "$(words 5 "$(right 1)")" = "$marked" ] ||
    screen | grep -qF "$(words 5 "$top")"
ok "killed, reopened at 100x30: the same passage"
keys "'" a
[ "$(words 5 "$(right 1)")" = "$marked" ] ||
    screen | head -3 | grep -qF "$(words 4 "$marked")"
ok "the mark is kept"
keys /
T send-keys Up
give 0.3
row 30 | grep -q '^/gsomia'
ok "Up at the search prompt recalls gsomia"
keys Escape q
[ "$(wait_exit)" = 0 ]

export DIPTYCH_ARGS="--store $TMPD/mine.db --top"
start 100 30
row 1 | grep -q 'Japan-U.S.-South Korea Trilateral'
ok "--top starts at the top"
keys q

done_testing
