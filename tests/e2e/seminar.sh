#!/bin/sh
# End to end: a seminar on one server.  Two readers, two authors, one
# shared SQLite store: a note written in one shows in the other with no
# key pressed, is answered there, and the answer comes back; others'
# notes cannot be changed; a private note never enters the seminar file.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh"

W=160 H=40
mkdir -p "$TMPD/group"
SEM="$TMPD/group/seminar.db"

# A private thought, written before any seminar: in ana's own store.
open_reader solo $W $H --store "$TMPD/ana.db" --author ana
within 5 solo 'Dealing with North Korea' && ready solo
k solo ']' ']' ']' a
T send-keys -t solo -l 'private musing, mine alone'
k solo Enter
within 3 solo 'saved'
ok "a note written alone is saved in the personal store"
k solo q
stop_server

open_reader ana $W $H --store "$TMPD/ana.db" --seminar "$SEM" --author ana
open_reader bo $W $H --store "$TMPD/bo.db" --seminar "$SEM" --author bo
# ana comes back to where she was: each is open once its status row is.
within 5 ana 'Ogi 2024.*Koga 2023' && within 5 bo 'Ogi 2024.*Koga 2023' &&
    ready ana && ready bo
scr ana | tail -1 | grep -q 'seminar'
ok "both readers open on the seminar, and the status row says so"
scr ana | grep -q 'Relative Gains of Russia'
ok "ana is back at the section she was reading alone"
k bo A
k ana g ']' v a
T send-keys -t ana -l 'Ogi opens with the treaty. #seminar'
k ana Enter
scr ana | tail -1 | grep -q 'saved, shared with the seminar'
ok "a note written in one reader goes to the seminar"
within 2 bo 'Ogi opens with the treaty. #seminar.*ana'
ok "it shows in the other reader's open list within 2 seconds, no key pressed"
k bo Escape ']'
scr bo | grep -q '▐'
ok "and is marked at its passage there"
k bo A j
k bo x
scr bo | tail -1 | grep -q "this is ana's note: only they can change it"
ok "bo cannot delete ana's note"
k bo r
T send-keys -t bo -l 'bo answers: and Koga with China.'
k bo Enter
scr bo | tail -1 | grep -q 'reply saved'
ok "bo replies"
k ana A
within 2 ana '↳ bo answers: and Koga with China.'
ok "the answer comes back to ana's open list with no key pressed"
scr ana | grep 'private musing' | grep -q 'private · ana'
ok "ana's list marks the note written alone as private"
python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("select author, note from anno").fetchall()
assert ("ana", "Ogi opens with the treaty. #seminar") in rows, rows
assert any(a == "bo" for a, n in rows), rows
' "$SEM" && ! grep -q 'private musing' "$SEM" "$SEM-wal" 2>/dev/null
ok "the seminar file has both authors' notes and not the private one"

# Follow the leader: bo lists who reads (F) and follows ana through ]
# jumps; ana sees that bo follows; a movement key ends it.
k ana Escape g
k bo Escape g F
within 3 bo 'reading now' && scr bo | grep -q 'ana · Ogi 2024'
ok "F lists ana, reading now"
k bo Enter
scr bo | tail -1 | grep -q 'following ana'
ok "Enter follows ana"
k ana ']' ']' ']'
same_top ana bo && scr bo | head -1 | grep -q 'Relative Gains'
ok "ana jumps three sections: bo's panes follow within a second or so"
within 3 ana 'followed by bo'
ok "ana's status row says bo follows her"
k bo j
scr bo | tail -1 | grep -q 'no longer following ana'
ok "a movement key ends following"
before=$(top_row bo)
k ana ']'
sleep 1.5
[ "$(top_row bo)" = "$before" ] && [ "$(top_row ana)" != "$before" ]
ok "and ana's next jump leaves bo where he is"
k ana q
k bo q
stop_server

done_testing
